package org.assessmentruntime.configuration.internal;

import java.util.Arrays;
import java.util.Optional;

import org.assessmentruntime.api.ComponentId;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * Finds a PID's metatype among the runtime's own bundles, as their {@code @ObjectClassDefinition}s
 * declare it. Looked up at every sync (a bundle may have been updated since).
 */
final class MetaTypeSchemas implements Schemas {

    private final BundleContext context;
    private final MetaTypeService metaType;

    MetaTypeSchemas(BundleContext context, MetaTypeService metaType) {
        this.context = context;
        this.metaType = metaType;
    }

    @Override
    public Optional<ObjectClassDefinition> definition(String pid) {
        for (Bundle bundle : context.getBundles()) {
            String name = bundle.getSymbolicName();
            if (name == null || !name.startsWith(ComponentId.BUNDLE_PREFIX)) {
                continue;
            }
            MetaTypeInformation info = metaType.getMetaTypeInformation(bundle);
            if (info != null && info.getPids() != null && Arrays.asList(info.getPids()).contains(pid)) {
                return Optional.ofNullable(info.getObjectClassDefinition(pid, null));
            }
        }
        return Optional.empty();
    }
}
