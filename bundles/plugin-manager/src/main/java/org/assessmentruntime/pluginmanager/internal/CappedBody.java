package org.assessmentruntime.pluginmanager.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A reply body read into memory up to a cap, counted while it streams in: a hostile registry that
 * answers with gigabytes is cut off at the cap, instead of being read whole into the heap and
 * measured afterwards. A declared {@code Content-Length} above the cap is refused before a byte is read.
 * Only 200 replies are read; the body of any other is discarded (the status says what went wrong).
 */
final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {

    /** The body is larger than the cap; the message says by how much at least. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(String message) {
            super(message);
        }
    }

    private final long max;
    private final long declared;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private Flow.Subscription subscription;

    private CappedBody(long max, long declared) {
        this.max = max;
        this.declared = declared;
    }

    /** The handler for bodies of at most {@code max} bytes. */
    static HttpResponse.BodyHandler<byte[]> handler(long max) {
        return info -> {
            if (info.statusCode() != 200) {
                return HttpResponse.BodySubscribers.replacing(new byte[0]);
            }
            return new CappedBody(max, info.headers().firstValueAsLong("Content-Length").orElse(-1));
        };
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (declared > max) {
            s.cancel();
            body.completeExceptionally(new TooLarge("its Content-Length is " + declared + " bytes, more than the "
                    + max + " allowed"));
            return;
        }
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (body.isDone()) {
            return;
        }
        for (ByteBuffer buffer : buffers) {
            if (bytes.size() + (long) buffer.remaining() > max) {
                subscription.cancel();
                body.completeExceptionally(new TooLarge("it goes on past the " + max + " bytes allowed"));
                return;
            }
            byte[] chunk = new byte[buffer.remaining()];
            buffer.get(chunk);
            bytes.write(chunk, 0, chunk.length);
        }
        subscription.request(1);
    }

    @Override
    public void onError(Throwable throwable) {
        body.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        body.complete(bytes.toByteArray());
    }
}
