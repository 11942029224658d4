package org.assessmentruntime.resultscollector.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.assessmentruntime.api.AssessmentException;

/**
 * Group commit for the result store: results stored at about the same time share one commit and one disk
 * sync, and each caller still learns that its own result is durable only once it is.
 *
 * <p>Why: one sync costs about as much as storing hundreds of results in memory, so a store that syncs
 * every result on its own is bound by the disk's syncs per second. Here a writer applies its change under
 * the store's write lock and gets a number ({@link #applied}); one thread of this class commits whatever
 * was applied (under the write lock: a consistent set), then syncs outside it, so that writers keep
 * applying meanwhile and the next group grows while this one syncs. A failed commit rolls back exactly the
 * applied, uncommitted changes, and each of their writers gets the failure.
 *
 * <p>Other changes of the store (delivery marks, purges) commit and sync themselves under the write lock
 * and report it here ({@link #committedAndSynced}), so that the writers of results their commit carried
 * are released too.
 */
final class GroupCommit implements AutoCloseable {

    /** What the committing thread does with the store. */
    interface Store {
        /** Commits the applied changes; called with the write lock held. */
        void commit();

        /** Undoes the applied, uncommitted changes; called with the write lock held after a failed commit. */
        void rollback();

        /** Makes committed changes durable; called without the write lock. */
        void sync();

        /** Wraps a failure of {@link #commit} or {@link #sync} for the writers. */
        AssessmentException failure(String what, RuntimeException cause);
    }

    private final ReentrantLock writeLock;
    private final Store store;
    private final Thread thread;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    /** Writers waiting for their number to be durable, in number order. Guarded by lock. */
    private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
    /** Numbers handed out; guarded by the store's write lock (read under lock too). */
    private long applied;
    /** The highest number committed. Guarded by the store's write lock. */
    private long committed;
    private boolean closing;

    /**
     * @param writeLock the store's write lock, under which changes are applied and committed
     * @param name      the committing thread's name
     */
    GroupCommit(ReentrantLock writeLock, Store store, String name) {
        this.writeLock = writeLock;
        this.store = store;
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Records a change just applied (with the write lock held) and returns when it becomes durable.
     * A writer that waits on it must not hold the write lock.
     */
    CompletableFuture<Void> applied() {
        if (!writeLock.isHeldByCurrentThread()) {
            throw new IllegalStateException("applied() needs the store's write lock");
        }
        CompletableFuture<Void> durable = new CompletableFuture<>();
        long number = ++applied;
        lock.lock();
        try {
            if (closing) {
                throw new IllegalStateException("the result store is closing");
            }
            waiting.add(new Waiter(number, durable));
            work.signal();
        } finally {
            lock.unlock();
        }
        return durable;
    }

    /**
     * Everything applied and not committed was rolled back (with the write lock held), by a failed change
     * of any kind: the writers of those results fail.
     */
    void rolledBack(AssessmentException why) {
        long from = committed + 1;
        committed = applied;
        release(from, applied, why);
    }

    /** Another change committed and synced everything applied so far (with the write lock held). */
    void committedAndSynced() {
        committed = applied;
        release(0, applied, null);
    }

    private void run() {
        while (true) {
            lock.lock();
            try {
                while (waiting.isEmpty() && !closing) {
                    work.awaitUninterruptibly();
                }
                if (waiting.isEmpty()) {
                    return;
                }
            } finally {
                lock.unlock();
            }
            commitGroup();
        }
    }

    private void commitGroup() {
        long upTo;
        long from;
        writeLock.lock();
        try {
            upTo = applied;
            from = committed + 1;
            if (upTo < from) {
                return; // committed by another change meanwhile, which released its writers
            }
            try {
                store.commit();
                committed = upTo;
            } catch (RuntimeException e) {
                store.rollback();
                committed = upTo;
                release(from, upTo, store.failure("commit " + (upTo - from + 1) + " results", e));
                return;
            }
        } finally {
            writeLock.unlock();
        }
        try {
            store.sync();
            release(0, upTo, null);
        } catch (RuntimeException e) {
            release(0, upTo, store.failure("sync the results stored last", e));
        }
    }

    /**
     * Completes the waiters numbered {@code from} to {@code to}: with the failure if there is one, else as
     * durable. Waiters below {@code from} stay: their group may still be syncing.
     */
    private void release(long from, long to, AssessmentException failure) {
        List<Waiter> done = new ArrayList<>();
        lock.lock();
        try {
            waiting.removeIf(w -> {
                boolean inRange = w.number() >= from && w.number() <= to;
                if (inRange) {
                    done.add(w);
                }
                return inRange;
            });
        } finally {
            lock.unlock();
        }
        for (Waiter w : done) {
            if (failure != null) {
                w.durable().completeExceptionally(failure);
            } else {
                w.durable().complete(null);
            }
        }
    }

    /** Commits what is waiting, then stops the thread. */
    @Override
    public void close() {
        lock.lock();
        try {
            closing = true;
            work.signal();
        } finally {
            lock.unlock();
        }
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Waiter(long number, CompletableFuture<Void> durable) {
    }
}
