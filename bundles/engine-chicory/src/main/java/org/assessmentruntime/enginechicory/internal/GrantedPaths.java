package org.assessmentruntime.enginechicory.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.assessmentruntime.api.model.DirectoryGrant;

/**
 * The granted directories of one run and the directory descriptors the guest holds, and the one place
 * that turns a guest path into a host path.
 *
 * <p>Chicory's WASI only checks paths lexically: it follows symlinks wherever they point (a link in
 * {@code /etc} to {@code /root/.ssh/id_rsa} would be read), and resolves a link's relative target
 * against the JVM's working directory. So every path call is resolved here first, by the host's own
 * rules ({@link Path#toRealPath}), refused unless the result lies inside a granted directory, and handed
 * to Chicory as a symlink-free path relative to an open directory that contains it. The guest cannot
 * create links (every mutating call is refused), so only the host could race this check.
 */
final class GrantedPaths {

    /** fd of the first preopened directory; 0–2 are stdin, stdout and stderr. */
    private static final int FIRST_PREOPEN = 3;

    private final Map<String, Path> preopens;
    private final List<Path> roots;
    private final Map<Integer, Path> directories = new HashMap<>();

    private GrantedPaths(Map<String, Path> preopens) {
        this.preopens = preopens;
        this.roots = List.copyOf(preopens.values());
        int fd = FIRST_PREOPEN;
        for (Path root : roots) {
            directories.put(fd++, root);
        }
    }

    /**
     * Resolves the grants to the real directories they name.
     *
     * @throws IOException if a granted directory does not exist or is not a directory
     */
    static GrantedPaths of(List<DirectoryGrant> grants) throws IOException {
        Map<String, Path> preopens = new LinkedHashMap<>();
        for (DirectoryGrant grant : grants) {
            Path real = Path.of(grant.hostPath()).toRealPath();
            if (!Files.isDirectory(real)) {
                throw new IOException("granted path " + grant.hostPath() + " is not a directory");
            }
            // A later grant of the same guest path replaces the earlier one, as in Chicory's options,
            // so that the descriptor numbers below match Chicory's.
            preopens.remove(grant.guestPath());
            preopens.put(grant.guestPath(), real);
        }
        return new GrantedPaths(preopens);
    }

    /** Guest path to real host directory, in descriptor order. */
    Map<String, Path> preopens() {
        return preopens;
    }

    /**
     * Where a guest path names, as Chicory must be asked for it.
     *
     * @param dirFd  the directory descriptor the guest resolves against
     * @param path   the guest's relative path
     * @param follow whether a symlink as the last component is followed
     * @return the descriptor and symlink-free path to give Chicory, or the errno to refuse with
     */
    Resolved resolve(int dirFd, String path, boolean follow) {
        Path base = directories.get(dirFd);
        if (base == null) {
            return Resolved.refused(Errno.EBADF);
        }
        Path lexical;
        try {
            if (path.isEmpty()) {
                return Resolved.refused(Errno.ENOENT);
            }
            if (path.indexOf('\0') >= 0) {
                return Resolved.refused(Errno.EINVAL);
            }
            Path relative = base.getFileSystem().getPath(path);
            if (relative.isAbsolute()) {
                return Resolved.refused(Errno.EPERM);
            }
            lexical = base.resolve(relative).normalize();
        } catch (InvalidPathException e) {
            return Resolved.refused(Errno.EINVAL);
        }
        if (!lexical.startsWith(base)) {
            return Resolved.refused(Errno.EPERM);
        }
        Path host;
        try {
            host = real(lexical, base, follow);
        } catch (NoSuchFileException e) {
            return Resolved.refused(Errno.ENOENT);
        } catch (AccessDeniedException e) {
            return Resolved.refused(Errno.EACCES);
        } catch (IOException e) {
            return Resolved.refused(Errno.EIO);
        }
        return inOpenDirectory(host, dirFd, path.endsWith("/"));
    }

    /** The real path of lexical; its last component unresolved when not following, or when missing. */
    private static Path real(Path lexical, Path base, boolean follow) throws IOException {
        if (lexical.equals(base)) {
            return base;
        }
        if (follow) {
            try {
                return lexical.toRealPath();
            } catch (NoSuchFileException missing) {
                if (Files.isSymbolicLink(lexical)) {
                    throw missing;
                }
                // Not there (yet): let Chicory report it, from the real parent.
            }
        }
        return lexical.getParent().toRealPath().resolve(lexical.getFileName());
    }

    private Resolved inOpenDirectory(Path host, int dirFd, boolean trailingSlash) {
        if (roots.stream().noneMatch(host::startsWith)) {
            return Resolved.refused(Errno.EPERM);
        }
        int fd = host.startsWith(directories.get(dirFd)) ? dirFd : closestOpenAncestor(host);
        if (fd < 0) {
            // The guest closed every descriptor of that grant; it can no longer reach it.
            return Resolved.refused(Errno.EPERM);
        }
        String relative = directories.get(fd).relativize(host).toString();
        if (relative.isEmpty()) {
            relative = ".";
        }
        return new Resolved(fd, trailingSlash ? relative + "/" : relative, host, Errno.SUCCESS);
    }

    private int closestOpenAncestor(Path host) {
        int best = -1;
        for (Map.Entry<Integer, Path> open : directories.entrySet()) {
            if (host.startsWith(open.getValue())
                    && (best < 0 || open.getValue().getNameCount() > directories.get(best).getNameCount())) {
                best = open.getKey();
            }
        }
        return best;
    }

    /** Chicory opened host as fd: remember it if it is a directory, forget what fd was before. */
    void opened(int fd, Path host) {
        if (Files.isDirectory(host)) {
            directories.put(fd, host);
        } else {
            directories.remove(fd);
        }
    }

    /** The guest closed fd. */
    void closed(int fd) {
        directories.remove(fd);
    }

    /** The guest moved descriptor {@code from} to {@code to}. */
    void renumbered(int from, int to) {
        if (from == to) {
            return;
        }
        Path moved = directories.remove(from);
        directories.remove(to);
        if (moved != null) {
            directories.put(to, moved);
        }
    }

    /**
     * A guest path resolved for Chicory.
     *
     * @param fd    the directory descriptor to pass
     * @param path  the symlink-free path relative to it
     * @param host  the real host path it names
     * @param errno non-zero if the call is refused, and then nothing else is set
     */
    record Resolved(int fd, String path, Path host, int errno) {

        static Resolved refused(int errno) {
            return new Resolved(-1, null, null, errno);
        }

        boolean isRefused() {
            return errno != Errno.SUCCESS;
        }
    }
}
