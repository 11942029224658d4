package org.assessmentruntime.resultscollector.internal;

import java.nio.file.Path;

import org.assessmentruntime.api.AssessmentException;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The version of the store's layout (which maps, keyed how, holding what), written into the store when
 * it is created and checked whenever it is opened.
 *
 * <p>Version 2 keys everything by a sequence number ({@link ResultMaps}). Version 1 (results and
 * entries keyed by result id, with no version written) only ever existed in development builds before
 * the first release, so it is refused with instructions rather than migrated.
 */
final class Layout {

    static final String VERSION = "2";
    private static final String MAP = "layout";
    private static final String KEY = "version";

    private Layout() {
    }

    /**
     * Stamps a new (empty) store with this layout, or checks that an existing one has it.
     *
     * @throws AssessmentException naming the directory and what to do, when the store has another layout
     */
    static void check(MVStore store, Path directory) throws AssessmentException {
        boolean empty = store.getMapNames().isEmpty();
        MVMap<String, String> layout = store.openMap(MAP);
        if (empty) {
            layout.put(KEY, VERSION);
            store.commit();
            store.sync();
            return;
        }
        String found = layout.get(KEY);
        if (!VERSION.equals(found)) {
            throw new AssessmentException("the result store in " + directory + " has "
                    + (found == null ? "the layout of a development build before version 2" : "layout version " + found)
                    + " and this runtime reads only layout version " + VERSION + "; stop the runtime, move the directory "
                    + directory + " aside (or delete it, losing the results in it that were not delivered) and start "
                    + "again: a new store is created there");
        }
    }
}
