/**
 * The wasmtime engine as a plain library, for use outside an OSGi container (the CLI, benchmarks,
 * other programs): {@link org.assessmentruntime.enginewasmtime.WasmtimeEngines} creates the same engine
 * the runtime registers as a service.
 */
@Export
@Version("0.1.0")
package org.assessmentruntime.enginewasmtime;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
