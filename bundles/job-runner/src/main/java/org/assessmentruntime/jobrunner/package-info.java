/**
 * Running one assessment plugin under Plugin ABI v1 and turning whatever happens into an
 * {@link org.assessmentruntime.api.model.AssessmentResult}: a plain library, used by the job runner
 * component and, outside OSGi, by the command line.
 *
 * <ul>
 * <li>{@link org.assessmentruntime.jobrunner.PluginRunner}: builds the plugin's stdin, grants and limits
 * from the manifest and the operator's limits, runs it through a
 * {@link org.assessmentruntime.api.WasmExecutor}, and maps every outcome (a verdict, a limit hit, a crash,
 * invalid output, an invalid configuration) to a result with full provenance. A misbehaving plugin is a
 * result, never an exception.</li>
 * <li>{@link org.assessmentruntime.jobrunner.GrantPolicy}: the operator's policy on the directories and
 * environment variables a plugin may be granted, deny by default; the runtime's own files and variables
 * are never granted. A plugin that asks for more is rejected, not run.</li>
 * <li>{@link org.assessmentruntime.jobrunner.PluginPackageCache}: plugins ready to run, by digest.</li>
 * </ul>
 *
 * <p>The plugin package itself ({@link org.assessmentruntime.pluginstore.PluginPackage}) and the ABI's
 * JSON live in the plugin store's package, which the plugin manager shares without depending on this
 * bundle (1.0.0: they moved there from this package).
 */
@Export
@Version("1.0.0")
package org.assessmentruntime.jobrunner;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
