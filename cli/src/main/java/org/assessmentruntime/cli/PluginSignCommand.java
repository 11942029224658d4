package org.assessmentruntime.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.concurrent.Callable;

import org.assessmentruntime.api.model.PluginSignature;
import org.assessmentruntime.api.model.PluginStatement;
import org.assessmentruntime.pluginstore.InvalidPluginException;
import org.assessmentruntime.pluginstore.PluginPackage;

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
                    + "signed statement (format " + PluginStatement.FORMAT + ": name, version, moduleDigest and "
                    + "manifestDigest, so that the module cannot be re-served under another name or version or "
                    + "with another plugin.json), the key id (keyId) and the Ed25519 signature (signature, base64; "
                    + "what a registry's download record carries). The plugin must be valid (see plugin check).",
            "",
            "To deploy the signed plugin without a registry, copy plugin.wasm, plugin.json and plugin.sig into the "
                    + "runtime's deploy/ folder as NAME.wasm, NAME.plugin.json and NAME.sig (plugins/DEPLOY.md).",
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
        PluginPackage pkg;
        try {
            pkg = PluginPackage.load(plugin);
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
        PluginSignature sig = Signing.create(privateKey, id, pkg.descriptor(), module, manifest);
        Path out = plugin.resolve(Signing.SIGNATURE_FILE);
        Signing.write(out, sig);
        cli.out().println("signed " + sig.name() + "@" + sig.version() + " (module " + sig.moduleDigest()
                + ", manifest " + sig.manifestDigest() + ") with key '" + id + "': " + out);
        return ExitCodes.OK;
    }
}
