package org.assessmentruntime.configuration.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Every example of RFC 7396, Appendix A (original | patch | result). */
class MergePatchTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @ParameterizedTest(name = "{0} + {1} = {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{\"a\":\"b\"}                 | {\"a\":\"c\"}             | {\"a\":\"c\"}",
        "{\"a\":\"b\"}                 | {\"b\":\"c\"}             | {\"a\":\"b\",\"b\":\"c\"}",
        "{\"a\":\"b\"}                 | {\"a\":null}              | {}",
        "{\"a\":\"b\",\"b\":\"c\"}     | {\"a\":null}              | {\"b\":\"c\"}",
        "{\"a\":[\"b\"]}               | {\"a\":\"c\"}             | {\"a\":\"c\"}",
        "{\"a\":\"c\"}                 | {\"a\":[\"b\"]}           | {\"a\":[\"b\"]}",
        "{\"a\":{\"b\":\"c\"}}         | {\"a\":{\"b\":\"d\",\"c\":null}} | {\"a\":{\"b\":\"d\"}}",
        "{\"a\":[{\"b\":\"c\"}]}       | {\"a\":[1]}               | {\"a\":[1]}",
        "[\"a\",\"b\"]                 | [\"c\",\"d\"]             | [\"c\",\"d\"]",
        "{\"a\":\"b\"}                 | [\"c\"]                   | [\"c\"]",
        "{\"a\":\"foo\"}               | null                      | null",
        "{\"a\":\"foo\"}               | \"bar\"                   | \"bar\"",
        "{\"e\":null}                  | {\"a\":1}                 | {\"e\":null,\"a\":1}",
        "[1,2]                         | {\"a\":\"b\",\"c\":null}  | {\"a\":\"b\"}",
        "{}                            | {\"a\":{\"bb\":{\"ccc\":null}}} | {\"a\":{\"bb\":{}}}",
    })
    void appendixA(String original, String patch, String expected) throws Exception {
        JsonNode result = MergePatch.apply(MAPPER.readTree(original), MAPPER.readTree(patch));

        assertThat(result).isEqualTo(MAPPER.readTree(expected));
    }

    @ParameterizedTest(name = "section 3 example")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`{\"title\":\"Goodbye!\",\"author\":{\"givenName\":\"John\",\"familyName\":\"Doe\"},\"tags\":[\"example\",\"sample\"],\"content\":\"This will be unchanged\"}`"
            + " | `{\"title\":\"Hello!\",\"phoneNumber\":\"+01-123-456-7890\",\"author\":{\"familyName\":null},\"tags\":[\"example\"]}`"
            + " | `{\"title\":\"Hello!\",\"author\":{\"givenName\":\"John\"},\"tags\":[\"example\"],\"content\":\"This will be unchanged\",\"phoneNumber\":\"+01-123-456-7890\"}`",
    })
    void section3Example(String original, String patch, String expected) throws Exception {
        assertThat(MergePatch.apply(MAPPER.readTree(original), MAPPER.readTree(patch))).isEqualTo(MAPPER.readTree(expected));
    }

    @org.junit.jupiter.api.Test
    void leavesItsArgumentsAlone() throws Exception {
        JsonNode target = MAPPER.readTree("{\"a\":{\"b\":1}}");
        JsonNode patch = MAPPER.readTree("{\"a\":{\"b\":null,\"c\":2}}");

        MergePatch.apply(target, patch);

        assertThat(target).isEqualTo(MAPPER.readTree("{\"a\":{\"b\":1}}"));
        assertThat(patch).isEqualTo(MAPPER.readTree("{\"a\":{\"b\":null,\"c\":2}}"));
    }
}
