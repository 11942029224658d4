package org.assessmentruntime.pluginmanager.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VersionConstraintTest {

    private static final List<String> VERSIONS = List.of("0.9.0", "1.0.0", "1.1.0", "1.2.0-beta.1", "1.2.0",
            "1.2.3", "1.2.9", "1.3.0", "1.10.0", "2.0.0-rc.1", "2.0.0", "2.1.0", "3.0.0-alpha");

    /** Constraint | every version of VERSIONS it allows. */
    @ParameterizedTest(name = "[{0}] allows {1}")
    @CsvSource(delimiter = '|', value = {
        // Any: releases only.
        "''        | 0.9.0 1.0.0 1.1.0 1.2.0 1.2.3 1.2.9 1.3.0 1.10.0 2.0.0 2.1.0",
        "*         | 0.9.0 1.0.0 1.1.0 1.2.0 1.2.3 1.2.9 1.3.0 1.10.0 2.0.0 2.1.0",
        // Exact, with or without '=', missing segments are 0.
        "1.2.3     | 1.2.3",
        "= 1.2.3   | 1.2.3",
        "=1.2      | 1.2.0",
        "1         | 1.0.0",
        "= 2.0.0-rc.1 | 2.0.0-rc.1",
        "2.0.0-rc.1   | 2.0.0-rc.1",
        // Pessimistic: the rightmost segment given may grow.
        "~> 1.2    | 1.2.0 1.2.3 1.2.9 1.3.0 1.10.0",
        "~>1.2     | 1.2.0 1.2.3 1.2.9 1.3.0 1.10.0",
        "~> 1.2.3  | 1.2.3 1.2.9",
        "~> 1.2.0  | 1.2.0 1.2.3 1.2.9",
        "~> 1      | 1.0.0 1.1.0 1.2.0 1.2.3 1.2.9 1.3.0 1.10.0",
        "~> 0.9    | 0.9.0",
        "~> 2.0.0-rc.1 | 2.0.0-rc.1 2.0.0",
        "~> 1.2.0-beta.1 | 1.2.0-beta.1 1.2.0 1.2.3 1.2.9",
        // Comparisons, combined with commas (or spaces).
        ">= 1.0, < 2.0 | 1.0.0 1.1.0 1.2.0 1.2.3 1.2.9 1.3.0 1.10.0",
        ">=1.0 <2      | 1.0.0 1.1.0 1.2.0 1.2.3 1.2.9 1.3.0 1.10.0",
        "> 1.2.3, <= 2.0.0 | 1.2.9 1.3.0 1.10.0 2.0.0",
        ">= 1.2, != 1.2.3, < 1.3 | 1.2.0 1.2.9",
        "!= 1.0.0  | 0.9.0 1.1.0 1.2.0 1.2.3 1.2.9 1.3.0 1.10.0 2.0.0 2.1.0",
        "< 1       | 0.9.0",
        // A pre-release only when a term names one of the same major.minor.patch.
        ">= 1.2.0-beta.1, < 1.3 | 1.2.0-beta.1 1.2.0 1.2.3 1.2.9",
        ">= 2.0.0-rc.1 | 2.0.0-rc.1 2.0.0 2.1.0",
        // npm's caret and tilde, used in the API's examples.
        "^1.2      | 1.2.0 1.2.3 1.2.9 1.3.0 1.10.0",
        "~1.2      | 1.2.0 1.2.3 1.2.9",
        "^0.9      | 0.9.0",
        "'^1.1, != 1.2.3' | 1.1.0 1.2.0 1.2.9 1.3.0 1.10.0",
        // Nothing.
        ">= 3      | ''",
        "'1.2.3, 1.2.9' | ''",
    })
    void allows(String constraint, String expected) {
        VersionConstraint parsed = VersionConstraint.parse(constraint);
        List<String> allowed = VERSIONS.stream().filter(parsed::allows).toList();
        assertThat(String.join(" ", allowed)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{0}] is refused: {1}")
    @CsvSource(delimiter = '|', value = {
        "=> 1.0        | cannot read '=> 1.0'",
        "'>= 1.0 || 2.0' | cannot read '|| 2.0'",
        "'>= 1.0,'     | an empty term between commas",
        "'~> '         | cannot read '~>'",
        "v1.2.3        | without a 'v' prefix",
        "1.2.3+build.1 | build metadata",
        "1.x           | wildcards are not supported",
        "'>= 1.*'      | wildcards are not supported",
        "1.2-beta      | a pre-release needs all three numbers",
        "1.2.3.4       | expected one to three numbers",
        "01.2          | expected one to three numbers",
        "latest        | expected one to three numbers",
        "99999999999   | too big",
    })
    void refuses(String constraint, String why) {
        assertThatThrownBy(() -> VersionConstraint.parse(constraint)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version constraint '" + constraint.strip() + "'")
                .hasMessageContaining(why);
    }

    @ParameterizedTest
    @CsvSource({ "'', *", "'  ~> 1.2 ', ~> 1.2" })
    void keepsTheConstraintAsWritten(String constraint, String shown) {
        assertThat(VersionConstraint.parse(constraint)).hasToString(shown);
    }

    @org.junit.jupiter.api.Test
    void versionsTooLargeForTheLibraryAreNeverAllowed() {
        assertThat(VersionConstraint.parse("*").allows("99999999999.0.0")).isFalse();
    }
}
