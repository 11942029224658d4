package org.assessmentruntime.shell.internal;

import java.util.regex.Pattern;

/** Checks job ids typed at the shell before asking a service, so that a typo gets a message that says what is wrong. */
final class JobIds {

    /** The model's job ids (JobDefinition.id): they key results as {@code job/task/activity}. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private JobIds() {
    }

    /**
     * @param id   the id as typed; {@code null} when the option was not given
     * @param what how the command calls it, e.g. {@code --job}
     * @return the id, stripped; {@code null} when not given
     * @throws CommandException if it cannot be a job id
     */
    static String check(String id, String what) {
        if (id == null) {
            return null;
        }
        String stripped = id.strip();
        if (!ID.matcher(stripped).matches()) {
            throw new CommandException(what + " '" + id + "' is not a job id: 1-128 letters, digits, '.', '_' "
                    + "or '-', starting with a letter or digit (see assessment:jobs)");
        }
        return stripped;
    }
}
