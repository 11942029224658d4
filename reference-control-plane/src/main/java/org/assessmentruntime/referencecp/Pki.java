package org.assessmentruntime.referencecp;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * A test/demo PKI (EC P-256, PEM files): a CA, a server certificate for {@code 127.0.0.1} and {@code localhost}, and
 * client certificates on demand. Files in the directory: {@code ca.pem}, {@code ca-key.pem}, {@code server.pem}
 * (leaf then CA), {@code server-key.pem}. An existing CA in the directory is reused, so client certificates issued
 * earlier stay valid across restarts of a demo server. Private keys are only ever written to files, never logged.
 */
public final class Pki {

    private static final Duration VALIDITY = Duration.ofDays(2 * 365);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path directory;
    private final X509Certificate ca;
    private final PrivateKey caKey;
    private final X509Certificate server;
    private final PrivateKey serverKey;

    private Pki(Path directory, X509Certificate ca, PrivateKey caKey, X509Certificate server, PrivateKey serverKey) {
        this.directory = directory;
        this.ca = ca;
        this.caKey = caKey;
        this.server = server;
        this.serverKey = serverKey;
    }

    /** Creates (or reuses) the CA in {@code dir} and issues a fresh server certificate. */
    public static Pki create(Path dir) {
        try {
            Files.createDirectories(dir);
            Path caFile = dir.resolve("ca.pem");
            Path caKeyFile = dir.resolve("ca-key.pem");
            X509Certificate ca;
            PrivateKey caKey;
            if (Files.exists(caFile) && Files.exists(caKeyFile)) {
                ca = readCertificates(caFile).get(0);
                caKey = readKey(caKeyFile);
            } else {
                KeyPair caPair = keyPair();
                X500Name caName = new X500Name("CN=Assessment Runtime Reference Test CA");
                ca = sign(caName, caPair.getPublic(), caName, caPair.getPrivate(), null, Kind.CA);
                caKey = caPair.getPrivate();
                writeKey(caKeyFile, caKey);
                writePem(caFile, List.of(ca));
            }
            KeyPair serverPair = keyPair();
            X509Certificate server = sign(new X500Name("CN=127.0.0.1"), serverPair.getPublic(),
                    X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()), caKey, ca, Kind.SERVER);
            writePem(dir.resolve("server.pem"), List.of(server, ca));
            writeKey(dir.resolve("server-key.pem"), serverPair.getPrivate());
            return new Pki(dir, ca, caKey, server, serverPair.getPrivate());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the PKI in " + dir, e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot create the PKI in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The CA certificate (PEM) clients trust. */
    public Path caCertificate() {
        return directory.resolve("ca.pem");
    }

    public X509Certificate caX509() {
        return ca;
    }

    /** The server certificate file (PEM, leaf then CA). */
    public Path serverCertificate() {
        return directory.resolve("server.pem");
    }

    /** The server's key and certificate, requiring client certificates issued by this CA (mTLS). */
    public ServerTls serverTls() {
        return ServerTls.of(sslContext(serverKey, new Certificate[] {server, ca}), ca);
    }

    /** Like {@link #serverTls()} but without client authentication (plain HTTPS). */
    public ServerTls serverTlsWithoutClientAuth() {
        return ServerTls.of(sslContext(serverKey, new Certificate[] {server, ca}), null);
    }

    /**
     * Issues a client certificate ({@code CN=commonName}, clientAuth) and writes it as PEM (leaf then CA) and its
     * key as PKCS#8 PEM ("BEGIN PRIVATE KEY").
     */
    public ClientCertificate issueClient(String commonName, Path certFile, Path keyFile) {
        Objects.requireNonNull(commonName, "commonName");
        try {
            KeyPair pair = keyPair();
            X509Certificate client = sign(new X500Name("CN=" + commonName), pair.getPublic(),
                    X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()), caKey, ca, Kind.CLIENT);
            writePem(certFile, List.of(client, ca));
            writeKey(keyFile, pair.getPrivate());
            return new ClientCertificate(certFile, keyFile, client.getSubjectX500Principal().getName());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the client certificate", e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue a client certificate: " + e.getMessage(), e);
        }
    }

    /**
     * A client-side context trusting this CA and, unless {@code clientOrNull} is null, presenting that client
     * certificate (read back from its PEM files). For tests.
     */
    public SSLContext clientSslContext(ClientCertificate clientOrNull) {
        if (clientOrNull == null) {
            return sslContext(null, null);
        }
        try {
            List<X509Certificate> chain = readCertificates(clientOrNull.certificate());
            return sslContext(readKey(clientOrNull.key()), chain.toArray(new Certificate[0]));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the client certificate", e);
        }
    }

    private SSLContext sslContext(PrivateKey key, Certificate[] chain) {
        try {
            char[] password = new char[0];
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            if (key != null) {
                keys.setKeyEntry("key", key, password, chain);
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, password);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", ca);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build an SSLContext: " + e.getMessage(), e);
        }
    }

    private enum Kind { CA, SERVER, CLIENT }

    private static X509Certificate sign(X500Name subject, PublicKey publicKey, X500Name issuer, PrivateKey issuerKey,
                                        X509Certificate issuerCert, Kind kind)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                new BigInteger(63, RANDOM).add(BigInteger.ONE),
                Date.from(now.minus(Duration.ofHours(1))), // tolerate clock skew
                Date.from(now.plus(VALIDITY)), subject, publicKey);
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(publicKey));
        if (issuerCert != null) {
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    utils.createAuthorityKeyIdentifier(issuerCert));
        }
        switch (kind) {
            case CA -> {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
                builder.addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            }
            case SERVER -> {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                builder.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                        new GeneralName(GeneralName.dNSName, "localhost")}));
            }
            case CLIENT -> {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                builder.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            }
        }
        X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey));
        return new JcaX509CertificateConverter().getCertificate(holder);
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return generator.generateKeyPair();
    }

    private static void writePem(Path file, List<X509Certificate> certificates) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
            for (X509Certificate certificate : certificates) {
                pem.writeObject(certificate);
            }
        }
        createParent(file);
        Files.writeString(file, text.toString(), StandardCharsets.US_ASCII);
    }

    private static void writeKey(Path file, PrivateKey key) throws IOException {
        createParent(file);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
             JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(new PemObject("PRIVATE KEY", key.getEncoded())); // PKCS#8
        }
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system; nothing more to restrict.
        }
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }

    private static List<X509Certificate> readCertificates(Path file) throws IOException {
        List<X509Certificate> certificates = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(in)) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                if (object instanceof X509CertificateHolder holder) {
                    certificates.add(new JcaX509CertificateConverter().getCertificate(holder));
                }
            }
        } catch (java.security.cert.CertificateException e) {
            throw new IOException("invalid certificate in " + file + ": " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new IOException("no certificate in " + file);
        }
        return certificates;
    }

    private static PrivateKey readKey(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(in)) {
            Object object = parser.readObject();
            if (!(object instanceof PrivateKeyInfo info)) {
                throw new IOException("no PKCS#8 private key in " + file);
            }
            return new JcaPEMKeyConverter().getPrivateKey(info);
        }
    }
}
