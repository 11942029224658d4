package org.assessmentruntime.http.internal;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.assessmentruntime.api.model.PluginId;
import org.assessmentruntime.api.model.ResultStatus;

/**
 * A request's query parameters, read strictly: a parameter the endpoint does not know, one given twice,
 * or a value that cannot be what it names is refused, naming the parameter, rather than ignored (a typo
 * such as {@code ?jobs=x} would otherwise silently list everything).
 */
final class QueryParameters {

    /** The model's job ids (JobDefinition.id). */
    private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final Map<String, String[]> values;

    private QueryParameters(Map<String, String[]> values) {
        this.values = values;
    }

    /**
     * The parameters of a request, checked against what the endpoint accepts.
     *
     * @throws BadParameterException for an unknown or repeated parameter
     */
    static QueryParameters of(Map<String, String[]> parameters, Set<String> accepted) throws BadParameterException {
        for (Map.Entry<String, String[]> entry : parameters.entrySet()) {
            if (!accepted.contains(entry.getKey())) {
                throw new BadParameterException(entry.getKey(), "unknown parameter '" + entry.getKey() + "'"
                        + (accepted.isEmpty() ? ": this endpoint takes none" : ", expected one of "
                                + accepted.stream().sorted().toList()));
            }
            if (entry.getValue().length > 1) {
                throw new BadParameterException(entry.getKey(), "parameter '" + entry.getKey() + "' is given "
                        + entry.getValue().length + " times, at most once is allowed");
            }
        }
        return new QueryParameters(parameters);
    }

    /** A parameter's value, stripped; {@code null} when absent or empty. */
    String text(String name) {
        String[] given = values.get(name);
        if (given == null || given.length == 0 || given[0].isBlank()) {
            return null;
        }
        return given[0].strip();
    }

    /** A job id; {@code null} when absent. */
    String jobId(String name) throws BadParameterException {
        String id = text(name);
        if (id != null && !JOB_ID.matcher(id).matches()) {
            throw new BadParameterException(name, name + " '" + id + "' is not a job id: 1-128 letters, digits, '.', "
                    + "'_' or '-', starting with a letter or digit");
        }
        return id;
    }

    /** A plugin name ({@code namespace/name}); {@code null} when absent. */
    String pluginName(String name) throws BadParameterException {
        String plugin = text(name);
        if (plugin != null && !PluginId.NAME_PATTERN.matcher(plugin).matches()) {
            throw new BadParameterException(name, name + " '" + plugin + "' is not a plugin name (namespace/name)");
        }
        return plugin;
    }

    /** An ISO-8601 instant ({@code 2026-01-31T12:00:00Z}); {@code null} when absent. */
    Instant instant(String name) throws BadParameterException {
        String text = text(name);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new BadParameterException(name, name + " '" + text + "' is not an ISO-8601 UTC time such as "
                    + "2026-01-31T12:00:00Z");
        }
    }

    /** A verdict: PASS, FAIL, ERROR or NOT_APPLICABLE, any case; {@code null} when absent. */
    ResultStatus status(String name) throws BadParameterException {
        String text = text(name);
        if (text == null) {
            return null;
        }
        try {
            return ResultStatus.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadParameterException(name, name + " '" + text
                    + "' is not one of PASS, FAIL, ERROR, NOT_APPLICABLE");
        }
    }

    /** A limit from 1 to {@code max}; {@code fallback} when absent. */
    int limit(String name, int fallback, int max) throws BadParameterException {
        String text = text(name);
        if (text == null) {
            return fallback;
        }
        int limit;
        try {
            limit = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new BadParameterException(name, name + " '" + text + "' is not a whole number");
        }
        if (limit < 1 || limit > max) {
            throw new BadParameterException(name, name + " must be between 1 and " + max + ", got " + limit);
        }
        return limit;
    }
}
