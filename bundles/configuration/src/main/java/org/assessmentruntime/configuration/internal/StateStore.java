package org.assessmentruntime.configuration.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the {@link SyncState} in {@code <dir>/state.json} ({@code ${karaf.data}/remote-config/} in the
 * runtime). Written to a temporary file, forced to disk and moved over the old one atomically, so a crash
 * leaves either the old state or the new one, never half a file. A state file that cannot be read is
 * moved aside ({@code state.json.corrupt-<time>}, kept for the operator) and the runtime starts over from
 * revision 0: the control plane then sends its current revision again.
 */
final class StateStore {

    private static final Logger LOG = LoggerFactory.getLogger(StateStore.class);

    static final String FILE = "state.json";

    static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private final Path directory;
    private final Clock clock;

    StateStore(Path directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    /** The stored state; {@link SyncState#EMPTY} when there is none or it was corrupt (then moved aside). */
    SyncState load() {
        Path file = directory.resolve(FILE);
        if (!Files.exists(file)) {
            return SyncState.EMPTY;
        }
        try {
            SyncState state = Json.MAPPER.readValue(file.toFile(), SyncState.class);
            if (state == null) {
                throw new IOException("the file is empty");
            }
            state.baselines().values().forEach(b -> b.values().values().forEach(PropertyCodec::decode));
            return state;
        } catch (IOException | RuntimeException e) {
            Path aside = directory.resolve(FILE + ".corrupt-" + DateTimeFormatter.ISO_INSTANT
                    .format(clock.instant().truncatedTo(ChronoUnit.SECONDS)).replace(':', '-'));
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException moveFailed) {
                LOG.warn("Cannot move the corrupt remote-configuration state {} aside: {}", file, moveFailed.toString());
            }
            LOG.warn("Remote-configuration state {} cannot be read ({}); moved it to {} and starting from revision 0"
                    + " (local configuration; the control plane's current revision is fetched again)", file,
                    Json.problem(e), aside.getFileName());
            return SyncState.EMPTY;
        }
    }

    /** Stores the state durably; the directory is created owner-only (0700). */
    void save(SyncState state) throws IOException {
        if (!Files.isDirectory(directory)) {
            if (posix(directory.toAbsolutePath().getParent())) {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
            } else {
                Files.createDirectories(directory);
            }
        }
        write(directory.resolve(FILE), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(state));
    }

    /**
     * Writes a file through a temporary one in the same directory: forced to disk, then moved atomically.
     * The file is readable by the runtime's user only (0600), from the moment it exists: it records which
     * settings and jobs the control plane controls, and the local values they replaced.
     */
    static void write(Path file, byte[] content) throws IOException {
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        // A left-over temporary file could have any permissions: start from a fresh one.
        Files.deleteIfExists(temp);
        FileAttribute<?>[] ownerOnly = posix(file.toAbsolutePath().getParent())
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE)}
                : new FileAttribute<?>[0];
        try (FileChannel channel = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), ownerOnly)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Whether the file system of this existing directory (or its nearest existing parent) has POSIX permissions. */
    private static boolean posix(Path directory) {
        Path existing = directory;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing != null && Files.getFileAttributeView(existing, PosixFileAttributeView.class) != null;
    }
}
