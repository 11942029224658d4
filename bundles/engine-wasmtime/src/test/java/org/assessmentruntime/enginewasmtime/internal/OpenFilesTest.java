package org.assessmentruntime.enginewasmtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The host's view of a guest's descriptors follows opens, closes and renumbers as WASI does. */
class OpenFilesTest {

    @Test
    void givenDescriptorsAreOpenAndNotCounted() {
        OpenFiles files = new OpenFiles(2, List.of("/data", "/"));

        assertThat(files.isOpen(0)).isTrue();
        assertThat(files.isOpen(4)).isTrue();
        assertThat(files.isOpen(5)).isFalse();
        assertThat(files.preopenName(3)).isEqualTo("/data");
        assertThat(files.preopenName(1)).as("stdout is no directory").isNull();
        assertThat(files.count()).isZero();
    }

    @Test
    void countsOpenedDescriptorsUpToTheCap() {
        OpenFiles files = new OpenFiles(2, List.of());

        files.opened(3);
        files.opened(4);
        assertThat(files.full()).isTrue();
        files.closed(3);
        assertThat(files.full()).isFalse();
        assertThat(files.isOpen(3)).isFalse();
    }

    @Test
    void aRenumberedGrantKeepsItsNameAndWhatItReplacedIsClosed() {
        OpenFiles files = new OpenFiles(4, List.of("/data"));
        files.opened(4);

        files.renumbered(3, 4);

        assertThat(files.preopenName(4)).isEqualTo("/data");
        assertThat(files.isOpen(3)).isFalse();
        assertThat(files.count()).as("the opened descriptor 4 was closed by the renumber").isZero();
    }

    @Test
    void aClosedGrantIsGone() {
        OpenFiles files = new OpenFiles(4, List.of("/data"));

        files.closed(3);

        assertThat(files.isOpen(3)).isFalse();
        assertThat(files.preopenName(3)).isNull();
    }
}
