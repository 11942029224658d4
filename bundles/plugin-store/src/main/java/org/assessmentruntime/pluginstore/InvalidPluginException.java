package org.assessmentruntime.pluginstore;

import org.assessmentruntime.api.AssessmentException;

/**
 * A plugin package that cannot be used: a file is missing or unreadable, the manifest is not valid
 * ({@code plugin.json} with the field at fault), its configuration schema is not a valid JSON Schema, or
 * it needs a plugin ABI this runtime does not speak. The message names the file and the field.
 */
public class InvalidPluginException extends AssessmentException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong, naming the file and the field
     */
    public InvalidPluginException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong, naming the file and the field
     * @param cause   the underlying failure
     */
    public InvalidPluginException(String message, Throwable cause) {
        super(message, cause);
    }
}
