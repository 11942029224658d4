package org.assessmentruntime.referencecp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * Fault injection. Faults apply to every path except the admin API ({@code /_admin/}), before any other check
 * (token, content type), in the order they were injected.
 */
public final class Faults {

    /** What {@link #down()} and {@link #up()} switch: the listening socket. */
    interface Listener {
        void stopListening();

        void listenAgain() throws IOException;
    }

    private static final class Injected {
        final String pathPrefix;
        final Fault fault;
        int remaining; // < 0: until clear()

        Injected(String pathPrefix, Fault fault, int remaining) {
            this.pathPrefix = pathPrefix;
            this.fault = fault;
            this.remaining = remaining;
        }
    }

    private final List<Injected> injected = new ArrayList<>();
    private final Listener listener;

    Faults(Listener listener) {
        this.listener = listener;
    }

    /**
     * The next {@code times} requests whose path starts with {@code pathPrefix} get {@code fault}.
     *
     * @param times number of requests; negative = every matching request until {@link #clear()}; 0 = no effect
     */
    public void inject(String pathPrefix, Fault fault, int times) {
        Objects.requireNonNull(pathPrefix, "pathPrefix");
        Objects.requireNonNull(fault, "fault");
        if (times == 0) {
            return;
        }
        synchronized (injected) {
            injected.add(new Injected(pathPrefix, fault, times));
        }
    }

    /** Removes every injected fault (does not bring the server {@link #up()}). */
    public void clear() {
        synchronized (injected) {
            injected.clear();
        }
    }

    /** Stops listening: clients get "connection refused" on the same port until {@link #up()}. */
    public void down() {
        listener.stopListening();
    }

    /** Listens again on the same port (no effect when already up). */
    public void up() {
        try {
            listener.listenAgain();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen again on the same port", e);
        }
    }

    /** Takes the fault for one request to {@code path}, or {@code null}. */
    Fault next(String path) {
        synchronized (injected) {
            for (Iterator<Injected> it = injected.iterator(); it.hasNext(); ) {
                Injected i = it.next();
                if (path.startsWith(i.pathPrefix)) {
                    if (i.remaining > 0 && --i.remaining == 0) {
                        it.remove();
                    }
                    return i.fault;
                }
            }
            return null;
        }
    }
}
