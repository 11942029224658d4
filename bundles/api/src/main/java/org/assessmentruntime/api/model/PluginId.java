package org.assessmentruntime.api.model;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One exact version of a plugin, e.g. {@code acme/ssh-config@1.4.0}.
 *
 * <p>Ordered by name, then by Semantic Versioning 2.0 precedence, so that "the highest installed
 * version" and "the version before this one" mean the same thing in every bundle.
 *
 * @param name    {@code namespace/name}, see {@link #NAME_PATTERN}
 * @param version a semantic version without build metadata, e.g. {@code 1.4.0} or {@code 2.0.0-rc.1}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record PluginId(String name, String version) implements Comparable<PluginId> {

    /**
     * Plugin names: lower-case {@code namespace/name}. Names become directory names in the plugin
     * store, so the pattern rules out path tricks ({@code ..}, absolute paths) and upper case (two
     * names that differ only in case would collide on case-insensitive file systems).
     */
    public static final Pattern NAME_PATTERN = Pattern.compile(
            "[a-z0-9](?:[a-z0-9._-]{0,62}[a-z0-9])?/[a-z0-9](?:[a-z0-9._-]{0,62}[a-z0-9])?");

    /*
     * semver.org's regular expression minus build metadata: "1.0.0+a" and "1.0.0+b" have the same
     * precedence, so allowing both would make two different versions compare as equal and collide in
     * the store.
     */
    private static final Pattern SEMVER = Pattern.compile(
            "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
                    + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?");

    private static final Comparator<PluginId> ORDER = Comparator.comparing(PluginId::name)
            .thenComparing(PluginId::version, PluginId::compareVersions);

    /** Validates. */
    public PluginId {
        name = requireName(name, "PluginId.name");
        version = requireVersion(version, "PluginId.version");
    }

    /**
     * Parses {@code namespace/name@version}.
     *
     * @param text the text to parse
     * @return the id
     * @throws IllegalArgumentException if the text is not of that form
     */
    public static PluginId parse(String text) {
        Check.text(text, "plugin id");
        int at = text.lastIndexOf('@');
        if (at < 0) {
            throw new IllegalArgumentException("plugin id '" + text + "' must be namespace/name@version");
        }
        return new PluginId(text.substring(0, at), text.substring(at + 1));
    }

    /** {@code namespace/name@version}. */
    @Override
    public String toString() {
        return name + "@" + version;
    }

    /** By name, then by semantic-version precedence. */
    @Override
    public int compareTo(PluginId other) {
        return ORDER.compare(this, other);
    }

    /**
     * Compares two semantic versions by precedence (semver.org, rule 11).
     *
     * @param a a valid version
     * @param b a valid version
     * @return negative, zero or positive as {@code a} is lower than, equal to or higher than {@code b}
     * @throws IllegalArgumentException if either is not a semantic version
     */
    public static int compareVersions(String a, String b) {
        Matcher x = semver(a, "version");
        Matcher y = semver(b, "version");
        for (int group = 1; group <= 3; group++) {
            int c = new java.math.BigInteger(x.group(group)).compareTo(new java.math.BigInteger(y.group(group)));
            if (c != 0) {
                return c;
            }
        }
        String preA = x.group(4);
        String preB = y.group(4);
        if (preA == null || preB == null) {
            // A release ranks above any of its pre-releases.
            return preA == null ? (preB == null ? 0 : 1) : -1;
        }
        String[] idsA = preA.split("\\.");
        String[] idsB = preB.split("\\.");
        for (int i = 0; i < Math.min(idsA.length, idsB.length); i++) {
            int c = compareIdentifiers(idsA[i], idsB[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(idsA.length, idsB.length);
    }

    private static int compareIdentifiers(String a, String b) {
        boolean numA = a.chars().allMatch(Character::isDigit);
        boolean numB = b.chars().allMatch(Character::isDigit);
        if (numA && numB) {
            return new java.math.BigInteger(a).compareTo(new java.math.BigInteger(b));
        }
        if (numA != numB) {
            // Numeric identifiers rank below alphanumeric ones.
            return numA ? -1 : 1;
        }
        return a.compareTo(b);
    }

    static String requireName(String name, String field) {
        Check.text(name, field);
        if (!NAME_PATTERN.matcher(name).matches()) {
            throw new IllegalArgumentException(field + " '" + name
                    + "' must be namespace/name in lower case (letters, digits, '.', '_', '-'; at most 64 each)");
        }
        return name;
    }

    static String requireVersion(String version, String field) {
        semver(version, field);
        return version;
    }

    private static Matcher semver(String version, String field) {
        Check.text(version, field);
        Matcher m = SEMVER.matcher(version);
        if (!m.matches()) {
            throw new IllegalArgumentException(field + " '" + version
                    + "' must be a semantic version such as 1.2.3 or 1.2.3-rc.1 (no leading 'v', no '+build')");
        }
        return m;
    }
}
