package org.assessmentruntime.resultscollector.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.ComponentHealth;
import org.assessmentruntime.api.HealthState;
import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.resultscollector.Fixtures;
import org.assessmentruntime.resultscollector.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A damaged store file, a store that breaks while in use, and other local users: results go on being
 * stored, nothing is deleted, and nobody but the runtime's user can read them.
 */
class HostileStoreFileTest {

    @TempDir
    Path karafData;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-04-01T12:00:00Z"));
    private ResultsCollectorService service;

    @AfterEach
    void deactivate() {
        if (service != null) {
            service.deactivate();
        }
    }

    @Test
    void aDamagedStoreIsMovedAsideAndAFreshOneKeepsStoring() throws Exception {
        Path directory = karafData.resolve("results");
        Files.createDirectories(directory);
        byte[] garbage = new byte[64 * 1024];
        new Random(7).nextBytes(garbage);
        Files.write(directory.resolve(MvResultStore.FILE_NAME), garbage);

        service = new ResultsCollectorService(ResultsCollectorServiceTest.config(directory.toString(), 30, 512,
                10_000), clock, null);
        AssessmentResult result = Fixtures.load(Fixtures.SSHD_FAIL);
        service.store(result);

        assertThat(service.find(result.resultId())).isPresent();
        Path aside = directory.resolve(MvResultStore.FILE_NAME + ".damaged-20260401T120000Z");
        assertThat(aside).hasBinaryContent(garbage);
        ComponentHealth health = service.health();
        assertThat(health.state()).isEqualTo(HealthState.DEGRADED);
        assertThat(health.detail()).contains("moved aside to " + aside);
        assertThat(health.facts()).containsKey("damagedStoreMovedAside");
    }

    @Test
    void aSecondDamagedStoreDoesNotReplaceTheFirstMovedAside() throws Exception {
        Path directory = karafData.resolve("results");
        Files.createDirectories(directory);
        Path file = directory.resolve(MvResultStore.FILE_NAME);
        Files.writeString(file, "first damaged store, not an MVStore at all ".repeat(200));
        Path first = DamagedStores.moveAside(file, clock.instant());
        Files.writeString(file, "second damaged store ".repeat(200));

        service = new ResultsCollectorService(ResultsCollectorServiceTest.config(directory.toString(), 30, 512,
                10_000), clock, null);

        assertThat(first).content().startsWith("first damaged store");
        assertThat(directory.resolve(MvResultStore.FILE_NAME + ".damaged-20260401T120000Z-2")).content()
                .startsWith("second damaged store");
        service.store(Fixtures.load(Fixtures.OS_BASELINE_PASS));
    }

    @Test
    void aStoreThatBreaksInUseIsReopenedAndTheResultKept() throws AssessmentException {
        service = new ResultsCollectorService(ResultsCollectorServiceTest.config(karafData.toString(), 30, 512,
                10_000), clock, null);
        AssessmentResult before = Fixtures.load(Fixtures.SSHD_FAIL);
        service.store(before);
        // As after a fatal I/O error: MVStore closes itself and refuses every later call.
        service.currentStore().close();

        AssessmentResult after = Fixtures.load(Fixtures.OS_BASELINE_PASS);
        service.store(after);

        assertThat(service.find(before.resultId())).isPresent();
        assertThat(service.find(after.resultId())).isPresent();
        assertThat(service.health().state()).isEqualTo(HealthState.UP);
    }

    @Test
    void theStoreIsReadableByItsOwnerOnly() throws Exception {
        assumeThat(FileSystems.getDefault().supportedFileAttributeViews()).contains("posix");
        Path directory = karafData.resolve("new").resolve("results");

        service = new ResultsCollectorService(ResultsCollectorServiceTest.config(directory.toString(), 30, 512,
                10_000), clock, null);
        service.store(Fixtures.load(Fixtures.SSHD_FAIL));

        assertThat(permissions(directory)).isEqualTo("rwx------");
        assertThat(permissions(directory.getParent())).isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> all = files.toList();
            assertThat(all).isNotEmpty().allSatisfy(f -> assertThat(permissions(f)).isEqualTo("rw-------"));
        }
    }

    @Test
    void aStoreLeftReadableByOthersIsMadePrivateWhenOpened() throws Exception {
        assumeThat(FileSystems.getDefault().supportedFileAttributeViews()).contains("posix");
        try (MvResultStore store = MvResultStore.open(karafData, clock)) {
            store.store(Fixtures.load(Fixtures.SSHD_FAIL));
        }
        Path file = karafData.resolve(MvResultStore.FILE_NAME);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        MvResultStore.open(karafData, clock).close();

        assertThat(permissions(file)).isEqualTo("rw-------");
    }

    private static String permissions(Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
