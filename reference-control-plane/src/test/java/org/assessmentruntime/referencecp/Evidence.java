package org.assessmentruntime.referencecp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.UUID;

/** Valid evidence objects for tests. */
final class Evidence {

    private Evidence() {
    }

    static ObjectNode valid() {
        return valid(UUID.randomUUID().toString(), Instant.now().minusSeconds(1).toString());
    }

    static ObjectNode valid(String uuid, String end) {
        ObjectNode evidence = Http.JSON.createObjectNode();
        evidence.put("uuid", uuid);
        evidence.put("title", "SSH root login disabled");
        evidence.put("start", Instant.parse(end).minusSeconds(2).toString());
        evidence.put("end", end);
        evidence.putObject("labels").put("_plugin", "ssh");
        evidence.putObject("status").put("state", "satisfied").put("reason", "pass");
        return evidence;
    }

    static ObjectNode withResult(String resultId) {
        ObjectNode evidence = valid();
        ((ObjectNode) evidence.get("labels")).put("_result", resultId);
        return evidence;
    }
}
