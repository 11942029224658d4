package org.assessmentruntime.referencecp;

/** Thrown by a handler to answer at once with {@link #reply()} (an error, usually). */
final class Refusal extends RuntimeException {

    private final transient Reply reply;

    Refusal(Reply reply) {
        super(null, null, false, false);
        this.reply = reply;
    }

    Reply reply() {
        return reply;
    }
}
