package org.assessmentruntime.pluginmanager.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.semver4j.Semver;
import org.semver4j.SemverException;
import org.semver4j.range.Range;
import org.semver4j.range.Range.RangeOperator;
import org.semver4j.range.RangeList;
import org.semver4j.range.RangeListFactory;

/**
 * A version constraint as Terraform writes it, evaluated by semver4j.
 *
 * <p>Terms are separated by commas (or spaces) and all must hold: {@code = 1.2.3} or bare {@code 1.2.3}
 * (exactly that version; a missing segment is 0), {@code != 1.2.3}, {@code > 1.2}, {@code >= 1.2},
 * {@code < 2}, {@code <= 2.0.1}, and the pessimistic {@code ~> 1.2} ({@code >= 1.2.0, < 2.0.0}) and
 * {@code ~> 1.2.3} ({@code >= 1.2.3, < 1.3.0}). npm's {@code ^1.2} and {@code ~1.2} are accepted too, as
 * the API's examples use them. Empty or {@code *} allows every version.
 *
 * <p>Pre-releases are only chosen when asked for: a pre-release version is allowed only if a term names
 * a pre-release of the same {@code major.minor.patch} (e.g. {@code = 2.0.0-rc.1}, {@code >= 2.0.0-rc.1});
 * {@code *} and {@code >= 1.0} never pick {@code 2.0.0-rc.1}.
 *
 * <p>semver4j is given primitive ranges built here rather than the text: it reads {@code ~>} as npm's
 * {@code ~} ({@code ~> 1.2} would stop below 1.3.0) and silently drops terms of {@code >= 1.0, < 2.0}.
 */
final class VersionConstraint {

    /** An operator, then a version; what the version may contain is checked afterwards, for clear errors. */
    private static final Pattern TERM = Pattern.compile("\\G\\s*(~>|!=|>=|<=|>|<|=|\\^|~)?\\s*([0-9A-Za-z.+*-]+)\\s*");

    /** One to three numbers; a pre-release only after all three, as in PluginId. */
    private static final Pattern VERSION = Pattern.compile("(0|[1-9]\\d*)(?:\\.(0|[1-9]\\d*)(?:\\.(0|[1-9]\\d*)"
            + "(-(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*)?)?)?");

    private static final String SYNTAX = "expected terms such as '~> 1.2', '>= 1.0, < 2.0', '= 1.2.3' or '*'";

    private final String text;
    private final RangeList ranges;
    private final List<Semver> excluded;

    private VersionConstraint(String text, RangeList ranges, List<Semver> excluded) {
        this.text = text;
        this.ranges = ranges;
        this.excluded = excluded;
    }

    /**
     * @param text the constraint; {@code null}, empty and {@code *} allow every version
     * @throws IllegalArgumentException naming the term at fault
     */
    static VersionConstraint parse(String text) {
        String constraint = text == null ? "" : text.strip();
        List<Range> all = new ArrayList<>();
        List<Semver> excluded = new ArrayList<>();
        if (!constraint.isEmpty() && !constraint.equals("*")) {
            for (String clause : constraint.split(",", -1)) {
                if (clause.isBlank()) {
                    throw invalid(constraint, "an empty term between commas");
                }
                Matcher term = TERM.matcher(clause);
                int end = 0;
                while (end < clause.length() && term.find(end) && term.start() == end) {
                    String operator = term.group(1) == null ? "=" : term.group(1);
                    Matcher version = version(constraint, term.group(2));
                    if (operator.equals("!=")) {
                        excluded.add(full(constraint, version));
                    } else {
                        all.addAll(ranges(operator, full(constraint, version), version, term.group(2)));
                    }
                    end = term.end();
                }
                if (end < clause.length()) {
                    throw invalid(constraint, "cannot read '" + clause.substring(end).strip()
                            + "': an operator (=, !=, >, >=, <, <=, ~>, ^, ~) must be followed by a version");
                }
            }
        }
        if (all.isEmpty()) {
            // "Any version" for semver4j; its pre-release rule then leaves pre-releases out.
            all.add(new Range(Semver.ZERO, RangeOperator.GTE));
        }
        return new VersionConstraint(constraint.isEmpty() ? "*" : constraint, new RangeList(false).add(all), excluded);
    }

    /** Whether a plugin version satisfies this constraint. */
    boolean allows(String version) {
        Semver semver;
        try {
            semver = new Semver(version);
        } catch (SemverException e) {
            // Numbers beyond what semver4j holds (it uses int); no constraint can name such a version either.
            return false;
        }
        return excluded.stream().noneMatch(semver::isEqualTo) && ranges.isSatisfiedBy(semver);
    }

    /** As written, {@code *} when empty. */
    @Override
    public String toString() {
        return text;
    }

    private static List<Range> ranges(String operator, Semver lower, Matcher version, String written) {
        return switch (operator) {
            case "=" -> List.of(new Range(lower, RangeOperator.EQ));
            case ">" -> List.of(new Range(lower, RangeOperator.GT));
            case ">=" -> List.of(new Range(lower, RangeOperator.GTE));
            case "<" -> List.of(new Range(lower, RangeOperator.LT));
            case "<=" -> List.of(new Range(lower, RangeOperator.LTE));
            // Terraform: the rightmost segment given may grow; with one segment, the minor may. The bound
            // is taken from the release, as npm's increments keep 2.0.0-rc.1's next minor at 2.0.0.
            case "~>" -> List.of(new Range(lower, RangeOperator.GTE), new Range(version.group(3) != null
                    ? lower.withClearedPreRelease().nextMinor() : lower.nextMajor(), RangeOperator.LT));
            // npm's caret and tilde, which semver4j reads correctly one term at a time.
            default -> RangeListFactory.create(operator + written).get().get(0);
        };
    }

    private static Matcher version(String constraint, String written) {
        Matcher matcher = VERSION.matcher(written);
        if (matcher.matches()) {
            return matcher;
        }
        String why;
        if (written.startsWith("v")) {
            why = "write versions without a 'v' prefix";
        } else if (written.contains("+")) {
            why = "build metadata ('+...') is not allowed; plugin versions have none";
        } else if (written.contains("*") || written.matches(".*\\.[xX](\\..*)?|[xX]")) {
            why = "wildcards are not supported; leave the segment out instead, e.g. '~> 1.2' or '>= 1.2'";
        } else if (written.contains("-")) {
            why = "a pre-release needs all three numbers, e.g. 1.2.0-rc.1";
        } else {
            why = "expected one to three numbers (1, 1.2, 1.2.3), optionally with a pre-release (1.2.3-rc.1)";
        }
        throw invalid(constraint, "'" + written + "' is not a version: " + why);
    }

    /** A version with its missing segments as 0, as Terraform reads {@code 1.2}. */
    private static Semver full(String constraint, Matcher version) {
        String text = version.group(1) + "." + zero(version.group(2)) + "." + zero(version.group(3))
                + (version.group(4) == null ? "" : version.group(4));
        try {
            return new Semver(text);
        } catch (SemverException e) {
            throw invalid(constraint, "'" + version.group() + "': " + e.getMessage());
        }
    }

    private static String zero(String segment) {
        return segment == null ? "0" : segment;
    }

    private static IllegalArgumentException invalid(String constraint, String why) {
        return new IllegalArgumentException("version constraint '" + constraint + "': " + why + "; " + SYNTAX);
    }
}
