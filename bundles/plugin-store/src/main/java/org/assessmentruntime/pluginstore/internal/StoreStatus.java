package org.assessmentruntime.pluginstore.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.assessmentruntime.api.model.Digest;

/**
 * A store's state for health reports.
 *
 * @param directory    where it is
 * @param keepPrevious versions kept below the highest of each plugin
 * @param versions     stored versions
 * @param plugins      stored plugins (names)
 * @param modules      distinct modules
 * @param damaged      modules that failed verification when last read, with the message given
 * @param recovery     what opening the store repaired, empty when nothing
 * @param lost         entries the repair could not bring back, one line each
 */
public record StoreStatus(Path directory, int keepPrevious, int versions, int plugins, int modules,
        Map<Digest, String> damaged, String recovery, List<String> lost) {

    /** Copies. */
    public StoreStatus {
        damaged = Map.copyOf(damaged);
        lost = List.copyOf(lost);
    }
}
