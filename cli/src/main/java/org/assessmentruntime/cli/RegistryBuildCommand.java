package org.assessmentruntime.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.assessmentruntime.api.model.PluginDescriptor;
import org.assessmentruntime.api.model.PluginSignature;
import org.assessmentruntime.pluginstore.InvalidPluginException;
import org.assessmentruntime.pluginstore.PluginPackage;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code assessment registry build}: a static plugin registry from a folder of signed plugins. */
@Command(name = "build", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        usageHelpAutoWidth = true, sortOptions = false,
        description = {
            "Build a static plugin registry (plugins/REGISTRY.md) that any web server can serve, from a folder "
                    + "of signed plugin directories (each with plugin.json, plugin.wasm and plugin.sig, see "
                    + "plugin sign). For each plugin namespace/name and version it writes",
            "  OUT/v1/plugins/NAMESPACE/NAME/versions",
            "  OUT/v1/plugins/NAMESPACE/NAME/VERSION/download  (url, manifestUrl, sha256, manifestSha256,",
            "      signatureFormat, signature, keyId: the signature binds name, version and both digests)",
            "  OUT/v1/plugins/NAMESPACE/NAME/VERSION/plugin.wasm",
            "  OUT/v1/plugins/NAMESPACE/NAME/VERSION/plugin.json",
            "Nothing is written when any plugin is invalid, unsigned, signed in the retired v1 format, or does not "
                    + "match its signature.",
            "",
            "Example:",
            "  assessment registry build signed-plugins --out site --pubkey keys/signing.pub",
            "" })
final class RegistryBuildCommand implements Callable<Integer> {

    static final String NAME = "registry build";

    private final Cli cli;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Folder whose subdirectories are signed plugins.")
    private Path dir;

    @Option(names = "--out", paramLabel = "OUT", required = true,
            description = "Where to write the registry (created if needed; existing files of the same plugin "
                    + "versions are replaced).")
    private Path out;

    @Option(names = "--base-url", paramLabel = "URL",
            description = "The URL the registry will be served at: download records then carry absolute URLs "
                    + "(default: relative URLs, plugin.wasm and plugin.json).")
    private String baseUrl;

    @Option(names = "--pubkey", paramLabel = "FILE",
            description = "Also verify every signature with this Ed25519 public key (X.509 PEM).")
    private Path pubkey;

    RegistryBuildCommand(Cli cli) {
        this.cli = cli;
    }

    private record Entry(PluginDescriptor descriptor, Path source, PluginSignature sig) {
    }

    @Override
    public Integer call() throws IOException {
        if (baseUrl != null && !baseUrl.matches("https?://\\S+")) {
            throw Grants.usage(spec, "--base-url: '" + baseUrl + "' must be an http(s) URL");
        }
        if (!Files.isDirectory(dir)) {
            cli.err().println(NAME + ": " + dir + (Files.exists(dir) ? ": not a directory" : ": no such directory"));
            return ExitCodes.NO_INPUT;
        }
        PublicKey key = null;
        if (pubkey != null) {
            try {
                key = Signing.publicKey(pubkey);
            } catch (NoSuchFileException e) {
                cli.err().println(NAME + ": " + pubkey + ": no such file");
                return ExitCodes.NO_INPUT;
            } catch (Signing.Invalid e) {
                cli.err().println(NAME + ": " + e.getMessage());
                return ExitCodes.DATA;
            }
        }
        List<Path> candidates;
        try (Stream<Path> list = Files.list(dir)) {
            candidates = list.filter(Files::isDirectory).sorted().toList();
        }
        List<String> problems = new ArrayList<>();
        Map<String, Map<String, Entry>> plugins = new TreeMap<>();
        for (Path candidate : candidates) {
            PluginPackage pkg;
            try {
                pkg = PluginPackage.load(candidate);
            } catch (InvalidPluginException e) {
                problems.add(candidate + ": invalid plugin: " + e.getMessage());
                continue;
            }
            PluginSignature sig;
            try {
                sig = Signing.read(candidate.resolve(Signing.SIGNATURE_FILE));
            } catch (NoSuchFileException e) {
                problems.add(candidate + ": unsigned (no " + Signing.SIGNATURE_FILE + "; see plugin sign)");
                continue;
            } catch (Signing.Invalid e) {
                problems.add(e.getMessage());
                continue;
            }
            List<String> mismatches = Signing.check(sig, pkg.descriptor(),
                    Files.readAllBytes(candidate.resolve(PluginPackage.MODULE)),
                    Files.readAllBytes(candidate.resolve(PluginPackage.MANIFEST)), key);
            mismatches.forEach(m -> problems.add(candidate + ": " + m));
            PluginDescriptor d = pkg.descriptor();
            Entry previous = plugins.computeIfAbsent(d.name(), n -> new TreeMap<>())
                    .putIfAbsent(d.version(), new Entry(d, candidate, sig));
            if (previous != null) {
                problems.add(candidate + ": " + d.name() + " " + d.version() + " is also in " + previous.source());
            }
        }
        if (!problems.isEmpty()) {
            cli.err().println(NAME + ": not building the registry:");
            problems.forEach(p -> cli.err().println("  - " + p));
            return ExitCodes.DATA;
        }
        if (plugins.isEmpty()) {
            cli.err().println(NAME + ": " + dir + " holds no plugin directories");
            return ExitCodes.DATA;
        }
        String base = baseUrl == null ? null : baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
        int count = 0;
        for (Map.Entry<String, Map<String, Entry>> plugin : plugins.entrySet()) {
            String path = "v1/plugins/" + plugin.getKey();
            Path pluginDir = out.resolve(path);
            Files.createDirectories(pluginDir);
            List<Map<String, String>> versions = new ArrayList<>();
            for (Entry entry : plugin.getValue().values()) {
                String version = entry.descriptor().version();
                versions.add(Map.of("version", version));
                Path versionDir = pluginDir.resolve(version);
                Files.createDirectories(versionDir);
                Files.copy(entry.source().resolve(PluginPackage.MODULE), versionDir.resolve(PluginPackage.MODULE),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                Files.copy(entry.source().resolve(PluginPackage.MANIFEST),
                        versionDir.resolve(PluginPackage.MANIFEST), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                String prefix = base == null ? "" : base + path + "/" + version + "/";
                Map<String, String> download = new LinkedHashMap<>();
                download.put("url", prefix + PluginPackage.MODULE);
                download.put("manifestUrl", prefix + PluginPackage.MANIFEST);
                download.put("sha256", entry.sig().moduleDigest().hex());
                download.put("manifestSha256", entry.sig().manifestDigest().hex());
                download.put("signatureFormat", entry.sig().format());
                download.put("signature", entry.sig().signature());
                download.put("keyId", entry.sig().keyId());
                Files.writeString(versionDir.resolve("download"), CliJson.pretty(download) + "\n");
                cli.out().println(plugin.getKey() + " " + version + " (key '" + entry.sig().keyId() + "')");
                count++;
            }
            Files.writeString(pluginDir.resolve("versions"), CliJson.pretty(Map.of("versions", versions)) + "\n");
        }
        cli.err().println(NAME + ": wrote " + count + " plugin version(s) of " + plugins.size() + " plugin(s) to "
                + out);
        return ExitCodes.OK;
    }
}
