package org.assessmentruntime.itests.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.List;

import org.apache.sshd.common.config.keys.PublicKeyEntry;

/**
 * A throw-away SSH key pair for one Karaf run, and the {@code etc/keys.properties} lines that let it
 * log in.
 *
 * <p>Why a key and not a password: {@code users.properties} may be changed (or emptied) by the
 * distribution, and a key generated per run cannot leak into anything. EC P-256 because Karaf 4.4's
 * {@code PublickeyLoginModule} accepts {@code ssh-dss}, {@code ssh-rsa} and {@code ecdsa-sha2-nistp*}
 * (not ed25519), and P-256 is quick to generate.
 *
 * <p>Karaf 4.4 format, as in its shipped {@code etc/keys.properties}:
 * <pre>
 * itest=AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAy...,_g_:admingroup
 * _g_\:admingroup = group,admin,manager,viewer,systembundles,ssh
 * </pre>
 * The value is the base64 OpenSSH public-key blob (the middle field of an {@code id_*.pub} line)
 * followed by roles or {@code _g_:}groups; the group line gives the roles, of which {@code ssh} is
 * the one {@code sshRole} in {@code org.apache.karaf.shell.cfg} demands.
 */
public final class SshIdentity {

    /** The group Karaf's stock keys.properties defines; the harness defines it too if missing. */
    public static final String ADMIN_GROUP = "admingroup";

    /** The stock definition of {@link #ADMIN_GROUP}; {@code :} is escaped in a properties key. */
    public static final String ADMIN_GROUP_LINE =
            "_g_\\:" + ADMIN_GROUP + " = group,admin,manager,viewer,systembundles,ssh";

    private final String user;
    private final KeyPair keyPair;

    private SshIdentity(String user, KeyPair keyPair) {
        this.user = user;
        this.keyPair = keyPair;
    }

    /** A fresh EC P-256 key pair for the user. */
    public static SshIdentity generate(String user) {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
            gen.initialize(new ECGenParameterSpec("secp256r1"));
            return new SshIdentity(user, gen.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an EC key pair", e);
        }
    }

    /** The user name. */
    public String user() {
        return user;
    }

    /** The key pair the SSH client authenticates with. */
    public KeyPair keyPair() {
        return keyPair;
    }

    /** The public key as an OpenSSH {@code authorized_keys} line: {@code type base64-blob}. */
    public String openSshPublicKey() {
        try {
            StringBuilder sb = new StringBuilder();
            PublicKeyEntry.appendPublicKeyEntry(sb, keyPair.getPublic());
            return sb.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base64 blob alone: what keys.properties stores. */
    public String publicKeyBlob() {
        return openSshPublicKey().split(" ")[1];
    }

    /** The line that authorises this key for the user, in the admin group. */
    public String keysPropertiesLine() {
        return user + "=" + publicKeyBlob() + ",_g_:" + ADMIN_GROUP;
    }

    /** The lines to append to keys.properties ({@code groupDefined}: whether the group line is there). */
    public List<String> keysPropertiesLines(boolean groupDefined) {
        return groupDefined ? List.of(keysPropertiesLine()) : List.of(keysPropertiesLine(), ADMIN_GROUP_LINE);
    }
}
