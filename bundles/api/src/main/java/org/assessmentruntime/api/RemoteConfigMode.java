package org.assessmentruntime.api;

import java.util.Arrays;
import java.util.Locale;

/**
 * What the runtime does with the configuration overlay the control plane offers. Set locally only: the
 * switch itself can never be changed remotely.
 */
public enum RemoteConfigMode {
    /** Remote configuration is not fetched. */
    OFF("off"),
    /** Fetched, validated and reported back, but never applied. */
    REPORT_ONLY("report"),
    /** Fetched, validated and applied live, except for settings that are never remotely settable. */
    APPLY("apply_safe");

    private final String wireName;

    RemoteConfigMode(String wireName) {
        this.wireName = wireName;
    }

    /** The mode as the control plane's config report names it ({@code off}, {@code report}, {@code apply_safe}). */
    public String wireName() {
        return wireName;
    }

    /**
     * Parses a configured mode: {@code off}, {@code report-only} (or {@code report}) or {@code apply}, in
     * any case.
     *
     * @throws IllegalArgumentException naming the accepted values, for anything else
     */
    public static RemoteConfigMode parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (t) {
            case "off" -> OFF;
            case "report-only", "report" -> REPORT_ONLY;
            case "apply", "apply-safe" -> APPLY;
            default -> throw new IllegalArgumentException("remote configuration mode '" + text
                    + "' is not one of " + Arrays.asList("off", "report-only", "apply"));
        };
    }
}
