package org.assessmentruntime.scheduler.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** Scheduler configurations for the tests: the declared defaults but for the values given. */
final class Configs {

    private Configs() {
    }

    static SchedulerConfig of(Map<String, Object> values) {
        return (SchedulerConfig) Proxy.newProxyInstance(SchedulerConfig.class.getClassLoader(),
                new Class<?>[] { SchedulerConfig.class },
                (proxy, method, args) -> values.containsKey(method.getName()) ? values.get(method.getName())
                        : method.getDefaultValue());
    }
}
