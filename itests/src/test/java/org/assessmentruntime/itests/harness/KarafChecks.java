package org.assessmentruntime.itests.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Predicate;

/** The checks every IT class ends with: nothing logged at ERROR, and a clean stop. */
public final class KarafChecks {

    /**
     * ERROR entries that Karaf itself logs now and then while installing its own boot features, before
     * any bundle of ours is installed, and that say nothing about the runtime: Aries JMX whiteboard
     * registering Karaf's FeaturesServiceMBean twice when the MBean server service appears during the
     * boot feature install (seen on stock Karaf 4.4.10 in EnterpriseInstallIT; reported by other Karaf
     * projects as a sporadic, unrelated failure, e.g. codice/ddf#5013). Matched narrowly: logger, exception
     * and the exact MBean name.
     */
    static final Predicate<String> KNOWN_KARAF_BOOT_RACE = entry -> entry.contains("| MBeanHolder ")
            && entry.contains("org.apache.aries.jmx.whiteboard")
            && entry.contains("javax.management.InstanceAlreadyExistsException: org.apache.karaf:type=feature,name=root");

    private KarafChecks() {
    }

    /** The ERROR entries of karaf.log so far, without Karaf's own known boot race. */
    public static List<String> errors(KarafDistribution karaf) {
        return karaf.karafLog().errors().stream().filter(KNOWN_KARAF_BOOT_RACE.negate()).toList();
    }

    /** No ERROR entry in karaf.log so far. */
    public static void assertNoErrorsLogged(KarafDistribution karaf) {
        assertThat(errors(karaf)).as("ERROR entries in %s", karaf.karafLog().file()).isEmpty();
    }

    /** bin/stop ends the process with exit code 0 within the stop timeout, logging no ERROR on the way. */
    public static void assertStopsCleanly(KarafDistribution karaf) {
        StopResult stop = karaf.stop();
        assertThat(stop.clean()).as("%s", stop).isTrue();
        assertThat(stop.exitCode()).isZero();
        assertThat(stop.duration()).isLessThan(karaf.stopTimeout());
        assertThat(karaf.isAlive()).isFalse();
        assertThat(errors(karaf)).as("ERROR entries logged while stopping").isEmpty();
    }
}
