package org.assessmentruntime.authentication.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * The client certificate and key, and the CA certificates to trust, as read from the configured files
 * at one moment; builds the {@link SSLContext} that uses them.
 *
 * @param chain   the client certificate, then its chain; empty without mTLS
 * @param key     the client's private key; {@code null} without mTLS
 * @param trusted CA certificates to trust; empty for the JDK's default trust
 */
record TlsMaterial(List<X509Certificate> chain, PrivateKey key, List<X509Certificate> trusted) {

    private static final char[] IN_MEMORY_PASSWORD = "in-memory".toCharArray();

    TlsMaterial {
        chain = List.copyOf(chain);
        trusted = List.copyOf(trusted);
    }

    /** The files the material comes from, for change detection. */
    static List<Path> files(Settings settings) {
        return Arrays.asList(settings.clientCertificate(), settings.clientKey(), settings.clientKeystore(),
                settings.caBundle()).stream().filter(p -> p != null).toList();
    }

    /**
     * Reads the configured files.
     *
     * @throws InvalidSettingsException naming the setting and the problem
     */
    static TlsMaterial load(Settings settings) {
        List<X509Certificate> chain = List.of();
        PrivateKey key = null;
        if (settings.clientKeystore() != null) {
            KeyStore.PrivateKeyEntry entry = keystoreEntry(settings.clientKeystore(), settings.keystorePassword());
            key = entry.getPrivateKey();
            chain = Arrays.stream(entry.getCertificateChain()).map(X509Certificate.class::cast).toList();
        } else if (settings.clientCertificate() != null) {
            chain = Pem.certificates("clientCertificate", settings.clientCertificate());
            key = Pem.privateKey("clientKey", settings.clientKey());
            if (!matches(key, chain.get(0))) {
                throw new InvalidSettingsException("clientKey", settings.clientKey() + " is not the key of the "
                        + "certificate in " + settings.clientCertificate() + " (" + subject(chain.get(0)) + ")");
            }
        }
        List<X509Certificate> trusted = settings.caBundle() == null ? List.of()
                : Pem.certificates("caBundle", settings.caBundle());
        return new TlsMaterial(chain, key, trusted);
    }

    /** The client certificate (the leaf), or {@code null} without mTLS. */
    X509Certificate clientCertificate() {
        return chain.isEmpty() ? null : chain.get(0);
    }

    /** A new TLS context presenting this certificate and trusting these CAs. */
    SSLContext newContext() throws GeneralSecurityException {
        KeyManager[] keyManagers = null;
        if (key != null) {
            try {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry("client", key, IN_MEMORY_PASSWORD, chain.toArray(new Certificate[0]));
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(store, IN_MEMORY_PASSWORD);
                keyManagers = kmf.getKeyManagers();
            } catch (IOException e) {
                throw new GeneralSecurityException("cannot build the client key store", e);
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (trusted.isEmpty()) {
            tmf.init((KeyStore) null);
        } else {
            try {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                for (int i = 0; i < trusted.size(); i++) {
                    store.setCertificateEntry("ca-" + i, trusted.get(i));
                }
                tmf.init(store);
            } catch (IOException e) {
                throw new GeneralSecurityException("cannot build the CA trust store", e);
            }
        }
        TrustManager[] trustManagers = tmf.getTrustManagers();
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers, trustManagers, new SecureRandom());
        return context;
    }

    @Override
    public String toString() {
        return "TlsMaterial[client=" + (chain.isEmpty() ? "none" : subject(chain.get(0))) + ", key="
                + (key == null ? "none" : "***") + ", trusted=" + trusted.size() + "]";
    }

    static String subject(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName();
    }

    /** Whether the key belongs to the certificate: a signature made with it verifies with the certificate. */
    private static boolean matches(PrivateKey key, X509Certificate certificate) {
        String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        if (!key.getAlgorithm().equals(certificate.getPublicKey().getAlgorithm())) {
            return false;
        }
        try {
            byte[] probe = new byte[32];
            new SecureRandom().nextBytes(probe);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static KeyStore.PrivateKeyEntry keystoreEntry(Path file, String password) {
        char[] pw = password.toCharArray();
        KeyStore store;
        try (InputStream in = Files.newInputStream(file)) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, pw);
        } catch (IOException | GeneralSecurityException e) {
            // IOException also covers a wrong password; the message never holds the password.
            throw new InvalidSettingsException("clientKeystore", "cannot read the PKCS12 key store " + file + " ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + "); check the file and clientKeystorePassword");
        }
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    Key key = store.getKey(alias, pw);
                    Certificate[] chain = store.getCertificateChain(alias);
                    if (key instanceof PrivateKey privateKey && chain != null && chain.length > 0) {
                        return new KeyStore.PrivateKeyEntry(privateKey, chain);
                    }
                }
            }
        } catch (GeneralSecurityException e) {
            throw new InvalidSettingsException("clientKeystore", "cannot read the key in " + file + " ("
                    + e.getClass().getSimpleName() + ")");
        }
        throw new InvalidSettingsException("clientKeystore", file + " holds no private key with a certificate");
    }
}
