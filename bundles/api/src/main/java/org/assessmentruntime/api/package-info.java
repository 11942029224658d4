/**
 * Service interfaces of the Assessment Runtime's components, and the health and status types every
 * component reports through.
 *
 * <p>Components register their implementation of one of these interfaces as an OSGi service; other
 * components reference the interface, never an implementation class, so that each bundle can be
 * updated or replaced while the runtime runs.
 */
@Export
@Version("0.1.0")
package org.assessmentruntime.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
