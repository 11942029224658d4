package org.assessmentruntime.itests.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class BundleListTest {

    @Test
    void parsesNoFormatRows() {
        // As printed by Karaf 4.4.10 for `bundle:list -t 0 -s --no-format` (tabs, padded columns).
        String out = "START LEVEL 100 , List Threshold: 0\n"
                + " 0\tActive  \t  0\t7.0.5             \torg.apache.felix.framework\n"
                + " 1\tResolved\t  1\t4.4.10            \torg.apache.karaf.features.extension, Hosts: 0\n"
                + "52\tActive  \t 80\t0.1.0.SNAPSHOT    \torg.assessmentruntime.api\n"
                + "53\tInstalled\t 80\t0.1.0.SNAPSHOT    \torg.assessmentruntime.scheduler\n";
        List<BundleList.Bundle> bundles = BundleList.parse(out);
        assertThat(bundles).hasSize(4);
        assertThat(bundles.get(0)).isEqualTo(new BundleList.Bundle(0, "Active", 0, "7.0.5", "org.apache.felix.framework"));
        assertThat(bundles.get(1).symbolicName()).isEqualTo("org.apache.karaf.features.extension");
        assertThat(bundles).filteredOn(BundleList.symbolicNameStartsWith("org.assessmentruntime."))
                .extracting(BundleList.Bundle::active).containsExactly(true, false);
    }
}
