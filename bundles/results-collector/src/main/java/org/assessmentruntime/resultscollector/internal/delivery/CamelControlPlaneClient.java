package org.assessmentruntime.resultscollector.internal.delivery;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.assessmentruntime.api.ControlPlaneConnection;

/**
 * Posts through the authentication bundle's shared route ({@link ControlPlaneConnection#ENDPOINT}), which
 * owns TLS, timeouts and the bearer token. The template's executor sends (see {@link ResultsDelivery}).
 */
final class CamelControlPlaneClient implements ControlPlaneClient {

    private final ProducerTemplate template;

    CamelControlPlaneClient(ProducerTemplate template) {
        this.template = template;
    }

    @Override
    public CompletableFuture<Reply> post(String path, byte[] body, String idempotencyKey) {
        return template.asyncSend(ControlPlaneConnection.ENDPOINT, exchange -> {
            Message message = exchange.getMessage();
            message.setBody(body);
            message.setHeader(Exchange.HTTP_METHOD, "POST");
            message.setHeader(Exchange.HTTP_PATH, path);
            message.setHeader("Accept", "application/json");
            if (idempotencyKey != null) {
                message.setHeader("Idempotency-Key", idempotencyKey);
            }
        }).thenApply(CamelControlPlaneClient::reply);
    }

    private static Reply reply(Exchange reply) {
        Exception failure = reply.getException();
        if (failure != null) {
            throw new CompletionException(new IOException("cannot reach the control plane: " + describe(failure),
                    failure));
        }
        Message message = reply.getMessage();
        Integer status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (status == null) {
            throw new CompletionException(new IOException("the control plane route answered without an HTTP status"));
        }
        return new Reply(status, message.getBody(byte[].class), message.getHeader("Retry-After", String.class));
    }

    /** The innermost cause, which names what failed (refused, reset, timed out). */
    private static String describe(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
