package org.assessmentruntime.resultscollector.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import org.assessmentruntime.api.AssessmentException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

    private final ReentrantLock writeLock = new ReentrantLock();
    private final FakeStore store = new FakeStore();
    private final GroupCommit group = new GroupCommit(writeLock, store, "test-sync");

    @AfterEach
    void close() {
        store.syncGate.countDown();
        group.close();
    }

    @Test
    void aWriterIsReleasedOnlyAfterTheSyncOfItsGroup() throws Exception {
        CompletableFuture<Void> durable = apply();
        assertThat(store.syncing.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(store.commits.get()).isEqualTo(1);
        // Committed, syncing, not yet durable.
        assertThat(durable).isNotDone();

        store.syncGate.countDown();
        durable.get(10, TimeUnit.SECONDS);
        assertThat(store.syncs.get()).isEqualTo(1);
    }

    @Test
    void writersArrivingDuringASyncShareTheNextCommit() throws Exception {
        CompletableFuture<Void> first = apply();
        assertThat(store.syncing.await(10, TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<Void>> next = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            next.add(apply());
        }
        store.syncGate.countDown();
        first.get(10, TimeUnit.SECONDS);
        for (CompletableFuture<Void> f : next) {
            f.get(10, TimeUnit.SECONDS);
        }
        // 51 results: one commit for the first, one for the 50 that waited behind its sync.
        assertThat(store.commits.get()).isEqualTo(2);
        assertThat(store.syncs.get()).isEqualTo(2);
    }

    @Test
    void aFailedCommitRollsBackAndFailsExactlyItsWriters() throws Exception {
        store.failCommit = true;
        store.syncGate.countDown();
        CompletableFuture<Void> durable = apply();

        assertThatThrownBy(() -> durable.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(AssessmentException.class).hasMessageContaining("commit 1 results");
        assertThat(store.rollbacks.get()).isEqualTo(1);

        store.failCommit = false;
        apply().get(10, TimeUnit.SECONDS);
    }

    @Test
    void anotherChangesCommitReleasesTheWritersItCarried() throws Exception {
        // The committing thread is held in its sync with the first writer; a second writer's result is then
        // carried by a change of another kind (delivery marks) that commits and syncs itself.
        CompletableFuture<Void> first = apply();
        assertThat(store.syncing.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> second = apply();
        writeLock.lock();
        try {
            group.committedAndSynced();
        } finally {
            writeLock.unlock();
        }
        second.get(10, TimeUnit.SECONDS);
        store.syncGate.countDown();
        first.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aRollbackByAnotherChangeFailsOnlyTheUncommittedWriters() throws Exception {
        CompletableFuture<Void> committed = apply();
        assertThat(store.syncing.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> uncommitted = apply();
        writeLock.lock();
        try {
            group.rolledBack(new AssessmentException("the disk is full"));
        } finally {
            writeLock.unlock();
        }
        assertThatThrownBy(() -> uncommitted.get(10, TimeUnit.SECONDS)).hasMessageContaining("the disk is full");
        // The first was committed before the rollback: its sync decides, and it succeeds.
        assertThat(committed).isNotDone();
        store.syncGate.countDown();
        committed.get(10, TimeUnit.SECONDS);
    }

    private CompletableFuture<Void> apply() {
        writeLock.lock();
        try {
            return group.applied();
        } finally {
            writeLock.unlock();
        }
    }

    /** Counts; its first sync waits for syncGate. */
    private static final class FakeStore implements GroupCommit.Store {
        final AtomicInteger commits = new AtomicInteger();
        final AtomicInteger syncs = new AtomicInteger();
        final AtomicInteger rollbacks = new AtomicInteger();
        final CountDownLatch syncing = new CountDownLatch(1);
        final CountDownLatch syncGate = new CountDownLatch(1);
        volatile boolean failCommit;

        @Override
        public void commit() {
            if (failCommit) {
                throw new IllegalStateException("no space left on device");
            }
            commits.incrementAndGet();
        }

        @Override
        public void rollback() {
            rollbacks.incrementAndGet();
        }

        @Override
        public void sync() {
            syncing.countDown();
            try {
                syncGate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            syncs.incrementAndGet();
        }

        @Override
        public AssessmentException failure(String what, RuntimeException cause) {
            return new AssessmentException("cannot " + what + ": " + cause.getMessage(), cause);
        }
    }
}
