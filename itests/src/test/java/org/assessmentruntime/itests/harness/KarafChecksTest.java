package org.assessmentruntime.itests.harness;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KarafChecksTest {

    /** The entry as stock Karaf 4.4.10 logged it during its boot feature install. */
    private static final String KARAF_RACE = "2026-12-06T20:16:39,422 | ERROR | activator-1-thread-1 | MBeanHolder "
            + "                     | 25 - org.apache.aries.jmx.whiteboard - 1.2.0 | register: Failure registering MBean "
            + "org.apache.karaf.features.internal.management.FeaturesServiceMBeanImpl@43e249fa\n"
            + "javax.management.InstanceAlreadyExistsException: org.apache.karaf:type=feature,name=root\n"
            + "\tat java.management/com.sun.jmx.mbeanserver.Repository.addMBean(Repository.java:436)";

    @Test
    void onlyKarafsOwnBootRaceIsTolerated() {
        assertThat(KarafChecks.KNOWN_KARAF_BOOT_RACE).accepts(KARAF_RACE);
        // The same failure for one of our MBeans is ours, and fails the check.
        assertThat(KarafChecks.KNOWN_KARAF_BOOT_RACE).rejects(KARAF_RACE.replace(
                "org.apache.karaf:type=feature,name=root", "org.assessmentruntime:type=RuntimeStatus"));
        assertThat(KarafChecks.KNOWN_KARAF_BOOT_RACE).rejects(
                "2026-12-06T20:16:39,422 | ERROR | main | SchedulerService | 80 - org.assessmentruntime.scheduler | boom");
    }
}
