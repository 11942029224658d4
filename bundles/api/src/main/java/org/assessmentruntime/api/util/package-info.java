/**
 * Small helpers the runtime's components share, so that each does not keep a copy of its own:
 * {@link org.assessmentruntime.api.util.ServiceWaiter}, a bounded wait for a dynamic service that is being
 * updated, and {@link org.assessmentruntime.api.util.KarafPaths}, the one way a component finds Karaf's data
 * directory for its default storage.
 *
 * <p>A package of its own rather than types in {@link org.assessmentruntime.api}: that package's bundles
 * implement its provider types with an import range of one minor version, so adding a type there would
 * force every component bundle to be rebuilt at once; this package starts at its own version instead.
 */
@Export
@Version("1.0.0")
package org.assessmentruntime.api.util;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
