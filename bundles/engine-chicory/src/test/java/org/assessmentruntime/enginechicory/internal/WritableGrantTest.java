package org.assessmentruntime.enginechicory.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assessmentruntime.enginechicory.internal.WasiGuest.LOOKUP_FOLLOW;
import static org.assessmentruntime.enginechicory.internal.WasiGuest.O_CREAT;
import static org.assessmentruntime.enginechicory.internal.WasiGuest.O_TRUNC;
import static org.assessmentruntime.enginechicory.internal.WasiGuest.RIGHT_FD_READ;
import static org.assessmentruntime.enginechicory.internal.WasiGuest.RIGHT_FD_WRITE;
import static org.assessmentruntime.enginechicory.internal.WasiGuest.ROOT;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import org.assessmentruntime.api.model.DirectoryGrant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes through WASI: allowed inside a writable grant only, never outside its root (no {@code ..}, no
 * link that leads out, whoever made it), never through a read-only grant.
 */
class WritableGrantTest {

    @TempDir
    Path tmp;
    private Path root;
    private Path outside;

    @BeforeEach
    void layout() throws Exception {
        root = Files.createDirectories(tmp.resolve("root")).toRealPath();
        outside = Files.createDirectories(tmp.resolve("outside")).toRealPath();
        Files.writeString(root.resolve("file"), "data");
        Files.writeString(outside.resolve("secret"), "secret");
        // Planted by the host, not the guest: links out of the grant.
        Files.createSymbolicLink(root.resolve("out"), outside);
        Files.createSymbolicLink(root.resolve("secret-link"), outside.resolve("secret"));
    }

    @Test
    void writableGrantCreatesWritesRenamesLinksAndRemoves() throws Exception {
        try (WasiGuest guest = new WasiGuest(new DirectoryGrant(root.toString(), "/", true))) {
            assertThat(guest.open("new", 0, O_CREAT, RIGHT_FD_WRITE)).isZero();
            assertThat(guest.write(guest.lastFd(), "hello")).isZero();
            assertThat(guest.call("fd_close", guest.lastFd())).isZero();
            assertThat(Files.readString(root.resolve("new"))).isEqualTo("hello");

            assertThat(guest.rename("new", "renamed")).isZero();
            assertThat(guest.onPath("path_create_directory", ROOT, "dir")).isZero();
            assertThat(guest.link("renamed", "dir/hard")).isZero();
            assertThat(guest.symlink("../renamed", "dir/soft")).isZero();
            assertThat(guest.readlink("dir/soft")).isEqualTo("../renamed");
            assertThat(Files.readString(root.resolve("dir/hard"))).isEqualTo("hello");

            assertThat(guest.onPath("path_remove_directory", ROOT, "dir")).isEqualTo(Errno.ENOTEMPTY);
            assertThat(guest.onPath("path_unlink_file", ROOT, "dir/hard")).isZero();
            assertThat(guest.onPath("path_unlink_file", ROOT, "dir/soft")).isZero();
            assertThat(guest.onPath("path_remove_directory", ROOT, "dir")).isZero();
            assertThat(guest.onPath("path_unlink_file", ROOT, "renamed")).isZero();
            assertThat(root.resolve("renamed")).doesNotExist();
            assertThat(root.resolve("dir")).doesNotExist();
        }
    }

    @Test
    void readOnlyGrantRefusesEveryChange() throws Exception {
        FileTime before = Files.getLastModifiedTime(root.resolve("file"));
        try (WasiGuest guest = new WasiGuest(new DirectoryGrant(root.toString(), "/", false))) {
            assertThat(guest.open("new", 0, O_CREAT, RIGHT_FD_WRITE)).isEqualTo(Errno.EROFS);
            assertThat(guest.open("file", 0, 0, RIGHT_FD_WRITE)).isEqualTo(Errno.EROFS);
            assertThat(guest.open("file", 0, O_TRUNC, RIGHT_FD_READ)).isEqualTo(Errno.EROFS);
            assertThat(guest.onPath("path_create_directory", ROOT, "dir")).isEqualTo(Errno.EROFS);
            assertThat(guest.onPath("path_unlink_file", ROOT, "file")).isEqualTo(Errno.EROFS);
            assertThat(guest.onPath("path_unlink_file", ROOT, "out")).isEqualTo(Errno.EROFS);
            assertThat(guest.rename("file", "moved")).isEqualTo(Errno.EROFS);
            assertThat(guest.symlink("file", "soft")).isEqualTo(Errno.EROFS);
            assertThat(guest.link("file", "hard")).isEqualTo(Errno.EROFS);
            String file = "file";
            assertThat(guest.call("path_filestat_set_times", ROOT, 0, guest.string(file), 4, 0, 0, 4 | 1))
                    .isEqualTo(Errno.EROFS);

            assertThat(guest.open("file", 0, 0, RIGHT_FD_READ)).isZero();
            int fd = guest.lastFd();
            assertThat(guest.call("fd_filestat_set_size", fd, 0)).isEqualTo(Errno.EROFS);
            assertThat(guest.call("fd_filestat_set_times", fd, 0, 0, 4)).isEqualTo(Errno.EROFS);
            assertThat(guest.call("fd_allocate", fd, 0, 100)).isEqualTo(Errno.EROFS);
            assertThat(guest.call("fd_pwrite", fd, 0, 0, 0, 8)).isEqualTo(Errno.EROFS);
            assertThat(guest.write(fd, "x")).isNotZero();
            assertThat(guest.call("fd_filestat_set_times", ROOT, 0, 0, 4)).isEqualTo(Errno.EROFS);
        }
        assertThat(Files.readString(root.resolve("file"))).isEqualTo("data");
        assertThat(Files.getLastModifiedTime(root.resolve("file"))).isEqualTo(before);
        assertThat(root.resolve("new")).doesNotExist();
        assertThat(root.resolve("out")).isSymbolicLink();
    }

    @Test
    void writableGrantCannotChangeAnythingOutsideItsRoot() throws Exception {
        try (WasiGuest guest = new WasiGuest(new DirectoryGrant(root.toString(), "/", true))) {
            assertThat(guest.open("../escaped", 0, O_CREAT, RIGHT_FD_WRITE)).isEqualTo(Errno.EPERM);
            assertThat(guest.open("out/escaped", 0, O_CREAT, RIGHT_FD_WRITE)).isEqualTo(Errno.EPERM);
            assertThat(guest.open("out/secret", LOOKUP_FOLLOW, O_TRUNC, RIGHT_FD_WRITE)).isEqualTo(Errno.EPERM);
            assertThat(guest.open("secret-link", LOOKUP_FOLLOW, O_TRUNC, RIGHT_FD_WRITE)).isEqualTo(Errno.EPERM);
            assertThat(guest.onPath("path_create_directory", ROOT, "../escaped")).isEqualTo(Errno.EPERM);
            assertThat(guest.onPath("path_create_directory", ROOT, "out/escaped")).isEqualTo(Errno.EPERM);
            assertThat(guest.onPath("path_unlink_file", ROOT, "out/secret")).isEqualTo(Errno.EPERM);
            assertThat(guest.rename("file", "../escaped")).isEqualTo(Errno.EPERM);
            assertThat(guest.rename("file", "out/escaped")).isEqualTo(Errno.EPERM);
            assertThat(guest.rename("out/secret", "stolen")).isEqualTo(Errno.EPERM);
            assertThat(guest.link("out/secret", "stolen")).isEqualTo(Errno.EPERM);
            assertThat(guest.link("file", "out/escaped")).isEqualTo(Errno.EPERM);
            assertThat(guest.symlink("file", "out/escaped")).isEqualTo(Errno.EPERM);
            String secret = "out/secret";
            assertThat(guest.call("path_filestat_set_times", ROOT, LOOKUP_FOLLOW, guest.string(secret),
                    secret.length(), 0, 0, 4)).isEqualTo(Errno.EPERM);
            assertThat(guest.onPath("path_remove_directory", ROOT, ".")).isEqualTo(Errno.EBUSY);
            assertThat(guest.rename(".", "moved")).isEqualTo(Errno.EBUSY);
        }
        try (var files = Files.list(outside)) {
            assertThat(files).containsExactly(outside.resolve("secret"));
        }
        assertThat(Files.readString(outside.resolve("secret"))).isEqualTo("secret");
        assertThat(tmp.resolve("escaped")).doesNotExist();
        assertThat(root.resolve("stolen")).doesNotExist();
    }

    /** A link the guest makes may only point inside its grant: no absolute target, no climbing out. */
    @Test
    void aDanglingHostLinkOutOfTheGrantIsRefusedAsAnyLinkOutIs() throws Exception {
        // Whether the target exists on the host must not show: both are EPERM (ENOENT told them apart).
        Files.createSymbolicLink(root.resolve("dangling-out"), outside.resolve("no-such-file"));
        Files.createSymbolicLink(root.resolve("dangling-in"), root.resolve("no-such-file"));
        try (WasiGuest guest = new WasiGuest(new DirectoryGrant(root.toString(), "/", false))) {
            assertThat(guest.open("secret-link", LOOKUP_FOLLOW, 0, RIGHT_FD_READ)).isEqualTo(Errno.EPERM);
            assertThat(guest.open("dangling-out", LOOKUP_FOLLOW, 0, RIGHT_FD_READ)).isEqualTo(Errno.EPERM);
            assertThat(guest.open("dangling-in", LOOKUP_FOLLOW, 0, RIGHT_FD_READ)).isEqualTo(Errno.ENOENT);
            assertThat(guest.open("no-such-file", LOOKUP_FOLLOW, 0, RIGHT_FD_READ)).isEqualTo(Errno.ENOENT);
        }
    }

    @Test
    void aListingShowsEachEntryAsWhatItIsAndKeepsDanglingLinks() throws Exception {
        Files.createSymbolicLink(root.resolve("dangling-out"), outside.resolve("no-such-file"));
        Files.createDirectory(root.resolve("sub"));
        try (WasiGuest guest = new WasiGuest(new DirectoryGrant(root.toString(), "/", false))) {
            // 3 = directory, 4 = regular file, 7 = symbolic link. Chicory's own listing reported a link
            // out of the grant as the host file it points to (a regular file), and left out the dangling one.
            assertThat(guest.readdir()).containsEntry(".", 3).containsEntry("..", 3).containsEntry("file", 4)
                    .containsEntry("sub", 3).containsEntry("out", 7).containsEntry("secret-link", 7)
                    .containsEntry("dangling-out", 7).hasSize(7);
        }
    }

    @Test
    void guestSymlinksCannotLeadOut() throws Exception {
        try (WasiGuest guest = new WasiGuest(new DirectoryGrant(root.toString(), "/", true))) {
            assertThat(guest.symlink("/etc/passwd", "abs")).isEqualTo(Errno.EPERM);
            assertThat(guest.symlink(outside.resolve("secret").toString(), "abs")).isEqualTo(Errno.EPERM);
            assertThat(guest.symlink("../outside/secret", "up")).isEqualTo(Errno.EPERM);
            assertThat(guest.onPath("path_create_directory", ROOT, "sub")).isZero();
            assertThat(guest.symlink("../../outside", "sub/up")).isEqualTo(Errno.EPERM);
            assertThat(guest.symlink("sub/../..", "up")).isEqualTo(Errno.EPERM);
            assertThat(guest.symlink("../file", "sub/ok")).isZero();
            assertThat(guest.symlink("dangling", "later")).isZero();
        }
        assertThat(root.resolve("abs")).doesNotExist();
        assertThat(root.resolve("up")).doesNotExist();
        assertThat(Files.readSymbolicLink(root.resolve("sub/ok")).toString()).isEqualTo("../file");
    }

    /** Without SYMLINK_FOLLOW a call acts on the link itself, never on what it points to. */
    @Test
    void callsThatDoNotFollowActOnTheLinkItself() throws Exception {
        try (WasiGuest guest = new WasiGuest(new DirectoryGrant(root.toString(), "/", true))) {
            assertThat(guest.open("secret-link", 0, 0, RIGHT_FD_READ)).isEqualTo(Errno.ELOOP);
            assertThat(guest.open("secret-link", 0, O_CREAT, RIGHT_FD_WRITE)).isEqualTo(Errno.ELOOP);
            assertThat(guest.readlink("out")).isEqualTo(outside.toString());
            assertThat(guest.onPath("path_unlink_file", ROOT, "secret-link")).isZero();
            assertThat(guest.rename("out", "moved-link")).isZero();
            assertThat(guest.onPath("path_remove_directory", ROOT, "moved-link")).isEqualTo(Errno.ENOTDIR);
        }
        assertThat(outside.resolve("secret")).hasContent("secret");
        assertThat(root.resolve("moved-link")).isSymbolicLink();
    }

    /** Where a writable and a read-only grant overlap, read-only wins. */
    @Test
    void readOnlyGrantInsideAWritableOneStaysReadOnly() throws Exception {
        Path inner = Files.createDirectories(root.resolve("inner"));
        Files.writeString(inner.resolve("kept"), "kept");
        try (WasiGuest guest = new WasiGuest(new DirectoryGrant(root.toString(), "/", true),
                new DirectoryGrant(inner.toString(), "/inner", false))) {
            assertThat(guest.onPath("path_unlink_file", ROOT, "inner/kept")).isEqualTo(Errno.EROFS);
            assertThat(guest.open("inner/new", 0, O_CREAT, RIGHT_FD_WRITE)).isEqualTo(Errno.EROFS);
            assertThat(guest.rename("file", "inner/file")).isEqualTo(Errno.EROFS);
            assertThat(guest.rename("inner", "moved")).isEqualTo(Errno.EROFS);
            assertThat(guest.link("inner/kept", "hard")).isEqualTo(Errno.EROFS);
        }
        assertThat(inner.resolve("kept")).hasContent("kept");
        assertThat(root.resolve("hard")).doesNotExist();
    }
}
