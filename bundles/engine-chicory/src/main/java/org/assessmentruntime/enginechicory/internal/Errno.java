package org.assessmentruntime.enginechicory.internal;

/** The WASI preview 1 error numbers the sandbox answers with (Chicory keeps its own enum private). */
final class Errno {

    static final int SUCCESS = 0;
    static final int EACCES = 2;
    static final int EBADF = 8;
    static final int EBUSY = 10;
    static final int EEXIST = 20;
    static final int EFBIG = 22;
    static final int EINVAL = 28;
    static final int EIO = 29;
    static final int EISDIR = 31;
    static final int ELOOP = 32;
    /** Too many open files: the run holds its maximum ({@link OpenFiles}). */
    static final int EMFILE = 33;
    static final int EMLINK = 34;
    static final int ENAMETOOLONG = 37;
    static final int ENOENT = 44;
    static final int ENOSPC = 51;
    static final int ENOSYS = 52;
    static final int ENOTDIR = 54;
    static final int ENOTEMPTY = 55;
    static final int ENOTSUP = 58;
    static final int EPERM = 63;
    static final int EROFS = 69;
    static final int EXDEV = 75;

    private Errno() {
    }
}
