/**
 * Running one assessment plugin under Plugin ABI v1 and turning whatever happens into an
 * {@link org.assessmentruntime.api.model.AssessmentResult}: a plain library, used by the job runner
 * component and, outside OSGi, by the command line.
 *
 * <ul>
 * <li>{@link org.assessmentruntime.jobrunner.PluginPackage}: a plugin's manifest ({@code plugin.json},
 * read strictly), its module and the module's digest, and the validation of configurations against the
 * manifest's JSON Schema (2020-12).</li>
 * <li>{@link org.assessmentruntime.jobrunner.PluginRunner}: builds the plugin's stdin, grants and limits
 * from the manifest and the operator's limits, runs it through a
 * {@link org.assessmentruntime.api.WasmExecutor}, and maps every outcome (a verdict, a limit hit, a crash,
 * invalid output, an invalid configuration) to a result with full provenance. A misbehaving plugin is a
 * result, never an exception.</li>
 * <li>{@link org.assessmentruntime.jobrunner.GrantPolicy}: the operator's policy on the directories and
 * environment variables a plugin may be granted, deny by default; the runtime's own files and variables
 * are never granted. A plugin that asks for more is rejected, not run.</li>
 * </ul>
 */
@Export
@Version("0.2.0")
package org.assessmentruntime.jobrunner;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
