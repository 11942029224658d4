/**
 * The results collector as a plain library, for use outside an OSGi container (the CLI's
 * {@code results export}, tests, other programs) and by the shell inside it.
 *
 * <ul>
 * <li>{@link org.assessmentruntime.resultscollector.ResultStores} opens the durable
 * {@link org.assessmentruntime.resultscollector.ResultStore} that the runtime's collector service keeps
 * its results in: one directory, one file, safe against a crash at any point.</li>
 * <li>{@link org.assessmentruntime.resultscollector.RunSummary} sums up results per run: how many passed,
 * failed or could not be assessed.</li>
 * <li>{@link org.assessmentruntime.resultscollector.OscalExporter} turns results into one OSCAL 1.1.2
 * assessment-results document in which every finding traces back to its observations, its subjects
 * and the plugin that produced it.</li>
 * </ul>
 *
 * <p>1.0.0: {@link org.assessmentruntime.resultscollector.ResultStore} no longer carries the delivery's
 * methods, gone from {@link org.assessmentruntime.api.ResultsCollector}.
 */
@Export
@Version("1.0.0")
package org.assessmentruntime.resultscollector;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
