package org.assessmentruntime.itests.harness;

import static org.assertj.core.api.Assertions.assertThat;

/** The checks every IT class ends with: nothing logged at ERROR, and a clean stop. */
public final class KarafChecks {

    private KarafChecks() {
    }

    /** No ERROR entry in karaf.log so far. */
    public static void assertNoErrorsLogged(KarafDistribution karaf) {
        assertThat(karaf.karafLog().errors()).as("ERROR entries in %s", karaf.karafLog().file()).isEmpty();
    }

    /** bin/stop ends the process with exit code 0 within the stop timeout, logging no ERROR on the way. */
    public static void assertStopsCleanly(KarafDistribution karaf) {
        StopResult stop = karaf.stop();
        assertThat(stop.clean()).as("%s", stop).isTrue();
        assertThat(stop.exitCode()).isZero();
        assertThat(stop.duration()).isLessThan(karaf.stopTimeout());
        assertThat(karaf.isAlive()).isFalse();
        assertThat(karaf.karafLog().errors()).as("ERROR entries logged while stopping").isEmpty();
    }
}
