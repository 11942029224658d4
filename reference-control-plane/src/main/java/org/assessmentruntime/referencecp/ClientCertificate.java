package org.assessmentruntime.referencecp;

import java.nio.file.Path;

/**
 * A client certificate issued by {@link Pki#issueClient}.
 *
 * @param certificate PEM file: the leaf certificate followed by the CA certificate
 * @param key         PEM file with the PKCS#8 private key ("BEGIN PRIVATE KEY")
 * @param subject     the certificate's subject DN (RFC 2253), as {@link Received#clientCertificateSubjects()} reports it
 */
public record ClientCertificate(Path certificate, Path key, String subject) {
}
