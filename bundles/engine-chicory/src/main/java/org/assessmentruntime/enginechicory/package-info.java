/**
 * The Chicory engine as a plain library, for use outside an OSGi container (the CLI, benchmarks,
 * other programs): {@link org.assessmentruntime.enginechicory.ChicoryEngines} creates the same engine
 * the runtime registers as a service.
 */
@Export
@Version("0.1.0")
package org.assessmentruntime.enginechicory;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
