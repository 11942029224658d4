package org.assessmentruntime.configuration.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Map;

import org.assessmentruntime.configuration.internal.SyncState.Baseline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Part of the hostile-input suite: what a compromised control plane's remote configuration may not do.
 * It may never raise a ceiling that protects the host from plugins, widen what plugins may be granted,
 * or change where plugin code comes from or whether unsigned code runs; and the state it leaves on
 * disk is the runtime user's alone.
 */
class HostileOverlayTest {

    @TempDir
    Path dir;

    private final OverlayValidator validator = new OverlayValidator(Fakes.schemas());

    @Test
    void ceilingsGrantsAndTrustAreNeverRemotelySettable() {
        assertThatThrownBy(() -> validator.validate(json("""
                {"config": {
                   "org.assessmentruntime.jobrunner": {"maxTimeoutSeconds": 2147483647, "maxMemoryMiB": 2147483647,
                       "allowedDirectories": ["/"], "allowedEnv": ["ASSESSMENT_CLIENT_SECRET"]},
                   "org.assessmentruntime.pluginmanager": {"registryUrl": "https://evil.example.com",
                       "ociRegistry": "oci://evil.example.com/plugins", "allowUnsigned": true,
                       "allowUnsignedLocal": true},
                   "org.assessmentruntime.wasmexecutor": {"maxOpenFiles": 1000000},
                   "org.assessmentruntime.resultscollector": {"maxStoreSizeMb": 1000000}
                 }}"""), Map.of()))
                .isInstanceOf(RejectedOverlay.class)
                .hasMessageContaining("jobrunner.maxTimeoutSeconds: not remotely settable: it is a ceiling")
                .hasMessageContaining("jobrunner.maxMemoryMiB: not remotely settable: it is a ceiling")
                .hasMessageContaining("jobrunner.allowedDirectories: not remotely settable")
                .hasMessageContaining("jobrunner.allowedEnv: not remotely settable")
                .hasMessageContaining("pluginmanager.registryUrl: not remotely settable")
                .hasMessageContaining("pluginmanager.ociRegistry: not remotely settable")
                .hasMessageContaining("pluginmanager.allowUnsigned: not remotely settable")
                .hasMessageContaining("pluginmanager.allowUnsignedLocal: not remotely settable")
                .hasMessageContaining("wasmexecutor.maxOpenFiles: not remotely settable: it is a ceiling")
                .hasMessageContaining("resultscollector.maxStoreSizeMb: not remotely settable");
    }

    @Test
    void oneForbiddenKeyRejectsTheWholeOverlay() {
        assertThatThrownBy(() -> validator.validate(json("""
                {"config": {"org.assessmentruntime.jobrunner": {"serviceWaitSeconds": 30, "maxMemoryMiB": 4096}}}"""),
                Map.of()))
                .hasMessageContaining("maxMemoryMiB: not remotely settable")
                .hasMessageNotContaining("serviceWaitSeconds");
    }

    @Test
    void theStateFileIsTheRuntimeUsersAloneFromItsFirstByte() throws Exception {
        Path state = dir.resolve("remote-config");
        StateStore store = new StateStore(state, Clock.systemUTC());
        // A temporary file left world-readable by a crash is not reused as it is.
        Files.createDirectories(state);
        Files.writeString(state.resolve("." + StateStore.FILE + ".tmp"), "old");
        Files.setPosixFilePermissions(state.resolve("." + StateStore.FILE + ".tmp"),
                PosixFilePermissions.fromString("rw-rw-rw-"));

        store.save(new SyncState(3, "\"r3\"", json("{}"), "", null, Map.of("p", new Baseline(true, Map.of()))));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve(StateStore.FILE))))
                .isEqualTo("rw-------");
        assertThat(new StateStore(state, Clock.systemUTC()).load().revision()).isEqualTo(3);

        Path fresh = dir.resolve("data").resolve("remote-config");
        new StateStore(fresh, Clock.systemUTC()).save(SyncState.EMPTY);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh.resolve(StateStore.FILE))))
                .isEqualTo("rw-------");
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
