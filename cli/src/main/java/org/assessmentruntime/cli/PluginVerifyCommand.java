package org.assessmentruntime.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.concurrent.Callable;

import org.assessmentruntime.api.model.PluginSignature;
import org.assessmentruntime.pluginstore.InvalidPluginException;
import org.assessmentruntime.pluginstore.PluginPackage;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code assessment plugin verify}: checks plugin.sig against the files and a public key. */
@Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        usageHelpAutoWidth = true, sortOptions = false,
        description = {
            "Verify a signed plugin: plugin.sig must be of the current format, plugin.wasm and plugin.json must "
                    + "have its digests and the manifest its name and version, the signature must verify with the "
                    + "public key over that statement, and the plugin must be valid. A plugin.sig of the retired v1 "
                    + "format (signatures over digests alone) fails: re-sign with plugin sign.",
            "",
            "Example:",
            "  assessment plugin verify plugins/target/plugins/sshd-hardening --pubkey keys/signing.pub",
            "" })
final class PluginVerifyCommand implements Callable<Integer> {

    static final String NAME = "plugin verify";

    private final Cli cli;

    @Parameters(index = "0", paramLabel = "PLUGIN_DIR",
            description = "Directory with plugin.json, plugin.wasm and plugin.sig.")
    private Path plugin;

    @Option(names = "--pubkey", paramLabel = "FILE", required = true,
            description = "The Ed25519 public key, X.509 SubjectPublicKeyInfo PEM (as plugin keygen writes it).")
    private Path pubkey;

    PluginVerifyCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(plugin)) {
            cli.err().println(NAME + ": " + plugin + (Files.exists(plugin) ? ": not a directory"
                    : ": no such directory"));
            return ExitCodes.NO_INPUT;
        }
        PublicKey key;
        try {
            key = Signing.publicKey(pubkey);
        } catch (NoSuchFileException e) {
            cli.err().println(NAME + ": " + pubkey + ": no such file");
            return ExitCodes.NO_INPUT;
        } catch (Signing.Invalid e) {
            cli.err().println(NAME + ": " + e.getMessage());
            return ExitCodes.DATA;
        }
        Path sigFile = plugin.resolve(Signing.SIGNATURE_FILE);
        PluginSignature sig;
        byte[] module;
        byte[] manifest;
        try {
            sig = Signing.read(sigFile);
            module = Files.readAllBytes(plugin.resolve(PluginPackage.MODULE));
            manifest = Files.readAllBytes(plugin.resolve(PluginPackage.MANIFEST));
        } catch (NoSuchFileException e) {
            cli.err().println(NAME + ": " + e.getFile() + ": no such file" + (e.getFile().endsWith(
                    Signing.SIGNATURE_FILE) ? " (the plugin is not signed; see plugin sign)" : ""));
            return ExitCodes.VERIFY_FAILED;
        } catch (Signing.Invalid e) {
            cli.err().println(NAME + ": " + e.getMessage());
            return ExitCodes.VERIFY_FAILED;
        }
        List<String> problems;
        try {
            problems = Signing.check(sig, PluginPackage.load(plugin).descriptor(), module, manifest, key);
        } catch (InvalidPluginException e) {
            problems = List.of("the plugin is invalid: " + e.getMessage());
        }
        if (!problems.isEmpty()) {
            cli.err().println(NAME + ": " + plugin + ": verification FAILED:");
            problems.forEach(p -> cli.err().println("  - " + p));
            return ExitCodes.VERIFY_FAILED;
        }
        cli.out().println(plugin + ": verified: " + sig.name() + "@" + sig.version() + " (module " + sig.moduleDigest()
                + ", manifest " + sig.manifestDigest() + ") signed by key '" + sig.keyId() + "'");
        return ExitCodes.OK;
    }
}
