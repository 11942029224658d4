/**
 * What happens to runs, for whoever wants to watch: the job runner tells every registered
 * {@link org.assessmentruntime.api.runs.RunObserver} about each {@link org.assessmentruntime.api.runs.FinishedRun}
 * (the HTTP bundle counts them for {@code /metrics}).
 *
 * <p>A package of its own rather than a type in {@link org.assessmentruntime.api}: that package's bundles
 * implement its provider types with an import range of one minor version, so adding a type there would
 * force every component bundle to be rebuilt at once; this package starts at its own version instead.
 */
@Export
@Version("0.1.0")
package org.assessmentruntime.api.runs;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
