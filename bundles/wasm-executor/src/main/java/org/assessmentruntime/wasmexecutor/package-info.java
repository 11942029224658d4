/**
 * The WASM executor as a plain library, for use outside an OSGi container (the CLI, tests, other
 * programs): {@link org.assessmentruntime.wasmexecutor.WasmExecutors} builds the same executor the
 * runtime registers as a service.
 */
@Export
@Version("0.1.0")
package org.assessmentruntime.wasmexecutor;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
