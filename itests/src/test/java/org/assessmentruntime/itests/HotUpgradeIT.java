package org.assessmentruntime.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.assessmentruntime.itests.harness.BundleList;
import org.assessmentruntime.itests.harness.CommandResult;
import org.assessmentruntime.itests.harness.Conditions;
import org.assessmentruntime.itests.harness.ControlPlanes;
import org.assessmentruntime.itests.harness.KarafDistribution;
import org.assessmentruntime.itests.harness.KarafExtension;
import org.assessmentruntime.itests.harness.PluginSigner;
import org.assessmentruntime.referencecp.ReferenceControlPlane;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Hot upgrade, proven under load: while a job fires every second, its plugin is upgraded, the executor,
 * job runner and results collector (with the delivery to the control plane) bundles are updated one by
 * one, and a newer version of a feature is installed over the old one. Afterwards every fire time of the
 * window has its run (run timestamps), every result is at the control plane, and the runs switched to
 * the new plugin version when it arrived.
 */
class HotUpgradeIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLIENT_ID = UUID.randomUUID().toString();
    private static final String CLIENT_SECRET = "s3cr3t-" + UUID.randomUUID();
    private static final String JOB = "hot-upgrade";
    private static final String PLUGIN = "examples/os-baseline";
    private static final String OLD_VERSION = "1.0.0";
    private static final String NEW_VERSION = "1.0.1";
    /** The feature whose bundle gets a new version, and the one feature that the boot installed it through. */
    private static final String FEATURE = "assessment-heartbeat";
    private static final String TOP_FEATURE = "assessment-runtime";
    private static final String FEATURE_VERSION = "0.1.1";
    private static final String FEATURE_BUNDLE_VERSION = "0.1.1.itest";
    private static final List<String> UPDATED_BUNDLES = List.of("org.assessmentruntime.wasm-executor",
            "org.assessmentruntime.job-runner", "org.assessmentruntime.results-collector");
    private static final Duration INTERVAL = Duration.ofSeconds(1);
    /**
     * How long a slow update leaves its bundle stopped: with the SSH round trips and the update itself,
     * the outage then lasts two to three intervals, so that fires surely meet it (a quick update often
     * falls between two fires), and more than one fire waits for the same hold-up.
     */
    private static final Duration SLOW_UPDATE = Duration.ofMillis(1500);
    /** Runs started after a step before the next: several fires, so a gap or a loss around a step shows. */
    private static final int RUNS_BETWEEN_STEPS = 4;
    /**
     * Slack on the interval between two runs' starts. A fire that meets no job runner (its bundle, or
     * one it needs, being updated) waits for it and runs on its return; the runs it waited for then
     * follow at once, so the gap before them is the length of the outage.
     */
    private static final Duration GAP_TOLERANCE = Duration.ofSeconds(4);
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration DELIVERY = Duration.ofSeconds(90);
    /** Error kinds that are the runtime's fault: an upgrade must not cause any. */
    private static final Set<String> RUNTIME_FAULTS = Set.of("INTERNAL", "ENGINE_UNAVAILABLE", "PLUGIN_UNAVAILABLE");

    /** Started before Karaf (static initialisation precedes the extension's beforeAll). */
    private static final ReferenceControlPlane CP = ControlPlanes.started(ReferenceControlPlane.builder()
            .client(CLIENT_ID, CLIENT_SECRET));

    @RegisterExtension
    static final KarafExtension KARAF = new KarafExtension(options -> ControlPlanes.connect(options, CP, CLIENT_ID,
            CLIENT_SECRET)
            .config("org.assessmentruntime.resultscollector", "backoffMaxSeconds", "2"));

    @AfterAll
    static void stopControlPlane() {
        CP.close();
    }

    /** One upgrade step and when it ran. */
    private record Step(String name, Instant start, Instant end) {
    }

    /** One run of the job: its start and the plugin version it ran. */
    private record Run(String runId, Instant start, String pluginVersion, String resultId, String status,
            String errorKind) {
    }

    @Test
    void aJobFiringEverySecondMissesNoRunAndLosesNoResultThroughUpgrades(KarafDistribution karaf) throws Exception {
        CommandResult up = karaf.awaitCommand("assessment:status", r -> r.output().contains("All components are up"),
                STEP_TIMEOUT);
        assertThat(up.output()).as("%s", up).contains("All components are up");
        long skippedBefore = schedulerFact(karaf, "runsSkipped");
        long coalescedBefore = schedulerFact(karaf, "runsCoalesced");
        long failedBefore = schedulerFact(karaf, "runsFailed");

        Path jobFile = karaf.home().resolve("etc/jobs/" + JOB + ".json");
        try (InputStream in = HotUpgradeIT.class.getResourceAsStream("hot-upgrade-job.json")) {
            Files.copy(in, jobFile);
        }
        Conditions.awaitUntil(() -> !runs(karaf).isEmpty(), STEP_TIMEOUT, "the first run of " + JOB);
        awaitRunsAfter(karaf, Instant.EPOCH);

        List<Step> steps = new ArrayList<>();
        steps.add(step(karaf, "plugin " + PLUGIN + " " + OLD_VERSION + " -> " + NEW_VERSION,
                () -> upgradePlugin(karaf)));
        for (String bundle : UPDATED_BUNDLES) {
            steps.add(step(karaf, "bundle:update " + bundle, () -> updateBundle(karaf, bundle, false)));
        }
        for (String bundle : UPDATED_BUNDLES) {
            steps.add(step(karaf, "bundle:update " + bundle + ", away " + SLOW_UPDATE.toMillis() + " ms",
                    () -> updateBundle(karaf, bundle, true)));
        }
        steps.add(step(karaf, "feature " + TOP_FEATURE + " -> " + FEATURE_VERSION + " (" + FEATURE + " "
                + FEATURE_VERSION + ")", () -> upgradeFeature(karaf)));

        Files.delete(jobFile);
        Conditions.awaitUntil(() -> !karaf.run("assessment:jobs --json").output().contains("\"" + JOB + "\""),
                STEP_TIMEOUT, JOB + " unscheduled");
        // A run in progress when the job went finishes and stores its result.
        Conditions.awaitUntil(() -> schedulerFact(karaf, "runsInProgress") == 0, STEP_TIMEOUT, "no run in progress");

        List<Run> runs = runs(karaf);
        assertRunsAgree(karaf, runs);
        Set<String> delivered = ControlPlanes.awaitAllDelivered(karaf, CP, DELIVERY);
        report(karaf, steps, runs, delivered, skippedBefore, coalescedBefore, failedBefore);
    }

    // ---------------------------------------------------------------------------------------------
    // The steps

    private interface Action {
        void run() throws Exception;
    }

    private static Step step(KarafDistribution karaf, String name, Action action) throws Exception {
        Instant start = Instant.now();
        action.run();
        Instant end = Instant.now();
        System.out.printf("HotUpgradeIT: %s took %d ms%n", name, Duration.between(start, end).toMillis());
        awaitRunsAfter(karaf, end);
        return new Step(name, start, end);
    }

    /** Waits until {@link #RUNS_BETWEEN_STEPS} runs that started after {@code after} have their results. */
    private static void awaitRunsAfter(KarafDistribution karaf, Instant after) throws InterruptedException {
        Conditions.awaitUntil(() -> runs(karaf).stream().filter(r -> r.start().isAfter(after))
                .count() >= RUNS_BETWEEN_STEPS, STEP_TIMEOUT, RUNS_BETWEEN_STEPS + " runs after " + after);
    }

    /** The same module with a higher version, dropped into deploy/ (plugins/DEPLOY.md). */
    private static void upgradePlugin(KarafDistribution karaf) throws IOException {
        Path installed = karaf.home().resolve("plugins").resolve(PLUGIN);
        ObjectNode manifest = (ObjectNode) JSON.readTree(installed.resolve("plugin.json").toFile());
        assertThat(manifest.path("version").asText()).isEqualTo(OLD_VERSION);
        manifest.put("version", NEW_VERSION);
        Path deploy = karaf.home().resolve("deploy");
        // Signed (module, manifest and signature, plugins/DEPLOY.md), as the runtime requires by default.
        byte[] module = Files.readAllBytes(installed.resolve("plugin.wasm"));
        byte[] manifestBytes = JSON.writeValueAsBytes(manifest);
        Files.write(deploy.resolve("os-baseline-next.sig"), PluginSigner.trustedBy(karaf.home(), "itest-upgrade")
                .signatureFile(module, manifestBytes));
        Files.copy(installed.resolve("plugin.wasm"), deploy.resolve("os-baseline-next.wasm"));
        Files.write(deploy.resolve("os-baseline-next.plugin.json"), manifestBytes);
        CommandResult listed = karaf.awaitCommand("assessment:plugin-list --json",
                r -> pluginVersions(r).contains(NEW_VERSION), STEP_TIMEOUT);
        assertThat(pluginVersions(listed)).as("%s", listed).contains(NEW_VERSION);
    }

    /** {@code bundle:update}; a slow one stops the bundle first and leaves it stopped for a while. */
    private static void updateBundle(KarafDistribution karaf, String symbolicName, boolean slow)
            throws InterruptedException {
        long id = bundle(karaf, symbolicName).id();
        if (slow) {
            CommandResult stop = karaf.run("bundle:stop " + id);
            assertThat(stop.succeeded()).as("%s", stop).isTrue();
            // Not a wait for something: the scenario itself, a bundle away for a while.
            Thread.sleep(SLOW_UPDATE.toMillis());
        }
        CommandResult update = karaf.run("bundle:update " + id + (slow ? "; bundle:start " + id : ""), STEP_TIMEOUT);
        assertThat(update.succeeded()).as("%s", update).isTrue();
        awaitOurBundlesActive(karaf);
    }

    /**
     * A newer version of a feature, installed with {@code feature:install --upgrade} from a features
     * repository written here: the distribution's definition of the feature with the version raised,
     * pointing at a copy of its bundle whose Bundle-Version is raised too. The boot installed the feature
     * as a dependency of {@value #TOP_FEATURE}, and {@code --upgrade} replaces only the features that were
     * asked for: so the upgrade is a new {@value #TOP_FEATURE} too, the same but for the new version of
     * the feature, as a release of the runtime would ship it.
     */
    private static void upgradeFeature(KarafDistribution karaf) throws Exception {
        Path repository = karaf.home().resolve("system/org/assessmentruntime/assessment-features");
        Path featuresXml;
        try (var files = Files.walk(repository)) {
            featuresXml = files.filter(p -> p.getFileName().toString().endsWith("-features.xml")).findFirst()
                    .orElseThrow(() -> new AssertionError("no features XML under " + repository));
        }
        Document source = DocumentBuilderFactory.newDefaultNSInstance().newDocumentBuilder()
                .parse(featuresXml.toFile());
        Element feature = featureElement(source, FEATURE);
        Element bundle = (Element) feature.getElementsByTagNameNS("*", "bundle").item(0);
        String[] gav = bundle.getTextContent().strip().substring("mvn:".length()).split("/");
        Path jar = karaf.home().resolve("system").resolve(gav[0].replace('.', '/')).resolve(gav[1]).resolve(gav[2])
                .resolve(gav[1] + "-" + gav[2] + ".jar");
        Path newJar = karaf.runDir().resolve(gav[1] + "-" + FEATURE_BUNDLE_VERSION + ".jar");
        withBundleVersion(jar, newJar, FEATURE_BUNDLE_VERSION);
        bundle.setTextContent(newJar.toUri().toString());
        feature.setAttribute("version", FEATURE_VERSION);
        Element top = featureElement(source, TOP_FEATURE);
        top.setAttribute("version", FEATURE_VERSION);
        NodeList needs = top.getElementsByTagNameNS("*", "feature");
        for (int i = 0; i < needs.getLength(); i++) {
            Element need = (Element) needs.item(i);
            if (need.getTextContent().strip().equals(FEATURE)) {
                need.setAttribute("version", "[" + FEATURE_VERSION + "," + FEATURE_VERSION + "]");
            }
        }

        Element root = source.getDocumentElement();
        root.setAttribute("name", "itest-hot-upgrade");
        NodeList children = root.getChildNodes();
        for (int i = children.getLength() - 1; i >= 0; i--) {
            Node child = children.item(i);
            if (child != feature && child != top && child.getNodeType() == Node.ELEMENT_NODE) {
                root.removeChild(child);
            }
        }
        Path upgraded = karaf.runDir().resolve("itest-hot-upgrade-features.xml");
        TransformerFactory.newInstance().newTransformer().transform(new DOMSource(source),
                new StreamResult(upgraded.toFile()));

        CommandResult help = karaf.run("feature:install --help");
        assertThat(help.output()).as("Karaf's feature:install offers --upgrade").contains("--upgrade");
        CommandResult added = karaf.run("feature:repo-add " + upgraded.toUri());
        assertThat(added.succeeded()).as("%s", added).isTrue();
        CommandResult installed = karaf.run("feature:install --upgrade " + TOP_FEATURE + "/" + FEATURE_VERSION,
                STEP_TIMEOUT);
        assertThat(installed.succeeded()).as("%s", installed).isTrue();
        awaitOurBundlesActive(karaf);
        List<BundleList.Bundle> heartbeats = BundleList.parse(karaf.run(BundleList.COMMAND).output()).stream()
                .filter(b -> b.symbolicName().equals("org.assessmentruntime.heartbeat")).toList();
        assertThat(heartbeats).as("the heartbeat bundle, replaced").singleElement()
                .extracting(BundleList.Bundle::version).isEqualTo(FEATURE_BUNDLE_VERSION);
        CommandResult features = karaf.run("feature:list -i --no-format");
        for (String name : List.of(FEATURE, TOP_FEATURE)) {
            // --no-format: tab-separated columns name, version, ..., padded with spaces.
            assertThat(features.output().lines().map(l -> l.split("\t")).filter(c -> c[0].strip().equals(name))
                    .map(c -> c[1].strip()).toList()).as("installed versions of %s in %s", name, features)
                    .containsExactly(FEATURE_VERSION);
        }
    }

    private static Element featureElement(Document features, String name) {
        NodeList all = features.getElementsByTagNameNS("*", "feature");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (e.getParentNode() == features.getDocumentElement() && name.equals(e.getAttribute("name"))) {
                return e;
            }
        }
        throw new AssertionError("no feature " + name + " in the distribution's features");
    }

    /** Copies a bundle jar with another Bundle-Version: to the framework, another bundle. */
    private static void withBundleVersion(Path jar, Path copy, String version) throws IOException {
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().putValue("Bundle-Version", version);
            try (OutputStream file = Files.newOutputStream(copy); JarOutputStream out = new JarOutputStream(file,
                    manifest)) {
                for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                    out.putNextEntry(new JarEntry(entry.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The verdict

    private static void report(KarafDistribution karaf, List<Step> steps, List<Run> runs, Set<String> delivered,
            long skippedBefore, long coalescedBefore, long failedBefore) throws IOException {
        assertThat(runs).as("runs of %s", JOB).hasSizeGreaterThan(10);
        Instant first = runs.get(0).start();
        Instant last = runs.get(runs.size() - 1).start();
        long fires = Math.round((double) Duration.between(first, last).toMillis() / INTERVAL.toMillis()) + 1;
        Duration maxGap = Duration.ZERO;
        String maxGapAt = "";
        for (int i = 1; i < runs.size(); i++) {
            Duration gap = Duration.between(runs.get(i - 1).start(), runs.get(i).start());
            if (gap.compareTo(maxGap) > 0) {
                maxGap = gap;
                maxGapAt = "before the run at " + runs.get(i).start() + " (" + during(steps, runs.get(i).start()) + ")";
            }
        }
        Set<String> resultIds = new HashSet<>();
        runs.forEach(r -> resultIds.add(r.resultId()));
        Set<String> atReceiver = CP.received().resultIds();
        long resultsDelivered = resultIds.stream().filter(atReceiver::contains).count();
        long skipped = schedulerFact(karaf, "runsSkipped") - skippedBefore;
        // The job fires every second; the first run after an upgrade (module compiled again, classes loaded
        // again) may take longer than that on a loaded machine. Fires meanwhile queue behind it, and one
        // that finds a run of the same task already waiting is folded into it by design (QUEUE keeps one
        // waiting run per task: it would see the same host). Those are counted apart; any other skip
        // would be a fire the upgrade lost.
        long coalesced = schedulerFact(karaf, "runsCoalesced") - coalescedBefore;
        long failed = schedulerFact(karaf, "runsFailed") - failedBefore;
        List<Run> faults = runs.stream().filter(r -> RUNTIME_FAULTS.contains(r.errorKind())).toList();

        System.out.printf("HotUpgradeIT: window %s .. %s%n", first, last);
        steps.forEach(s -> System.out.printf("HotUpgradeIT:   step %-60s %s .. %s%n", s.name(), s.start(), s.end()));
        System.out.printf("HotUpgradeIT: runs=%d fires=%d maxGap=%d ms %s; skipped=%d (coalesced %d) failed=%d "
                + "runtimeFaults=%d; results=%d delivered=%d (all results delivered: %d)%n", runs.size(), fires,
                maxGap.toMillis(), maxGapAt, skipped, coalesced, failed, faults.size(), resultIds.size(),
                resultsDelivered, delivered.size());

        assertThat(runs.size() + coalesced).as("one run per fire time from %s to %s, or a fire folded into the "
                + "run waiting already (%d)", first, last, coalesced).isEqualTo(fires);
        assertThat(coalesced).as("fires folded into a waiting run: at most one per upgrade step")
                .isLessThanOrEqualTo(steps.size());
        assertThat(maxGap).as("longest time between two runs, %s", maxGapAt)
                .isLessThanOrEqualTo(INTERVAL.plus(GAP_TOLERANCE));
        assertThat(skipped - coalesced).as("runs the scheduler skipped for any other reason").isZero();
        assertThat(failed).as("runs whose result was lost (the job runner threw)").isZero();
        assertThat(faults).as("runs that failed for the runtime's fault").isEmpty();
        assertThat(atReceiver).as("every result at the control plane").containsAll(resultIds);

        Step pluginStep = steps.get(0);
        int switchedAt = -1;
        for (int i = 0; i < runs.size(); i++) {
            if (NEW_VERSION.equals(runs.get(i).pluginVersion())) {
                switchedAt = i;
                break;
            }
        }
        assertThat(switchedAt).as("a run on %s", NEW_VERSION).isPositive();
        assertThat(runs.subList(0, switchedAt)).extracting(Run::pluginVersion).containsOnly(OLD_VERSION);
        assertThat(runs.subList(switchedAt, runs.size())).extracting(Run::pluginVersion).containsOnly(NEW_VERSION);
        assertThat(runs.get(switchedAt).start()).as("the switch to %s", NEW_VERSION)
                .isAfter(pluginStep.start()).isBefore(pluginStep.end().plus(INTERVAL.multipliedBy(2)));
        System.out.printf("HotUpgradeIT: plugin switched to %s at the run of %s (step %s .. %s)%n", NEW_VERSION,
                runs.get(switchedAt).start(), pluginStep.start(), pluginStep.end());
    }

    /** The step a run belongs to: the last one begun before it (steps follow one another). */
    private static String during(List<Step> steps, Instant at) {
        return steps.stream().filter(s -> !at.isBefore(s.start())).reduce((first, second) -> second)
                .map(Step::name).orElse("before the steps");
    }

    // ---------------------------------------------------------------------------------------------
    // Reading the runtime

    /** The job's runs, oldest first: one result each (one activity), from assessment:results. */
    private static List<Run> runs(KarafDistribution karaf) {
        CommandResult r = karaf.awaitCommand("assessment:results --json --limit 10000 --job " + JOB,
                CommandResult::succeeded, STEP_TIMEOUT);
        List<Run> runs = new ArrayList<>();
        for (JsonNode stored : json(r)) {
            JsonNode result = stored.path("result");
            JsonNode plugin = result.path("provenance").path("plugin");
            String version = plugin.isTextual() ? plugin.asText().substring(plugin.asText().lastIndexOf('@') + 1)
                    : plugin.path("version").asText();
            runs.add(new Run(result.path("runId").asText(), Instant.parse(result.path("provenance").path("start")
                    .asText()), version, result.path("resultId").asText(), result.path("status").asText(),
                    result.path("errorKind").asText("")));
        }
        runs.sort(Comparator.comparing(Run::start));
        return runs;
    }

    /** One activity per run: assessment:runs lists the runs of the results, with their start. */
    private static void assertRunsAgree(KarafDistribution karaf, List<Run> runs) {
        CommandResult summaries = karaf.awaitCommand("assessment:runs --json --limit 10000 --job " + JOB,
                CommandResult::succeeded, STEP_TIMEOUT);
        Map<String, Instant> starts = new HashMap<>();
        json(summaries).forEach(s -> starts.put(s.path("runId").asText(), Instant.parse(s.path("start").asText())));
        Map<String, Instant> expected = new HashMap<>();
        runs.forEach(r -> expected.put(r.runId(), r.start()));
        assertThat(starts).as("assessment:runs and assessment:results agree").isEqualTo(expected);
    }

    private static Set<String> pluginVersions(CommandResult list) {
        Set<String> versions = new HashSet<>();
        if (list.succeeded()) {
            json(list).forEach(p -> {
                if (PLUGIN.equals(p.path("name").asText())) {
                    versions.add(p.path("version").asText());
                }
            });
        }
        return versions;
    }

    private static BundleList.Bundle bundle(KarafDistribution karaf, String symbolicName) {
        return BundleList.parse(karaf.run(BundleList.COMMAND).output()).stream()
                .filter(b -> b.symbolicName().equals(symbolicName)).findFirst()
                .orElseThrow(() -> new AssertionError("no bundle " + symbolicName));
    }

    private static void awaitOurBundlesActive(KarafDistribution karaf) {
        CommandResult r = karaf.awaitCommand(BundleList.COMMAND, res -> {
            List<BundleList.Bundle> ours = BundleList.parse(res.output()).stream()
                    .filter(BundleList.symbolicNameStartsWith("org.assessmentruntime.")).toList();
            return !ours.isEmpty() && ours.stream().allMatch(BundleList.Bundle::active);
        }, STEP_TIMEOUT);
        assertThat(BundleList.parse(r.output()).stream().filter(BundleList.symbolicNameStartsWith(
                "org.assessmentruntime.")).toList()).as("%s", r).allMatch(BundleList.Bundle::active);
    }

    private static long schedulerFact(KarafDistribution karaf, String fact) {
        CommandResult r = karaf.awaitCommand("assessment:status --json", CommandResult::succeeded, STEP_TIMEOUT);
        for (JsonNode component : json(r).path("components")) {
            if ("scheduler".equalsIgnoreCase(component.path("component").asText())) {
                return component.path("health").path("facts").path(fact).asLong();
            }
        }
        throw new AssertionError("no scheduler in " + r);
    }

    private static JsonNode json(CommandResult r) {
        try {
            return JSON.readTree(r.output());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + r, e);
        }
    }
}
