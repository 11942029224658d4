package org.assessmentruntime.pluginstore.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.NotFoundException;
import org.assessmentruntime.api.PluginStore;
import org.assessmentruntime.api.PluginVerificationException;
import org.assessmentruntime.api.model.Digest;
import org.assessmentruntime.api.model.InstalledPlugin;
import org.assessmentruntime.api.model.PluginId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link PluginStore} on a directory (layout in the {@code org.assessmentruntime.pluginstore}
 * package documentation).
 *
 * <p>A put writes the module, then its record, then the index; the index's atomic rename is the
 * commit, so a crash before it leaves nothing visible, and what it leaves behind (an unreferenced
 * module, a record the index lacks, temporary files) is cleaned on the next open or {@link #gc()}.
 * Removal runs the other way round: index first, then record and module.
 *
 * <p>A put keeps, of the plugin it stores, the highest version and {@code keepPrevious} versions below
 * it (for rollback), and always the version just put; it removes the others.
 *
 * <p>Reads take no lock: they use the last index read, re-read when the index file was replaced (by
 * this handle or another process).
 */
public final class FilePluginStore implements PluginStore {

    private static final Logger LOG = LoggerFactory.getLogger(FilePluginStore.class);

    private final Path directory;
    private final int keepPrevious;
    private final IndexFile indexFile;
    private final Blobs blobs;
    private final Records records;
    private final StoreLock lock;
    private final Map<Digest, String> damaged = new ConcurrentHashMap<>();
    private volatile Recovery recovery = Recovery.NONE;

    private FilePluginStore(Path directory, int keepPrevious) throws IOException {
        this.directory = directory;
        this.keepPrevious = keepPrevious;
        this.indexFile = new IndexFile(directory.resolve("index.json"));
        this.blobs = new Blobs(directory);
        this.records = new Records(directory);
        this.lock = new StoreLock(directory.resolve(".lock"));
    }

    /** See {@link org.assessmentruntime.pluginstore.PluginStores#open(Path, int)}. */
    public static FilePluginStore open(Path directory, int keepPreviousVersions) throws AssessmentException {
        if (keepPreviousVersions < 0) {
            throw new IllegalArgumentException("keepPreviousVersions must be 0 or more, got " + keepPreviousVersions);
        }
        Path dir = directory.toAbsolutePath().normalize();
        try {
            AtomicFiles.createDirectories(dir);
            FilePluginStore store = new FilePluginStore(dir, keepPreviousVersions);
            store.recover();
            return store;
        } catch (IOException e) {
            throw new AssessmentException("cannot open the plugin store in " + dir + ": " + describe(e), e);
        }
    }

    /** Finishes what an interrupted change left behind. */
    private void recover() throws IOException, AssessmentException {
        lock.call(() -> {
            AtomicFiles.deleteTemporaries(directory);
            blobs.deleteTemporaries();
            records.deleteTemporaries();
            StoreIndex index;
            try {
                index = indexFile.read();
            } catch (NoSuchFileException e) {
                if (records.isEmpty()) {
                    // A new store: write its empty index now, so that later a missing index always means
                    // a lost one (and a crash during the first put does not look like one).
                    index = StoreIndex.EMPTY;
                    indexFile.write(index);
                } else {
                    index = rebuild("the index " + indexFile.path() + " is missing");
                }
            } catch (StoreJson.CorruptException e) {
                Path aside = directory.resolve("index.json.damaged-" + System.currentTimeMillis());
                Files.move(indexFile.path(), aside);
                index = rebuild("the index was damaged (" + e.getMessage() + "; kept as " + aside + ")");
            }
            records.reconcile(index);
            return null;
        });
    }

    /** Rebuilds the index from the records whose modules are stored intact. */
    private StoreIndex rebuild(String why) throws IOException {
        List<String> problems = new ArrayList<>();
        List<InstalledPlugin> usable = new ArrayList<>();
        for (InstalledPlugin plugin : records.readAll(problems)) {
            if (blobs.intact(plugin.digest())) {
                usable.add(plugin);
            } else {
                problems.add(plugin.id() + ": its module " + plugin.digest() + " is missing or damaged");
            }
        }
        StoreIndex index = StoreIndex.of(usable);
        indexFile.write(index);
        recovery = new Recovery(why + "; rebuilt it from " + usable.size() + " records", problems);
        LOG.warn("Plugin store {}: {}{}", directory, recovery.summary(),
                problems.isEmpty() ? "" : "; left out: " + String.join("; ", problems));
        return index;
    }

    @Override
    public InstalledPlugin put(InstalledPlugin plugin, byte[] module) throws AssessmentException {
        Objects.requireNonNull(plugin, "plugin");
        Objects.requireNonNull(module, "module");
        if (!plugin.digest().matches(module)) {
            throw new PluginVerificationException(plugin.id() + ": the module's digest is " + Digest.sha256(module)
                    + ", not " + plugin.digest() + " as its metadata says; nothing was stored");
        }
        try {
            return lock.call(() -> store(plugin, module));
        } catch (IOException e) {
            throw failure("cannot store " + plugin.id(), e);
        }
    }

    private InstalledPlugin store(InstalledPlugin plugin, byte[] module) throws IOException, AssessmentException {
        StoreIndex index = indexFile.current();
        Optional<InstalledPlugin> stored = index.find(plugin.id());
        if (stored.isPresent() && !stored.get().digest().equals(plugin.digest())) {
            throw new AssessmentException(plugin.id() + " is stored with the module " + stored.get().digest()
                    + ", not " + plugin.digest() + ": a published version never changes; remove it first"
                    + " or publish a new version");
        }
        blobs.write(plugin.digest(), module);
        damaged.remove(plugin.digest());
        if (stored.isPresent()) {
            return stored.get();
        }
        records.write(plugin);
        StoreIndex next = index.with(plugin);
        List<InstalledPlugin> pruned = next.beyondKept(plugin.id(), keepPrevious);
        for (InstalledPlugin old : pruned) {
            next = next.without(old.id());
        }
        indexFile.write(next);
        discard(pruned, next);
        if (!pruned.isEmpty()) {
            LOG.info("Plugin store {}: stored {}, removed {} (keeping {} previous versions)", directory,
                    plugin.id(), pruned.stream().map(InstalledPlugin::id).toList(), keepPrevious);
        }
        return plugin;
    }

    @Override
    public Optional<InstalledPlugin> find(PluginId id) {
        return currentQuietly().find(Objects.requireNonNull(id, "id"));
    }

    @Override
    public byte[] module(Digest digest) throws AssessmentException {
        Objects.requireNonNull(digest, "digest");
        List<PluginId> users = currentQuietly().users(digest);
        if (users.isEmpty()) {
            throw new NotFoundException("no plugin in the store " + directory + " has the module " + digest);
        }
        byte[] bytes;
        try {
            bytes = blobs.read(digest);
        } catch (NoSuchFileException e) {
            throw damaged(digest, users, "is missing (" + blobs.path(digest) + ")");
        } catch (IOException e) {
            throw failure("cannot read the module " + digest + " of " + users, e);
        }
        if (!digest.matches(bytes)) {
            throw damaged(digest, users, "no longer matches its digest: " + blobs.path(digest) + " was changed on disk");
        }
        damaged.remove(digest);
        return bytes;
    }

    @Override
    public List<InstalledPlugin> list() {
        return currentQuietly().all();
    }

    @Override
    public Optional<InstalledPlugin> previous(PluginId id) {
        return currentQuietly().previous(Objects.requireNonNull(id, "id"));
    }

    @Override
    public void remove(PluginId id) throws AssessmentException {
        Objects.requireNonNull(id, "id");
        try {
            lock.call(() -> {
                StoreIndex index = indexFile.current();
                InstalledPlugin plugin = index.find(id)
                        .orElseThrow(() -> new NotFoundException(id + " is not in the plugin store " + directory));
                StoreIndex next = index.without(id);
                indexFile.write(next);
                discard(List.of(plugin), next);
                return null;
            });
        } catch (IOException e) {
            throw failure("cannot remove " + id, e);
        }
    }

    @Override
    public long gc() throws AssessmentException {
        try {
            return lock.call(this::collect);
        } catch (IOException e) {
            throw failure("cannot collect garbage", e);
        }
    }

    private long collect() throws IOException {
        StoreIndex index = indexFile.current();
        long freed = AtomicFiles.deleteTemporaries(directory) + blobs.deleteTemporaries()
                + records.deleteTemporaries();
        for (Digest digest : blobs.list()) {
            if (!index.digests().contains(digest)) {
                freed += blobs.delete(digest);
                damaged.remove(digest);
            }
        }
        records.reconcile(index);
        return freed;
    }

    /** What the store holds and what went wrong, from memory (no I/O), for health reports. */
    public StoreStatus status() {
        StoreIndex index = indexFile.last();
        return new StoreStatus(directory, keepPrevious, index.size(), index.names().size(), index.digests().size(),
                damaged, recovery.summary(), recovery.lost());
    }

    /** Deletes what removed versions leave: their records, and modules no other version uses. */
    private void discard(List<InstalledPlugin> removed, StoreIndex now) throws IOException {
        for (InstalledPlugin plugin : removed) {
            records.delete(plugin.id());
            if (now.users(plugin.digest()).isEmpty()) {
                blobs.delete(plugin.digest());
                damaged.remove(plugin.digest());
            }
        }
    }

    private StoreIndex currentQuietly() {
        try {
            return indexFile.current();
        } catch (IOException e) {
            // The index is only replaced whole, so this is a disk problem: answer from the last index read.
            LOG.warn("Plugin store {}: cannot read the index, using the last one read: {}", directory, e.toString());
            return indexFile.last();
        }
    }

    private PluginVerificationException damaged(Digest digest, List<PluginId> users, String what) {
        String message = users.size() == 1 ? users.get(0).toString() : users.toString();
        message += ": the stored module " + digest + " " + what + "; it is not handed out. Install the plugin again"
                + " to restore it.";
        damaged.put(digest, message);
        LOG.error("Plugin store {}: {}", directory, message);
        return new PluginVerificationException(message);
    }

    private AssessmentException failure(String what, IOException e) {
        return new AssessmentException("plugin store " + directory + ": " + what + ": " + describe(e), e);
    }

    /** The JDK's messages for these are only the path. */
    private static String describe(IOException e) {
        if (e instanceof FileAlreadyExistsException) {
            return e.getMessage() + " exists and is not a directory";
        }
        if (e instanceof NoSuchFileException) {
            return e.getMessage() + " does not exist";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied: " + e.getMessage();
        }
        return e.toString();
    }

    /** What opening the store had to repair. */
    private record Recovery(String summary, List<String> lost) {
        static final Recovery NONE = new Recovery("", List.of());
    }
}
