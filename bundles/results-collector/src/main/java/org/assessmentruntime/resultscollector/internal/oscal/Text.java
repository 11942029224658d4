package org.assessmentruntime.resultscollector.internal.oscal;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Fits free text from plugins into OSCAL's data types, whose JSON schema rejects what they do not
 * allow: tokens (names, ids), single-line markup, non-blank strings, URI references.
 */
public final class Text {

    private static final Pattern NOT_TOKEN = Pattern.compile("[^\\p{L}\\p{N}._-]");
    /** What ends a line for the schema's regular expressions ({@code .} matches none of these). */
    private static final Pattern LINE_BREAKS = Pattern.compile("\\s*[\\r\\n\\u0085\\u2028\\u2029]+\\s*");
    /** Characters RFC 3986 allows in a URI reference, besides letters and digits. */
    private static final String URI_CHARS = "-._~:/?#[]@!$&'()*+,;=%";

    private Text() {
    }

    /**
     * An OSCAL token (an XML NCName: a letter or {@code _}, then letters, digits, {@code . _ -}): other
     * characters become {@code -}, and {@code _} is put in front of a leading digit, dot or dash. So
     * {@code AC-2(1)} becomes {@code AC-2-1-}, {@code 1.2} becomes {@code _1.2}.
     */
    static String token(String text) {
        String token = NOT_TOKEN.matcher(text.strip()).replaceAll("-");
        return token.isEmpty() || !(Character.isLetter(token.charAt(0)) || token.charAt(0) == '_') ? "_" + token
                : token;
    }

    /** One line, without leading or trailing blanks; null when nothing is left. */
    public static String line(String text) {
        if (text == null) {
            return null;
        }
        String stripped = text.strip();
        // Most text is one line already: the regular expression (a tenth of delivery's time once) only
        // runs when there is something to join.
        String line = hasLineBreak(stripped) ? LINE_BREAKS.matcher(stripped).replaceAll(" ") : stripped;
        return line.isEmpty() ? null : line;
    }

    private static boolean hasLineBreak(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                return true;
            }
        }
        return false;
    }

    /** A URI reference: the text if it is one, else the text with what is not allowed percent-encoded. */
    static String href(String text) {
        try {
            new URI(text);
            return text;
        } catch (URISyntaxException e) {
            StringBuilder encoded = new StringBuilder();
            for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
                char c = (char) (b & 0xff);
                if (c < 0x80 && (Character.isLetterOrDigit(c) || URI_CHARS.indexOf(c) >= 0) && c != '%') {
                    encoded.append(c);
                } else {
                    encoded.append('%').append(String.format("%02X", b & 0xff));
                }
            }
            return encoded.toString();
        }
    }
}
