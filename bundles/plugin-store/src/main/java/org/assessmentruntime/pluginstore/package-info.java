/**
 * The plugin store as a plain library: {@link org.assessmentruntime.pluginstore.PluginStores#open} opens
 * (or creates) a store directory and returns an {@link org.assessmentruntime.api.PluginStore}, the same
 * implementation the runtime registers as a service. Used by the command line outside OSGi.
 *
 * <p>Layout of a store directory: {@code blobs/sha256/<hex>} holds each module once, named by its
 * SHA-256 digest; {@code index.json} maps every stored name and version to its digest and manifest;
 * {@code records/} holds one copy of each index entry, from which a lost or damaged index is rebuilt.
 * Every file is written to a temporary file in its directory, forced to disk and renamed over the
 * target, so that a crash leaves the old or the new content and never a partial plugin.
 */
@Export
@Version("0.1.0")
package org.assessmentruntime.pluginstore;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
