package org.assessmentruntime.authentication.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

import javax.net.ssl.SSLContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection's TLS: a {@link SSLContext} that follows the certificate, key and CA files.
 *
 * <p>Before a connection is opened (at most once per check interval) it compares the files' modification
 * times and sizes with those it last read. When they changed it reads them again and, if they are
 * complete and consistent, builds a fresh context from them, so a rotated client certificate is
 * presented on the next connection without a restart. A fresh context also means a fresh TLS session
 * cache: a resumed session would carry the old certificate. A broken new file (half written, key not
 * matching the certificate) keeps the last good material in use, logs the error once and reports it in
 * {@link #lastError()} until the files are good again.
 */
final class ReloadingTls {

    private static final Logger LOG = LoggerFactory.getLogger(ReloadingTls.class);

    private final Settings settings;
    private final long checkIntervalNanos;
    private final LongSupplier nanoTime;
    private final SSLContext facade;

    private volatile Loaded current;
    private volatile String lastError = "";
    private List<String> failedStamp;
    private long nextCheck;

    /**
     * Reads the files once.
     *
     * @throws InvalidSettingsException if they cannot be used
     */
    ReloadingTls(Settings settings, Duration checkInterval, LongSupplier nanoTime) {
        this.settings = settings;
        this.checkIntervalNanos = checkInterval.toNanos();
        this.nanoTime = nanoTime;
        List<String> stamp = stamp();
        this.current = load(stamp);
        this.nextCheck = nanoTime.getAsLong() + checkIntervalNanos;
        this.facade = new ReloadingSslContext(this::context);
    }

    /** The context to hand to the http client; it always delegates to the newest good material. */
    SSLContext sslContext() {
        return facade;
    }

    /** Why the newest files could not be used; empty while the files in use are the newest. */
    String lastError() {
        return lastError;
    }

    /** The client certificate in use, or {@code null} without mTLS. */
    X509Certificate clientCertificate() {
        return current.material().clientCertificate();
    }

    /** Where trusted CAs come from, for health: the bundle file or the JDK default. */
    String caSource() {
        TlsMaterial m = current.material();
        return settings.caBundle() == null ? "JDK default trust"
                : settings.caBundle() + " (" + m.trusted().size() + " certificates)";
    }

    /** The context of the newest good material, after checking the files if the interval has passed. */
    SSLContext context() {
        refreshIfDue();
        return current.context();
    }

    private synchronized void refreshIfDue() {
        long now = nanoTime.getAsLong();
        if (now - nextCheck < 0) {
            return;
        }
        nextCheck = now + checkIntervalNanos;
        List<String> stamp = stamp();
        if (stamp.equals(current.stamp())) {
            return;
        }
        try {
            current = load(stamp);
            lastError = "";
            failedStamp = null;
            X509Certificate cert = current.material().clientCertificate();
            LOG.info("Control-plane TLS files changed; now presenting {}", cert == null ? "no client certificate"
                    : TlsMaterial.subject(cert) + " (valid until " + cert.getNotAfter().toInstant() + ")");
        } catch (InvalidSettingsException e) {
            lastError = "changed TLS files cannot be used, still using the previous ones: " + e.getMessage();
            if (!stamp.equals(failedStamp)) {
                // Once per version of the files, not once a second while they stay broken.
                failedStamp = stamp;
                LOG.error("Control plane TLS: {}", lastError);
            }
        }
    }

    private Loaded load(List<String> stamp) {
        TlsMaterial material = TlsMaterial.load(settings);
        try {
            return new Loaded(stamp, material, material.newContext());
        } catch (GeneralSecurityException e) {
            throw new InvalidSettingsException("clientCertificate", "cannot build a TLS context from the configured "
                    + "files (" + e.getMessage() + ")");
        }
    }

    /** Modification time and size of each file; a missing file counts as a change too. */
    private List<String> stamp() {
        List<String> stamp = new ArrayList<>();
        for (Path file : TlsMaterial.files(settings)) {
            try {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                stamp.add(file + "@" + a.lastModifiedTime().toInstant() + "/" + a.size());
            } catch (IOException e) {
                stamp.add(file + "@missing");
            }
        }
        return stamp;
    }

    /** Material read from files with this stamp, and its context. */
    private record Loaded(List<String> stamp, TlsMaterial material, SSLContext context) {
    }

    /** For health: when the client certificate in use stops being valid. */
    Instant clientCertificateNotAfter() {
        X509Certificate cert = clientCertificate();
        return cert == null ? null : cert.getNotAfter().toInstant();
    }
}
