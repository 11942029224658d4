package org.assessmentruntime.pluginmanager.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands {@code ${name}} to the system property {@code name}. Metatype defaults are not interpolated
 * by Configuration Admin, so {@code ${karaf.home}} in a default must be expanded here.
 */
final class Placeholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");

    private Placeholders() {
    }

    /** @throws IllegalArgumentException naming the property, if one is not set */
    static String expand(String text) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder expanded = new StringBuilder();
        while (matcher.find()) {
            String value = System.getProperty(matcher.group(1));
            if (value == null) {
                throw new IllegalArgumentException("'" + text + "' refers to the system property "
                        + matcher.group(1) + ", which is not set");
            }
            matcher.appendReplacement(expanded, Matcher.quoteReplacement(value));
        }
        return matcher.appendTail(expanded).toString();
    }
}
