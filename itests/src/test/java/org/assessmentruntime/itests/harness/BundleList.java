package org.assessmentruntime.itests.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Parses the output of {@link #COMMAND}: every bundle (threshold 0, so Karaf's own are included),
 * by symbolic name, without table formatting.
 *
 * <p>With {@code --no-format} Karaf 4.4 prints a {@code START LEVEL 100 , List Threshold: 0} line,
 * then one tab-separated row per bundle: id, state, start level, version, symbolic name (fragments and
 * hosts may add {@code , Fragments: 1} / {@code , Hosts: 0} after the name).
 */
public final class BundleList {

    /** The command whose output {@link #parse(String)} reads. */
    public static final String COMMAND = "bundle:list -t 0 -s --no-format";

    /**
     * One bundle.
     *
     * @param id           bundle id
     * @param state        as Karaf prints it: {@code Active}, {@code Resolved}, {@code Installed},
     *                     {@code Starting}, {@code Stopping}, {@code Failure}, ...
     * @param startLevel   start level
     * @param version      bundle version
     * @param symbolicName symbolic name
     */
    public record Bundle(long id, String state, int startLevel, String version, String symbolicName) {

        /** Whether the bundle is Active. */
        public boolean active() {
            return "Active".equals(state);
        }

        @Override
        public String toString() {
            return id + " " + symbolicName + "/" + version + " " + state;
        }
    }

    private BundleList() {
    }

    /** The bundles in the output; lines that are not bundle rows are skipped. */
    public static List<Bundle> parse(String output) {
        List<Bundle> bundles = new ArrayList<>();
        for (String line : output.split("\n")) {
            String[] cols = line.split("\t");
            if (cols.length < 5 || !cols[0].strip().matches("\\d+")) {
                continue;
            }
            String name = cols[4].strip();
            int comma = name.indexOf(", ");
            if (comma >= 0) {
                name = name.substring(0, comma);
            }
            bundles.add(new Bundle(Long.parseLong(cols[0].strip()), cols[1].strip(),
                    Integer.parseInt(cols[2].strip()), cols[3].strip(), name));
        }
        return bundles;
    }

    /** Bundles whose symbolic name starts with the prefix. */
    public static Predicate<Bundle> symbolicNameStartsWith(String prefix) {
        return b -> b.symbolicName().startsWith(prefix);
    }
}
