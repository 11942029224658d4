package org.assessmentruntime.http.internal;

/** A request parameter that cannot be used; answered with 400 naming it. */
final class BadParameterException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String parameter;

    BadParameterException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    /** The parameter's name. */
    String parameter() {
        return parameter;
    }
}
