package org.assessmentruntime.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Objects;

/**
 * What the commands run with: the process's streams (or a test's) and the engines.
 *
 * @param in      stdin
 * @param out     stdout
 * @param err     stderr
 * @param engines creates the engine a run needs
 */
public record Cli(InputStream in, PrintStream out, PrintStream err, Engines engines) {

    /** Checks for nulls. */
    public Cli {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(engines, "engines");
    }

    /** The process's own streams and the real engines. */
    public static Cli system() {
        return new Cli(System.in, System.out, System.err, Engines.STANDARD);
    }
}
