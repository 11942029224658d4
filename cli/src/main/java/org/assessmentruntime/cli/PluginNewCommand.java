package org.assessmentruntime.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.assessmentruntime.api.model.PluginId;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code assessment plugin new}: a plugin project to start from, which builds and passes its tests at once. */
@Command(name = "new", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        usageHelpAutoWidth = true, sortOptions = false,
        description = {
            "Create a plugin project in a new directory: the plugin's source with a real check to replace "
                    + "(the login banner must warn users, NIST SP 800-53 AC-8), its plugin.json, the SDK, a "
                    + "build script, and test fixtures with a script that builds the plugin, checks it and "
                    + "runs it against each fixture.",
            "",
            "Example:",
            "  assessment plugin new acme/login-banner --lang c",
            "  assessment plugin new acme/login-banner-rs --lang rust",
            "  assessment plugin new acme/login-banner-as --lang assemblyscript",
            "  cd login-banner && ASSESSMENT_CLI='java -jar assessment-cli.jar' ./test.sh",
            "" })
final class PluginNewCommand implements Callable<Integer> {

    static final String NAME = "plugin new";

    /**
     * Each language's files under templates/LANG/ in this jar; {@code {{name}}} is replaced in each. A
     * leading dot is added to "gitignore" (Maven's resource copying leaves dot files out).
     */
    static final Map<String, List<String>> TEMPLATES = Map.of(
            "c", List.of("plugin.c", "plugin.json", "build.sh", "test.sh", "README.md", "gitignore", "sdk/assessment.h",
                    "sdk/assessment.c", "test/fixtures/pass/issue", "test/fixtures/fail/issue"),
            "rust", List.of("plugin.rs", "plugin.json", "build.sh", "test.sh", "README.md", "gitignore",
                    "sdk/src/lib.rs", "sdk/src/context.rs", "sdk/src/files.rs", "sdk/src/hash.rs", "sdk/src/json.rs",
                    "sdk/src/output.rs", "sdk/src/time.rs", "sdk/src/tests.rs", "sdk/README.md",
                    "test/fixtures/pass/issue", "test/fixtures/fail/issue"),
            "assemblyscript", List.of("plugin.ts", "plugin.json", "build.sh", "test.sh", "README.md", "gitignore",
                    "sdk/assembly/assessment.ts", "sdk/assembly/json.ts", "sdk/assembly/hash.ts", "sdk/assembly/wasi.ts",
                    "sdk/package.json", "sdk/package-lock.json", "sdk/asconfig.json", "sdk/README.md",
                    "test/fixtures/pass/issue", "test/fixtures/fail/issue"));

    private static final String PLACEHOLDER = "{{name}}";

    private final Cli cli;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAMESPACE/NAME",
            description = "The plugin's name, lower case, e.g. acme/login-banner.")
    private String name;

    @Option(names = "--lang", paramLabel = "LANG", defaultValue = "c",
            description = "The plugin's language: c, rust or assemblyscript (default: ${DEFAULT-VALUE}).")
    private String lang;

    @Option(names = "--out", paramLabel = "DIR",
            description = "The directory to create (default: NAME, the part after the slash). It must not "
                    + "exist, or be empty.")
    private Path out;

    PluginNewCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws IOException {
        if (!PluginId.NAME_PATTERN.matcher(name).matches()) {
            throw new ParameterException(spec.commandLine(), "invalid plugin name '" + name + "': expected "
                    + "lower-case namespace/name (letters, digits, '.', '_', '-'), e.g. acme/login-banner");
        }
        List<String> files = TEMPLATES.get(lang);
        if (files == null) {
            throw new ParameterException(spec.commandLine(), "unknown --lang '" + lang + "': expected one of "
                    + String.join(", ", TEMPLATES.keySet().stream().sorted().toList()));
        }
        Path dir = out != null ? out : Path.of(name.substring(name.indexOf('/') + 1));
        if (Files.exists(dir) && (!Files.isDirectory(dir) || !isEmpty(dir))) {
            cli.err().println(NAME + ": " + dir + " exists and is not an empty directory; not writing into it");
            return ExitCodes.CANT_CREATE;
        }
        for (String file : files) {
            Path target = dir.resolve(file.equals("gitignore") ? ".gitignore" : file);
            Files.createDirectories(target.getParent());
            Files.write(target, template(lang, file).replace(PLACEHOLDER, name).getBytes(UTF_8));
            if (file.endsWith(".sh")) {
                target.toFile().setExecutable(true);
            }
        }
        cli.out().println("Created " + name + " (" + lang + ") in " + dir);
        cli.out().println("Next: cd " + dir + " && ./test.sh   (builds, checks and tests it; see README.md)");
        return ExitCodes.OK;
    }

    private static String template(String lang, String file) throws IOException {
        String resource = "templates/" + lang + "/" + file;
        try (InputStream in = PluginNewCommand.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("template " + resource + " missing from the CLI's jar");
            }
            return new String(in.readAllBytes(), UTF_8);
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
