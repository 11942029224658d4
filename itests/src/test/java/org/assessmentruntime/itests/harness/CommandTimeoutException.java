package org.assessmentruntime.itests.harness;

/** A shell command did not finish (its channel did not close) within its bound. */
public class CommandTimeoutException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String partialOutput;

    CommandTimeoutException(String message, String partialOutput) {
        super(message + (partialOutput.isEmpty() ? "" : "; output so far:\n" + partialOutput));
        this.partialOutput = partialOutput;
    }

    /** What the command had printed when the bound ran out (ANSI escapes removed). */
    public String partialOutput() {
        return partialOutput;
    }
}
