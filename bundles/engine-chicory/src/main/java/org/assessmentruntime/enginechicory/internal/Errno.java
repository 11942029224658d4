package org.assessmentruntime.enginechicory.internal;

/** The WASI preview 1 error numbers the sandbox answers with (Chicory keeps its own enum private). */
final class Errno {

    static final int SUCCESS = 0;
    static final int EACCES = 2;
    static final int EBADF = 8;
    static final int EINVAL = 28;
    static final int EIO = 29;
    /** Too many open files: the run holds its maximum ({@link OpenFiles}). */
    static final int EMFILE = 33;
    static final int ENOENT = 44;
    static final int ENOSYS = 52;
    static final int EPERM = 63;
    static final int EROFS = 69;

    private Errno() {
    }
}
