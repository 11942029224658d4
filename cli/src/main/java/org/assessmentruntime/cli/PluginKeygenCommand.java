package org.assessmentruntime.cli;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code assessment plugin keygen}: an Ed25519 key pair for signing plugins. */
@Command(name = "keygen", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        usageHelpAutoWidth = true, sortOptions = false,
        description = {
            "Generate an Ed25519 key pair for signing plugins: DIR/signing.key (the private key, PKCS#8 PEM, "
                    + "readable only by its owner where the file system has POSIX permissions) and "
                    + "DIR/signing.pub (the public key, X.509 SubjectPublicKeyInfo PEM). Existing files are "
                    + "never overwritten.",
            "",
            "The line for the runtime's trusted keys file (keyId = base64 public key) is printed on stdout.",
            "",
            "Example:",
            "  assessment plugin keygen --out keys",
            "" })
final class PluginKeygenCommand implements Callable<Integer> {

    static final String NAME = "plugin keygen";
    static final String PRIVATE_FILE = "signing.key";
    static final String PUBLIC_FILE = "signing.pub";

    private final Cli cli;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "Directory to write signing.key and signing.pub to (created if needed).")
    private Path out;

    @Option(names = "--key-id", paramLabel = "ID",
            description = "Key id for the printed trusted-keys line (default: signing).")
    private String keyId = "signing";

    PluginKeygenCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws IOException {
        Path privateFile = out.resolve(PRIVATE_FILE);
        Path publicFile = out.resolve(PUBLIC_FILE);
        for (Path file : new Path[] { privateFile, publicFile }) {
            if (Files.exists(file)) {
                cli.err().println(NAME + ": " + file + " already exists; not overwriting it");
                return ExitCodes.CANT_CREATE;
            }
        }
        KeyPair pair;
        try {
            pair = KeyPairGenerator.getInstance(Signing.ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            cli.err().println(NAME + ": this JDK cannot generate Ed25519 keys: " + e.getMessage());
            return ExitCodes.UNAVAILABLE;
        }
        try {
            Files.createDirectories(out);
            boolean posix = out.getFileSystem().supportedFileAttributeViews().contains("posix");
            if (posix) {
                Files.createFile(privateFile, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(privateFile);
            }
            Files.write(privateFile, Signing.pem(Signing.PRIVATE_PEM, pair.getPrivate().getEncoded())
                    .getBytes(US_ASCII), StandardOpenOption.TRUNCATE_EXISTING);
            Files.write(publicFile, Signing.pem(Signing.PUBLIC_PEM, pair.getPublic().getEncoded())
                    .getBytes(US_ASCII), StandardOpenOption.CREATE_NEW);
        } catch (FileAlreadyExistsException e) {
            cli.err().println(NAME + ": " + e.getFile() + " already exists; not overwriting it");
            return ExitCodes.CANT_CREATE;
        } catch (IOException e) {
            cli.err().println(NAME + ": cannot write the key pair to " + out + ": " + e);
            return ExitCodes.CANT_CREATE;
        }
        cli.err().println(NAME + ": wrote " + privateFile + " (keep it secret) and " + publicFile);
        cli.out().println(keyId + " = " + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
        return ExitCodes.OK;
    }
}
