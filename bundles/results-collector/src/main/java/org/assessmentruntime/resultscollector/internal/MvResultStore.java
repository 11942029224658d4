package org.assessmentruntime.resultscollector.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import org.assessmentruntime.api.AssessmentException;
import org.assessmentruntime.api.NotFoundException;
import org.assessmentruntime.api.ParkedResults;
import org.assessmentruntime.api.model.AssessmentResult;
import org.assessmentruntime.api.model.DeliveryBacklog;
import org.assessmentruntime.api.model.DeliveryState;
import org.assessmentruntime.api.model.ResultQuery;
import org.assessmentruntime.api.model.StoredResult;
import org.assessmentruntime.resultscollector.ResultStore;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * The {@link ResultStore} on H2's MVStore: one file, written as an append-only log of chunks, each
 * commit ending with a new file header. After a crash the store opens at the last complete commit.
 *
 * <p>Auto-commit is off: every change is committed (and the file synced) by the method that makes it,
 * under one write lock, so that a result and its index entries reach the disk together, never apart;
 * results stored at about the same time share one commit and sync ({@link GroupCommit}), and
 * {@link #store} returns only once its own result is durable.
 * Changes are small: a result is written once, under the next sequence number, and delivery updates
 * rewrite only its small {@link Delivery} (see {@link ResultMaps} for the layout, {@link Layout} for
 * its version: a store of another layout is refused at open).
 *
 * <p>The file is accessed through {@link UninterruptibleFilePath}, so that a caller's thread being
 * interrupted does not close it under everyone else.
 */
// The store is also the delivery's outbox and the operators' parked results: the collector service
// hands those calls straight to it.
public final class MvResultStore implements ResultStore, Outbox, ParkedResults {

    /** The store's file within its directory. */
    public static final String FILE_NAME = "results.mv.db";

    /** Delivered results dropped per commit by {@link #purgeDelivered}, to bound one commit's size. */
    private static final int PURGE_BATCH = 500;

    /** Delivered results dropped per commit by {@link #shrinkTo}: small, to stop close to the target. */
    private static final int SHRINK_BATCH = 50;

    private final Path directory;
    private final MVStore store;
    private final ResultMaps maps;
    private final SinkCursors sinks;
    private final Clock clock;
    private final UnreadableRecords unreadable;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final GroupCommit group;
    /** Guarded by writeLock. */
    private Instant lastStoredAt;
    /** The next result's sequence number. Guarded by writeLock. */
    private long nextSeq;
    private volatile DeliveryBacklog backlog;
    private volatile long sizeBytes;
    private volatile long contentBytes;
    private volatile String writeFailure;

    private MvResultStore(Path directory, MVStore store, Clock clock) {
        this.directory = directory;
        this.store = store;
        this.clock = clock;
        this.unreadable = new UnreadableRecords(directory.resolve(FILE_NAME));
        this.maps = new ResultMaps(store, unreadable);
        this.sinks = new SinkCursors(store);
        this.lastStoredAt = maps.lastStoredAt();
        this.nextSeq = maps.nextSeq();
        maps.countContentIfMissing(store);
        refresh();
        this.group = new GroupCommit(writeLock, new GroupCommit.Store() {
            @Override
            public void commit() {
                try {
                    store.commit();
                    writeFailure = null;
                } finally {
                    refresh();
                }
            }

            @Override
            public void rollback() {
                MvResultStore.this.rollback();
                refresh();
            }

            @Override
            public void sync() {
                store.sync();
            }

            @Override
            public AssessmentException failure(String what, RuntimeException cause) {
                return failed(what, cause);
            }
        }, "result-store-sync " + directory.getFileName());
    }

    /**
     * Opens (or creates) the store in a directory. A new directory is created {@code 0700} and a new file
     * {@code 0600}; an existing file is made {@code 0600} (see {@link PrivateFiles}).
     *
     * @throws DamagedStoreException when the file is there but is no readable store (corrupt); the caller
     *                               decides whether to move it aside ({@link DamagedStores})
     * @throws AssessmentException   naming the file and the reason, for anything else
     */
    public static MvResultStore open(Path directory, Clock clock) throws AssessmentException {
        Objects.requireNonNull(clock, "clock");
        Path file = directory.resolve(FILE_NAME);
        try {
            PrivateFiles.createDirectories(directory);
            PrivateFiles.restrict(file);
        } catch (IOException e) {
            throw new AssessmentException("cannot create the result store's directory " + directory + ": " + e, e);
        }
        MVStore store = null;
        try {
            store = new MVStore.Builder().fileName(UninterruptibleFilePath.name(file)).autoCommitDisabled().compress()
                    .open();
            Layout.check(store, directory);
            return new MvResultStore(directory, store, clock);
        } catch (AssessmentException e) {
            store.closeImmediately();
            throw e;
        } catch (MVStoreException e) {
            if (store != null) {
                store.closeImmediately();
            }
            if (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
                throw new AssessmentException("the result store " + file
                        + " is in use by another process (a running runtime?); stop it or use its shell", e);
            }
            throw failedToOpen(file, e);
        } catch (RuntimeException e) {
            // A file that opens but whose maps do not read (a damaged page, a map of another type).
            if (store != null) {
                store.closeImmediately();
            }
            throw failedToOpen(file, e);
        }
    }

    /**
     * Damaged when the file is there and this process may read and write it, yet it is no store: then
     * moving it aside helps. Not when access is denied (an operator's matter: moving would not fix it).
     */
    private static AssessmentException failedToOpen(Path file, RuntimeException e) {
        String message = "cannot open the result store " + file + ": " + e.getMessage();
        return Files.isRegularFile(file) && Files.isReadable(file) && Files.isWritable(file)
                ? new DamagedStoreException(file, message, e) : new AssessmentException(message, e);
    }

    /** Whether the store is still usable: MVStore closes itself for good after a fatal I/O error. */
    boolean isOpen() {
        return !store.isClosed();
    }

    @Override
    public StoredResult store(AssessmentResult result) throws AssessmentException {
        return store(result, null);
    }

    /**
     * Stores a result together with the body delivery sends it as (see {@link Outbox}), in one commit.
     *
     * @param body the body; null when there is none (no delivery configured, or it could not render one)
     */
    public StoredResult store(AssessmentResult result, byte[] body) throws AssessmentException {
        CompletableFuture<StoredResult> durable = storeAsync(result, body);
        try {
            return durable.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof AssessmentException a) {
                throw a;
            }
            throw e;
        }
    }

    /**
     * Stores a result as {@link #store(AssessmentResult, byte[])} does, without waiting for the disk: the
     * result is there for readers at once, and the stage completes once it is durable (its group's commit
     * synced; see {@link GroupCommit}), or fails with the {@link AssessmentException} that undid it.
     *
     * @throws AssessmentException when the change cannot even be applied
     */
    public CompletableFuture<StoredResult> storeAsync(AssessmentResult result, byte[] body) throws AssessmentException {
        Objects.requireNonNull(result, "result");
        writeLock.lock();
        try {
            Optional<StoredResult> existing = maps.find(result.resultId());
            if (existing.isPresent()) {
                return CompletableFuture.completedFuture(existing.get());
            }
            Entry entry = Entry.of(result, nextStoredAt());
            long seq = nextSeq;
            try {
                maps.add(seq, entry, result, body);
            } catch (RuntimeException e) {
                AssessmentException failure = failed("store result " + result.resultId(), e);
                rollback();
                group.rolledBack(failure);
                refresh();
                throw failure;
            }
            nextSeq = seq + 1;
            lastStoredAt = entry.storedAt();
            StoredResult stored = Delivery.PENDING.of(result, entry);
            return group.applied().thenApply(durable -> stored);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * The storage time of a new result: the clock's time, but always after the previous result's, so that
     * storage order is a total order and {@link #pending} serves results in the order they came.
     */
    private Instant nextStoredAt() {
        Instant now = clock.instant();
        return lastStoredAt != null && !now.isAfter(lastStoredAt) ? lastStoredAt.plusNanos(1) : now;
    }

    @Override
    public Optional<StoredResult> find(UUID resultId) {
        return maps.find(resultId);
    }

    @Override
    public List<StoredResult> query(ResultQuery query) {
        return maps.query(query);
    }

    @Override
    public List<StoredResult> pending(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        return maps.inState(DeliveryState.PENDING, limit);
    }

    /** Pending results as the bodies delivery sends, oldest first (see {@link Outbox#outgoing}). */
    public List<Outgoing> outgoing(long after, int limit, Function<AssessmentResult, byte[]> render) {
        return outgoing(after, limit, Long.MAX_VALUE, render);
    }

    /** Pending results as the bodies delivery sends, oldest first, bounded by bytes (see {@link Outbox}). */
    public List<Outgoing> outgoing(long after, int limit, long maxBytes, Function<AssessmentResult, byte[]> render) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        return maps.outgoing(after, limit, maxBytes, Objects.requireNonNull(render, "render"));
    }

    @Override
    public List<StoredResult> run(UUID runId) {
        return maps.run(runId);
    }

    @Override
    public void markDelivered(UUID resultId) throws AssessmentException {
        change(resultId, "mark delivered", d -> d.state() == DeliveryState.DELIVERED ? d
                : d.attempted(DeliveryState.DELIVERED, "", clock.instant()));
    }

    /**
     * One commit (and one disk sync) for the whole batch: that sync, not the map updates, is what a
     * delivered result costs, so batched delivery pays it once per batch.
     */
    @Override
    public void markDelivered(Collection<UUID> resultIds) throws AssessmentException {
        Objects.requireNonNull(resultIds, "resultIds");
        Instant now = clock.instant();
        // Gone (retention) or delivered already: nothing to do, by the contract.
        changeAll(resultIds, "delivered", d -> d.state() == DeliveryState.DELIVERED ? d
                : d.attempted(DeliveryState.DELIVERED, "", now));
    }

    @Override
    public List<StoredResult> parked(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        return maps.inStateNewestFirst(DeliveryState.PARKED, limit);
    }

    @Override
    public void markFailed(UUID resultId, String error) throws AssessmentException {
        // A late failure report for a result delivered meanwhile (by a retry) changes nothing.
        change(resultId, "mark failed", d -> d.state() == DeliveryState.DELIVERED ? d
                : d.attempted(d.state(), reason(error), clock.instant()));
    }

    /**
     * A failed attempt for each of a batch's results in one commit (and one sync); results gone or
     * delivered meanwhile are left alone, as by {@link #markFailed(UUID, String)}.
     */
    @Override
    public void markFailed(Collection<UUID> resultIds, String error) throws AssessmentException {
        Objects.requireNonNull(resultIds, "resultIds");
        Instant now = clock.instant();
        String reason = reason(error);
        changeAll(resultIds, "failed", d -> d.state() == DeliveryState.DELIVERED ? d
                : d.attempted(d.state(), reason, now));
    }

    /** One transition for each of a batch of results, in one commit; unknown results are skipped. */
    private void changeAll(Collection<UUID> resultIds, String what, Transition transition)
            throws AssessmentException {
        writeLock.lock();
        try {
            List<Change> changes = new ArrayList<>();
            for (UUID resultId : resultIds) {
                Long seq = maps.seq(Objects.requireNonNull(resultId, "resultId"));
                Delivery from = seq == null ? null : maps.delivery(seq).orElse(null);
                if (from != null) {
                    Delivery to = transition.apply(from);
                    if (!to.equals(from)) {
                        changes.add(new Change(seq, from, to));
                    }
                }
            }
            if (!changes.isEmpty()) {
                write("mark " + changes.size() + " results " + what,
                        () -> changes.forEach(change -> maps.update(change.seq(), change.from(), change.to())));
            }
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void markParked(UUID resultId, String error) throws AssessmentException {
        change(resultId, "park", d -> d.state() == DeliveryState.DELIVERED ? d
                : d.attempted(DeliveryState.PARKED, reason(error), clock.instant()));
    }

    @Override
    public void requeue(UUID resultId) throws AssessmentException {
        change(resultId, "requeue", d -> {
            if (d.state() != DeliveryState.PARKED) {
                throw new AssessmentException("result " + resultId + " is " + d.state() + ", not PARKED; only a "
                        + "parked result can be requeued");
            }
            return d.requeued();
        });
    }

    @Override
    public DeliveryBacklog backlog() {
        return backlog;
    }

    @Override
    public int purgeDelivered(Instant storedBefore) throws AssessmentException {
        return dropDelivered(Objects.requireNonNull(storedBefore, "storedBefore"), Long.MAX_VALUE);
    }

    /** Drops up to {@code most} of the oldest delivered results stored before a time (null: any). */
    private int dropDelivered(Instant storedBefore, long most) throws AssessmentException {
        int purged = 0;
        while (purged < most) {
            writeLock.lock();
            try {
                List<Long> batch = droppable(maps.deliveredBefore(storedBefore,
                        (int) Math.min(PURGE_BATCH, most - purged)));
                if (batch.isEmpty()) {
                    return purged;
                }
                write("drop " + batch.size() + " delivered results", () -> batch.forEach(maps::remove));
                purged += batch.size();
            } finally {
                // Released between batches so that new results are not held up by a long purge.
                writeLock.unlock();
            }
        }
        return purged;
    }

    /**
     * Enforces the size cap ({@code maxStoreSizeMb}): while the results it holds take more than
     * {@code maxBytes} ({@link #contentBytes()}), drops the oldest delivered results (the control plane has
     * them), down to 90% of the cap so that the next result does not reach it again, and compacts. Pending
     * and parked results are never dropped: when only they are left, the store stays above the cap and
     * keeps storing (the collector reports it), since refusing new results would lose them.
     *
     * @param maxBytes the cap
     * @return how many delivered results were dropped
     * @throws AssessmentException if a change could not be stored
     */
    public int shrinkTo(long maxBytes) throws AssessmentException {
        if (contentBytes <= maxBytes) {
            return 0;
        }
        long target = maxBytes / 10 * 9;
        int dropped = 0;
        while (contentBytes > target) {
            writeLock.lock();
            try {
                List<Long> batch = droppable(maps.deliveredBefore(null, SHRINK_BATCH));
                if (batch.isEmpty()) {
                    break;
                }
                List<Long> drop = new ArrayList<>();
                long left = contentBytes;
                for (long seq : batch) {
                    if (left <= target) {
                        break;
                    }
                    drop.add(seq);
                    left -= maps.bytesOf(seq);
                }
                write("drop " + drop.size() + " delivered results above the size cap",
                        () -> drop.forEach(maps::remove));
                dropped += drop.size();
            } finally {
                // Released between batches so that new results are not held up.
                writeLock.unlock();
            }
        }
        if (dropped > 0) {
            // Makes the space they took reusable, so that the file stops growing.
            compact();
        }
        return dropped;
    }

    /**
     * The part of a batch of delivered results (oldest first) that no holding sink still needs: a result
     * the control plane has is not necessarily one Kafka has (see {@link SinkOutbox}).
     */
    private List<Long> droppable(List<Long> oldestFirst) {
        long upTo = sinks.droppableUpTo();
        return oldestFirst.stream().takeWhile(seq -> seq <= upTo).toList();
    }

    /** Results stored after the sink's position, oldest first (see {@link SinkOutbox#sinkBatch}). */
    public List<SinkRecord> sinkBatch(String sink, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        return maps.after(sinks.position(sink), limit);
    }

    /** Moves the sink's position forward in one commit (see {@link SinkOutbox#sinkAcked}). */
    public void sinkAcked(String sink, long seq) throws AssessmentException {
        writeLock.lock();
        try {
            if (seq > sinks.position(sink)) {
                write("record " + sink + " acknowledged up to record " + seq, () -> sinks.advance(sink, seq));
            }
        } finally {
            writeLock.unlock();
        }
    }

    /** The sink's position: the last acknowledged result's number, -1 when none was. */
    public long sinkPosition(String sink) {
        return sinks.position(sink);
    }

    /** Results stored after the sink's position. */
    public long sinkBacklog(String sink) {
        return maps.countAfter(sinks.position(sink));
    }

    /** Sets whether the sink's unacknowledged results are kept (see {@link SinkOutbox#holdForSink}). */
    public void holdForSink(String sink, boolean hold) throws AssessmentException {
        writeLock.lock();
        try {
            write((hold ? "hold" : "release") + " results for " + sink, () -> sinks.hold(sink, hold));
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * The bytes of the results the store holds, with the bodies kept for their delivery, as written
     * (before compression): what the size cap counts. Kept in the store with every change, so no I/O.
     */
    public long contentBytes() {
        return contentBytes;
    }

    /** Delivered results: those the size cap may drop. */
    long deliveredCount() {
        return maps.count(DeliveryState.DELIVERED);
    }

    /**
     * Rewrites chunks that are mostly garbage (left by purges and delivery updates), so that the file
     * stops growing; a commit like any other.
     */
    public void compact() throws AssessmentException {
        writeLock.lock();
        try {
            write("compact", () -> store.compact(50, 16 << 20));
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public long sizeBytes() {
        return sizeBytes;
    }

    @Override
    public Path directory() {
        return directory;
    }

    @Override
    public long unreadable() {
        return unreadable.count();
    }

    /** Why results were skipped as unreadable, in a line; empty when none was. */
    Optional<String> unreadableAlarm() {
        return unreadable.alarm();
    }

    /** The store's version: it grows by one with each commit (tests count commits with it). */
    long version() {
        return store.getCurrentVersion();
    }

    /** Where a map's root page is in the file: a commit that changes the map moves it (tests). */
    long rootPosition(String mapName) {
        return store.openMap(mapName).getRootPage().getPos();
    }

    /** Why the last write failed; empty once a write succeeded again. */
    public Optional<String> writeFailure() {
        return Optional.ofNullable(writeFailure);
    }

    @Override
    public void close() {
        // First the results waiting for their commit (the committing thread needs the write lock).
        group.close();
        writeLock.lock();
        try {
            if (!store.isClosed()) {
                store.close();
            }
        } catch (MVStoreException e) {
            // Everything was committed when it was written; nothing is lost by a failed close.
            store.closeImmediately();
        } finally {
            writeLock.unlock();
        }
    }

    private void change(UUID resultId, String what, Transition transition) throws AssessmentException {
        Objects.requireNonNull(resultId, "resultId");
        writeLock.lock();
        try {
            Long seq = maps.seq(resultId);
            if (seq == null) {
                throw new NotFoundException("no result " + resultId + " is stored");
            }
            Delivery from = maps.delivery(seq).orElseThrow(() -> new AssessmentException("the delivery record of "
                    + "result " + resultId + " (record " + seq + ") is missing or unreadable; it is left as it is"));
            Delivery to = transition.apply(from);
            if (!to.equals(from)) {
                write(what + " result " + resultId, () -> maps.update(seq, from, to));
            }
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Applies changes and makes them durable, or undoes them. Called with the write lock held. The commit
     * and sync carry results stored and not yet committed too (see {@link GroupCommit}).
     */
    private void write(String what, Runnable changes) throws AssessmentException {
        try {
            changes.run();
            store.commit();
            store.sync();
            writeFailure = null;
            // Refreshed before the stored results this commit carried are released: their writers read it.
            refresh();
            group.committedAndSynced();
        } catch (RuntimeException e) {
            // Whatever failed half-way (the disk, the store, a bug), the half-made change must go.
            AssessmentException failure = failed(what, e);
            rollback();
            refresh();
            group.rolledBack(failure);
            throw failure;
        }
    }

    /** Records why a write failed (for health) and names the store in the exception. */
    private AssessmentException failed(String what, RuntimeException e) {
        writeFailure = "cannot " + what + ": " + e.getMessage();
        return new AssessmentException("the result store " + directory.resolve(FILE_NAME) + " " + writeFailure, e);
    }

    private void rollback() {
        try {
            if (!store.isClosed()) {
                store.rollback();
            }
        } catch (MVStoreException e) {
            // The store is broken (it closes itself on a fatal error); writeFailure tells operators.
        }
    }

    private void refresh() {
        if (!store.isClosed()) {
            backlog = maps.backlog();
            sizeBytes = store.getFileStore().size();
            contentBytes = maps.contentBytes();
        }
    }

    private static String reason(String error) {
        return error == null || error.isBlank() ? "no reason given" : error.strip();
    }

    /** A change of a result's delivery; returns it unchanged when there is nothing to do. */
    @FunctionalInterface
    private interface Transition {
        Delivery apply(Delivery delivery) throws AssessmentException;
    }

    /** A result's delivery before and after a change. */
    private record Change(long seq, Delivery from, Delivery to) {
    }
}
