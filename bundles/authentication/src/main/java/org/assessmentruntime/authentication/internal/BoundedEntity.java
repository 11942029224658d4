package org.assessmentruntime.authentication.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.HttpEntityWrapper;

/**
 * A reply body read through its {@link ReplyLimit} and {@link ExchangeGuard}: the byte past the limit
 * aborts the exchange instead of being read, so a reply of gigabytes (or without end) costs at most
 * the limit. Closing it before the end aborts too, where HttpClient would otherwise read the rest of
 * the reply (of unknown size) to reuse the connection; a reply read whole is closed normally, and its
 * connection goes back to the pool.
 */
final class BoundedEntity extends HttpEntityWrapper {

    private final ReplyLimit limit;
    private final ExchangeGuard guard;
    private InputStream content;

    BoundedEntity(HttpEntity wrapped, ReplyLimit limit, ExchangeGuard guard) {
        super(wrapped);
        this.limit = limit;
        this.guard = guard;
    }

    @Override
    public synchronized InputStream getContent() throws IOException {
        if (content == null) {
            content = new Bounded(super.getContent());
        }
        return content;
    }

    @Override
    public boolean isRepeatable() {
        return false;
    }

    @Override
    public boolean isStreaming() {
        return true;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        try (InputStream in = getContent()) {
            in.transferTo(out);
        }
    }

    @Override
    public void close() throws IOException {
        InputStream in;
        synchronized (this) {
            in = content;
        }
        if (in != null) {
            in.close();
        } else if (guard.aborted()) {
            guard.disarm();
        } else {
            // Never opened: no reply body to drain; abort rather than let the close read one.
            guard.abort();
        }
    }

    /** Counts, enforces the limit and the deadline, and never drains. */
    private final class Bounded extends FilterInputStream {

        private long read;
        private boolean eof;
        private boolean closed;

        Bounded(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (eof) {
                return -1;
            }
            if (guard.aborted()) {
                throw guard.explain(new IOException("the exchange " + guard.exchange() + " was aborted"));
            }
            // Ask for at most one byte more than the limit allows: that byte proves the reply too large.
            long allowed = limit.maxBytes() - read + 1;
            int n;
            try {
                n = in.read(b, off, (int) Math.min(len, allowed));
            } catch (IOException e) {
                guard.abort();
                throw guard.explain(e);
            }
            if (n < 0) {
                eof = true;
                guard.disarm();
                return -1;
            }
            read += n;
            if (read > limit.maxBytes()) {
                guard.abort();
                throw new ReplyTooLargeException(guard.exchange(), limit);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buffer = new byte[(int) Math.min(Math.max(n, 0), 8192)];
            int skipped = read(buffer, 0, buffer.length);
            return Math.max(skipped, 0);
        }

        @Override
        public int available() throws IOException {
            return eof || guard.aborted() ? 0 : in.available();
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            if (!eof && !guard.aborted() && read == getContentLength()) {
                // All the announced bytes were read, just not the end that follows them (a reader that
                // stops at Content-Length): the reply is complete and its connection can be reused.
                eof = true;
                guard.disarm();
            }
            if (eof && !guard.aborted()) {
                in.close();
            } else if (!guard.aborted()) {
                guard.abort();
            }
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
