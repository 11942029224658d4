package org.assessmentruntime.scheduler;

import java.util.Objects;

/** A job file cannot be used; {@link #rejection()} names the file and the field. */
public class JobFileException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Not serialised: the exception never leaves the JVM it was thrown in. */
    private final transient RejectedJobFile rejection;

    /**
     * @param rejection the file, the field and what is wrong
     * @param cause     the underlying failure; may be {@code null}
     */
    public JobFileException(RejectedJobFile rejection, Throwable cause) {
        super(Objects.requireNonNull(rejection, "rejection").describe(), cause);
        this.rejection = rejection;
    }

    /** The file, the field and what is wrong. */
    public RejectedJobFile rejection() {
        return rejection;
    }
}
