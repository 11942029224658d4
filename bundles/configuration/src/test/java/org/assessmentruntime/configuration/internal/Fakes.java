package org.assessmentruntime.configuration.internal;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.ObjectClassDefinition;

/** Test stand-ins: an in-memory ConfigurationAdmin and metatype shaped like the runtime's real PIDs. */
final class Fakes {

    private Fakes() {
    }

    /** ConfigurationAdmin keeping dictionaries in memory (Mockito mocks with state), counting writes. */
    static final class ConfigAdmin {
        final Map<String, Hashtable<String, Object>> store = new ConcurrentHashMap<>();
        final List<String> writes = new CopyOnWriteArrayList<>();
        final ConfigurationAdmin admin = mock(ConfigurationAdmin.class);

        ConfigAdmin() {
            try {
                when(admin.getConfiguration(anyString(), anyString()))
                        .thenAnswer(call -> configuration(call.getArgument(0)));
                when(admin.listConfigurations(anyString())).thenAnswer(call -> {
                    Matcher m = Pattern.compile("\\(service\\.pid=(.*)\\)").matcher(call.<String>getArgument(0));
                    if (!m.matches() || !store.containsKey(m.group(1))) {
                        return null;
                    }
                    return new Configuration[] { configuration(m.group(1)) };
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** Sets a PID's properties as FileInstall would from a .cfg file (strings). */
        ConfigAdmin local(String pid, Object... keysAndValues) {
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put("service.pid", pid);
            properties.put("felix.fileinstall.filename", "file:/etc/" + pid + ".cfg");
            for (int i = 0; i < keysAndValues.length; i += 2) {
                properties.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
            store.put(pid, properties);
            return this;
        }

        Object get(String pid, String key) {
            Hashtable<String, Object> properties = store.get(pid);
            return properties == null ? null : properties.get(key);
        }

        private Configuration configuration(String pid) throws Exception {
            Configuration configuration = mock(Configuration.class);
            when(configuration.getPid()).thenReturn(pid);
            when(configuration.getProperties()).thenAnswer(call -> {
                Hashtable<String, Object> properties = store.get(pid);
                return properties == null ? null : new Hashtable<>(properties);
            });
            doAnswer(call -> {
                Dictionary<String, Object> update = call.getArgument(0);
                Hashtable<String, Object> copy = new Hashtable<>();
                for (String key : Collections.list(update.keys())) {
                    copy.put(key, update.get(key));
                }
                copy.put("service.pid", pid);
                store.put(pid, copy);
                writes.add("update " + pid);
                return null;
            }).when(configuration).update(any());
            doAnswer(call -> {
                store.remove(pid);
                writes.add("delete " + pid);
                return null;
            }).when(configuration).delete();
            return configuration;
        }
    }

    /** Metatype like the runtime's bundles declare it (a subset). */
    static Schemas schemas() {
        Map<String, ObjectClassDefinition> pids = new HashMap<>();
        pids.put("org.assessmentruntime.jobrunner", ocd(
                attribute("maxTimeoutSeconds", AttributeDefinition.LONG, 0, Fakes::atLeastOne),
                attribute("maxMemoryMiB", AttributeDefinition.LONG, 0, Fakes::atLeastOne),
                attribute("maxStdoutKiB", AttributeDefinition.LONG, 0, v -> ""),
                attribute("maxStderrKiB", AttributeDefinition.LONG, 0, Fakes::atLeastOne),
                attribute("serviceWaitSeconds", AttributeDefinition.LONG, 0, Fakes::atLeastOne),
                attribute("allowedDirectories", AttributeDefinition.STRING, Integer.MAX_VALUE, v -> ""),
                attribute("allowedEnv", AttributeDefinition.STRING, Integer.MAX_VALUE, v -> "")));
        pids.put("org.assessmentruntime.wasmexecutor", ocd(
                attribute("maxConcurrentRuns", AttributeDefinition.INTEGER, 0, Fakes::atLeastOne),
                attribute("maxOpenFiles", AttributeDefinition.INTEGER, 0, Fakes::atLeastOne)));
        pids.put("org.assessmentruntime.scheduler", ocd(
                attribute("jobsDirectory", AttributeDefinition.STRING, 0, v -> ""),
                attribute("workerPoolSize", AttributeDefinition.INTEGER, 0, Fakes::atLeastOne),
                attribute("defaultMissedRuns", AttributeDefinition.STRING, 0,
                        v -> Set.of("SKIP", "RUN_ONCE").contains(v) ? "" : "Value " + v + " not among the options")));
        pids.put("org.assessmentruntime.pluginmanager", ocd(
                attribute("trustedKeysFile", AttributeDefinition.STRING, 0, v -> ""),
                attribute("allowUnsignedLocal", AttributeDefinition.BOOLEAN, 0, v -> ""),
                attribute("registryUrl", AttributeDefinition.STRING, 0, v -> ""),
                attribute("ociRegistry", AttributeDefinition.STRING, 0, v -> ""),
                attribute("allowUnsigned", AttributeDefinition.BOOLEAN, 0, v -> ""),
                attribute("localDirectories", AttributeDefinition.STRING, Integer.MAX_VALUE, v -> "")));
        pids.put("org.assessmentruntime.resultscollector", ocd(
                attribute("retentionDays", AttributeDefinition.INTEGER, 0, v -> ""),
                attribute("maxStoreSizeMb", AttributeDefinition.INTEGER, 0, v -> ""),
                attribute("tags", AttributeDefinition.STRING, Integer.MAX_VALUE, v -> "")));
        pids.put("org.assessmentruntime.controlplane", ocd(
                attribute("url", AttributeDefinition.STRING, 0, v -> "")));
        return pid -> Optional.ofNullable(pids.get(pid));
    }

    private static String atLeastOne(String value) {
        try {
            return Long.parseLong(value) >= 1 ? "" : "Value must be at least 1";
        } catch (NumberFormatException e) {
            return "not a number";
        }
    }

    static ObjectClassDefinition ocd(AttributeDefinition... attributes) {
        ObjectClassDefinition ocd = mock(ObjectClassDefinition.class);
        when(ocd.getAttributeDefinitions(anyInt())).thenReturn(attributes);
        return ocd;
    }

    static AttributeDefinition attribute(String id, int type, int cardinality, Function<String, String> validate) {
        AttributeDefinition attribute = mock(AttributeDefinition.class);
        when(attribute.getID()).thenReturn(id);
        when(attribute.getType()).thenReturn(type);
        when(attribute.getCardinality()).thenReturn(cardinality);
        when(attribute.validate(anyString())).thenAnswer(call -> validate.apply(call.getArgument(0)));
        return attribute;
    }

    /** A valid job definition in the API's JSON shape. */
    static String job(String id) {
        return """
                {"id": "%s", "title": "Remote job %s", "controlId": "cm-6",
                 "tasks": [{"id": "hourly", "title": "Every hour",
                            "schedule": {"cron": "0 0 * * * *"},
                            "activities": [{"id": "check", "title": "Check",
                                            "plugin": {"name": "examples/os-baseline", "version": "^1.0"}}]}]}
                """.formatted(id, id);
    }

    static List<String> list(String... values) {
        return new ArrayList<>(List.of(values));
    }
}
