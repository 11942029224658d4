/**
 * The plugin store and plugin packages as a plain library, used by the runtime's components and, outside
 * OSGi, by the command line.
 *
 * <ul>
 * <li>{@link org.assessmentruntime.pluginstore.PluginStores#open} opens (or creates) a store directory and
 * returns an {@link org.assessmentruntime.api.PluginStore}, the same implementation the runtime registers
 * as a service.</li>
 * <li>{@link org.assessmentruntime.pluginstore.PluginPackage}: a plugin's manifest ({@code plugin.json},
 * read strictly), its module and the module's digest, and the validation of configurations against the
 * manifest's JSON Schema (2020-12). It lives here, beside the store that keeps plugins, rather than in the
 * job runner, so that the plugin manager and the runner each depend on this bundle and not on each
 * other: either can be updated alone.</li>
 * <li>{@link org.assessmentruntime.pluginstore.AbiJson}: the strict JSON of Plugin ABI v1 (manifests, a
 * plugin's stdin and stdout).</li>
 * </ul>
 *
 * <p>Layout of a store directory: {@code blobs/sha256/<hex>} holds each module once, named by its
 * SHA-256 digest; {@code index.json} maps every stored name and version to its digest and manifest;
 * {@code records/} holds one copy of each index entry, from which a lost or damaged index is rebuilt.
 * Every file is written to a temporary file in its directory, forced to disk and renamed over the
 * target, so that a crash leaves the old or the new content and never a partial plugin.
 */
@Export
@Version("0.2.0")
package org.assessmentruntime.pluginstore;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
