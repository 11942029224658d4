package org.assessmentruntime.referencecp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/** A request with its body already read. */
record Request(HttpExchange exchange, String method, String path, byte[] body) {

    String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    /**
     * The body as JSON. Like the real server, a body must be sent as exactly {@code application/json}: anything
     * else (even {@code application/json; charset=utf-8}) is 415.
     */
    JsonNode json() {
        if (body.length == 0) {
            throw new Refusal(Reply.error(400, "request body required"));
        }
        String contentType = header("Content-Type");
        if (!Reply.JSON.equals(contentType)) {
            throw new Refusal(Reply.error(415, "Content-Type must be exactly application/json, got "
                    + (contentType == null ? "none" : contentType)));
        }
        try {
            return Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new Refusal(Reply.error(400, "invalid JSON: " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new Refusal(Reply.error(400, "invalid JSON: " + e.getMessage()));
        }
    }
}
