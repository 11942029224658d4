package org.assessmentruntime.api.model;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Validation and defensive copies shared by the records of this package. Every failure is an
 * {@link IllegalArgumentException} naming the field, because the records are built from input that
 * comes from outside (manifests, plugin output, control-plane jobs) and the message is what an
 * operator or plugin author gets to see.
 */
final class Check {

    /**
     * Identifiers of jobs, tasks and activities: they end up in file names, log keys and the
     * {@code job/task/activity} paths the results are keyed by, so no slashes or spaces.
     */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private Check() {
    }

    static <T> T required(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    static String text(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    static String optional(String value) {
        return value == null ? "" : value;
    }

    static String id(String value, String field) {
        text(value, field);
        if (!ID.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " '" + value
                    + "' must be 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return value;
    }

    /** Copies a list, rejecting null elements; {@code null} becomes empty. */
    static <T> List<T> list(List<T> values, String field) {
        if (values == null) {
            return List.of();
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                throw new IllegalArgumentException(field + "[" + i + "] is null");
            }
        }
        return List.copyOf(values);
    }

    /** Copies a string map, keeping its order and rejecting null keys and values. */
    static Map<String, String> strings(Map<String, String> values, String field) {
        if (values == null || values.isEmpty()) {
            return Map.of();
        }
        Map<String, String> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (k == null) {
                throw new IllegalArgumentException(field + " has a null key");
            }
            if (v == null) {
                throw new IllegalArgumentException(field + "." + k + " is null");
            }
            copy.put(k, v);
        });
        return Collections.unmodifiableMap(copy);
    }

    /**
     * Deep-copies a JSON object held as plain Java values into unmodifiable maps and lists. JSON
     * {@code null} is kept (it means something in a configuration); anything that is not a JSON value
     * is rejected so that what is stored always serialises back to the same JSON.
     */
    static Map<String, Object> json(Map<String, ?> values, String field) {
        if (values == null || values.isEmpty()) {
            return Map.of();
        }
        return jsonObject(values, field);
    }

    private static Map<String, Object> jsonObject(Map<?, ?> values, String path) {
        Map<String, Object> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (!(k instanceof String key)) {
                throw new IllegalArgumentException(path + " has a key that is not a string: " + k);
            }
            copy.put(key, jsonValue(v, path + "." + key));
        });
        return Collections.unmodifiableMap(copy);
    }

    private static Object jsonValue(Object value, String path) {
        if (value == null || value instanceof String || value instanceof Boolean
                || value instanceof Integer || value instanceof Long || value instanceof Double
                || value instanceof BigInteger || value instanceof BigDecimal
                || value instanceof Short || value instanceof Byte || value instanceof Float) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            return jsonObject(map, path);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                copy.add(jsonValue(list.get(i), path + "[" + i + "]"));
            }
            return Collections.unmodifiableList(copy);
        }
        throw new IllegalArgumentException(path + " is a " + value.getClass().getName()
                + "; only JSON values are allowed (string, number, boolean, null, Map, List)");
    }

    /**
     * Checks that a not-applicable verdict hides no unmet control: a finding that is not satisfied
     * contradicts "does not apply", and would otherwise vanish from every failure count.
     */
    static void applicable(ResultStatus status, List<Finding> findings, String owner) {
        if (status != ResultStatus.NOT_APPLICABLE) {
            return;
        }
        for (Finding finding : findings) {
            if (finding.state() == Finding.State.NOT_SATISFIED) {
                throw new IllegalArgumentException(owner + ".status is NOT_APPLICABLE but finding " + finding.uuid()
                        + " ('" + finding.title() + "') is not-satisfied");
            }
        }
    }

    /**
     * Checks that an assessment's parts reference each other consistently, so that an auditor can
     * follow every finding to its observations and risks, and every observation to its subjects:
     * uuids are unique per kind and every reference resolves within the same result.
     */
    static void links(String owner, List<Observation> observations, List<Finding> findings, List<Risk> risks,
            List<Subject> subjects) {
        Set<UUID> subjectIds = unique(owner + ".subjects", subjects.stream().map(Subject::uuid).toList());
        Set<UUID> observationIds = unique(owner + ".observations",
                observations.stream().map(Observation::uuid).toList());
        Set<UUID> riskIds = unique(owner + ".risks", risks.stream().map(Risk::uuid).toList());
        unique(owner + ".findings", findings.stream().map(Finding::uuid).toList());
        for (int i = 0; i < observations.size(); i++) {
            resolve(owner + ".observations[" + i + "].subjects", observations.get(i).subjects(), subjectIds,
                    "subject");
        }
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            resolve(owner + ".findings[" + i + "].relatedObservations", f.relatedObservations(), observationIds,
                    "observation");
            resolve(owner + ".findings[" + i + "].relatedRisks", f.relatedRisks(), riskIds, "risk");
        }
        for (int i = 0; i < risks.size(); i++) {
            resolve(owner + ".risks[" + i + "].relatedObservations", risks.get(i).relatedObservations(),
                    observationIds, "observation");
        }
    }

    private static Set<UUID> unique(String field, List<UUID> ids) {
        Set<UUID> seen = new HashSet<>();
        for (UUID id : ids) {
            if (!seen.add(id)) {
                throw new IllegalArgumentException(field + " has the uuid " + id + " more than once");
            }
        }
        return seen;
    }

    private static void resolve(String field, List<UUID> refs, Set<UUID> known, String kind) {
        for (UUID ref : refs) {
            if (!known.contains(ref)) {
                throw new IllegalArgumentException(field + " references " + ref + ", which is no " + kind
                        + " of this result");
            }
        }
    }
}
