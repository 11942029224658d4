package org.assessmentruntime.authentication.internal;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/** Builds a {@link ControlPlaneConfig} as DS would: given values, else the annotation's defaults. */
final class Configs {

    private Configs() {
    }

    static ControlPlaneConfig of(Object... keyValues) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put((String) keyValues[i], keyValues[i + 1]);
        }
        return (ControlPlaneConfig) Proxy.newProxyInstance(Configs.class.getClassLoader(),
                new Class<?>[] {ControlPlaneConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("annotationType")) {
                        return ControlPlaneConfig.class;
                    }
                    if (method.getDeclaringClass() == Object.class) {
                        return method.getName().equals("toString") ? "ControlPlaneConfig" + values.keySet()
                                : method.getName().equals("hashCode") ? System.identityHashCode(proxy) : proxy == args[0];
                    }
                    return values.getOrDefault(method.getName(), method.getDefaultValue());
                });
    }
}
