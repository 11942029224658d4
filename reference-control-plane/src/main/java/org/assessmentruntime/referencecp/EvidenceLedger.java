package org.assessmentruntime.referencecp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The server's memory of accepted evidence (dedupe keys), optionally kept in a file so that duplicates are still
 * recognised after a restart - what a client re-sending its backlog after a control-plane outage meets.
 */
final class EvidenceLedger {

    static final String FILE_NAME = "accepted-evidence-ids.txt";

    private final Set<String> accepted = new HashSet<>();
    private final Path file; // null: memory only

    EvidenceLedger(Path dataDirectory) throws IOException {
        if (dataDirectory == null) {
            file = null;
            return;
        }
        Files.createDirectories(dataDirectory);
        file = dataDirectory.resolve(FILE_NAME);
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isEmpty()) {
                    accepted.add(line);
                }
            }
        }
    }

    /**
     * Records the keys not seen before.
     *
     * @return for each key, whether it was a duplicate (of an earlier request or of an earlier key in this list)
     */
    synchronized boolean[] accept(List<String> keys) {
        boolean[] duplicate = new boolean[keys.size()];
        StringBuilder appended = new StringBuilder();
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            duplicate[i] = !accepted.add(key);
            if (!duplicate[i]) {
                appended.append(key.replace('\n', ' ')).append('\n');
            }
        }
        if (file != null && appended.length() > 0) {
            try {
                Files.writeString(file, appended, StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot persist accepted evidence ids to " + file, e);
            }
        }
        return duplicate;
    }
}
