package org.assessmentruntime.jobrunner.internal;

import java.io.IOException;
import java.util.Dictionary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.assessmentruntime.api.ControlPlaneConnection;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The control plane's credential files as its configuration (PID {@link ControlPlaneConnection#PID})
 * names them: secret, key, certificate, key store and CA bundle. Read, never created: listing does not
 * make a configuration appear where there is none.
 */
final class ControlPlaneFiles {

    /** The connection's settings that name a file whose contents must not reach a plugin. */
    static final List<String> KEYS = List.of("clientSecretFile", "clientCertificate", "clientKey", "clientKeystore",
            "caBundle");

    private ControlPlaneFiles() {
    }

    /**
     * @param admin the configuration admin; {@code null} when there is none (outside OSGi)
     * @return setting → configured path, for those set
     */
    static Map<String, String> configured(ConfigurationAdmin admin) {
        Map<String, String> files = new LinkedHashMap<>();
        if (admin == null) {
            return files;
        }
        try {
            Configuration[] found = admin.listConfigurations("(service.pid=" + ControlPlaneConnection.PID + ")");
            for (Configuration configuration : found == null ? new Configuration[0] : found) {
                Dictionary<String, Object> properties = configuration.getProperties();
                for (String key : KEYS) {
                    Object value = properties == null ? null : properties.get(key);
                    if (value instanceof String path && !path.isBlank()) {
                        files.put(key, path.strip());
                    }
                }
            }
        } catch (IOException | InvalidSyntaxException | IllegalStateException e) {
            // The protected Karaf directories (where these files normally are) still hold; the log says why.
            org.slf4j.LoggerFactory.getLogger(ControlPlaneFiles.class).warn("Cannot read the control plane's "
                    + "configuration to protect its credential files from grants: {}", e.toString());
        }
        return files;
    }
}
