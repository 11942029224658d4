package org.assessmentruntime.jobrunner.internal;

/**
 * A command that could not do what it was asked, for a reason the operator can act on: a bad argument, a
 * component that is not running, a registry or control plane that refused. Thrown from {@code execute()},
 * so that the shell prints the message and a command run over SSH exits non-zero.
 *
 * <p>Named {@code CommandException} on purpose: Karaf's shell ({@code ShellUtil.logException}) recognises
 * an exception by that simple name as the command's own failure, prints {@link #getNiceHelp()} without a
 * stack trace, and logs it at DEBUG. Any other exception is logged at ERROR with its stack trace, which
 * would fill karaf.log with "errors" for every mistyped plugin name or refused sync.
 */
public final class CommandException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what failed and, where it helps, what to do; never a secret */
    public CommandException(String message) {
        super(message);
    }

    /**
     * @param message what failed; never a secret
     * @param cause   the underlying failure, kept for the DEBUG log
     */
    public CommandException(String message, Throwable cause) {
        super(message, cause);
    }

    /** What Karaf's shell prints for this exception, in the words it uses for any failed command. */
    public String getNiceHelp() {
        return "Error executing command: " + getMessage();
    }
}
