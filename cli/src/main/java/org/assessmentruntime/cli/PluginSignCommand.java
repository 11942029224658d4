package org.assessmentruntime.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.concurrent.Callable;

import org.assessmentruntime.jobrunner.InvalidPluginException;
import org.assessmentruntime.jobrunner.PluginPackage;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code assessment plugin sign}: writes PLUGIN_DIR/plugin.sig. */
@Command(name = "sign", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        usageHelpAutoWidth = true, sortOptions = false,
        description = {
            "Sign a plugin with an Ed25519 private key: writes PLUGIN_DIR/plugin.sig, a JSON object with the "
                    + "module's SHA-256 (sha256, hex), the Ed25519 signature over its 32 raw bytes (signature, "
                    + "base64; what a registry's download record carries), the key id (keyId) and the same "
                    + "for plugin.json (manifestSha256, manifestSignature). The plugin must be valid "
                    + "(see plugin check).",
            "",
            "Example:",
            "  assessment plugin sign plugins/target/plugins/sshd-hardening --key keys/signing.key "
                    + "--key-id release-2026",
            "" })
final class PluginSignCommand implements Callable<Integer> {

    static final String NAME = "plugin sign";

    private final Cli cli;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PLUGIN_DIR", description = "Directory with plugin.json and plugin.wasm.")
    private Path plugin;

    @Option(names = "--key", paramLabel = "FILE", required = true,
            description = "The Ed25519 private key, PKCS#8 PEM (as plugin keygen writes it).")
    private Path key;

    @Option(names = "--key-id", paramLabel = "ID",
            description = "The key's id among the runtime's trusted keys (default: the key file's name "
                    + "without extension, e.g. signing).")
    private String keyId;

    PluginSignCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws IOException {
        String id = keyId;
        if (id == null) {
            String file = key.getFileName().toString();
            id = file.contains(".") ? file.substring(0, file.lastIndexOf('.')) : file;
        }
        if (!Signing.validKeyId(id)) {
            throw Grants.usage(spec, "--key-id: '" + id + "' is not a valid key id (letters, digits, '.', '_', "
                    + "'-'; at most 64)");
        }
        if (!Files.isDirectory(plugin)) {
            cli.err().println(NAME + ": " + plugin + (Files.exists(plugin) ? ": not a directory"
                    : ": no such directory"));
            return ExitCodes.NO_INPUT;
        }
        try {
            PluginPackage.load(plugin);
        } catch (InvalidPluginException e) {
            cli.err().println(NAME + ": invalid plugin, not signing it: " + e.getMessage());
            return ExitCodes.DATA;
        }
        PrivateKey privateKey;
        try {
            privateKey = Signing.privateKey(key);
        } catch (NoSuchFileException e) {
            cli.err().println(NAME + ": " + key + ": no such file");
            return ExitCodes.NO_INPUT;
        } catch (Signing.Invalid e) {
            cli.err().println(NAME + ": " + e.getMessage());
            return ExitCodes.DATA;
        }
        byte[] module = Files.readAllBytes(plugin.resolve(PluginPackage.MODULE));
        byte[] manifest = Files.readAllBytes(plugin.resolve(PluginPackage.MANIFEST));
        Signing.PluginSignature sig = Signing.create(privateKey, id, module, manifest);
        Path out = plugin.resolve(Signing.SIGNATURE_FILE);
        Signing.write(out, sig);
        cli.out().println("signed " + plugin.resolve(PluginPackage.MODULE) + " (sha256 " + sig.sha256()
                + ") with key '" + id + "': " + out);
        return ExitCodes.OK;
    }
}
