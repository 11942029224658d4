package org.assessmentruntime.enginechicory.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.util.HashSet;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.assessmentruntime.api.model.DirectoryGrant;

import com.dylibso.chicory.runtime.Memory;

/**
 * The granted directories of one run and the directory descriptors the guest holds, and the one place
 * that turns a guest path into a host path.
 *
 * <p>Chicory's WASI only checks paths lexically: it follows symlinks wherever they point (a link in
 * {@code /etc} to {@code /root/.ssh/id_rsa} would be read), and resolves a link's relative target
 * against the JVM's working directory. So every path call is resolved here first, by the host's own
 * rules ({@link Path#toRealPath}), refused unless the result lies inside a granted directory, and handed
 * to Chicory as a symlink-free path relative to an open directory that contains it. The guest runs on one
 * thread and every call that changes the file system goes through here first, so between this check and
 * its use only the host (or another run sharing a writable grant) could swap a component for a link.
 *
 * <p>A path is {@link #writable(Path) writable} only inside a grant made writable, and in no read-only
 * grant: where grants overlap, read-only wins.
 */
final class GrantedPaths {

    /** fd of the first preopened directory; 0–2 are stdin, stdout and stderr. */
    private static final int FIRST_PREOPEN = 3;

    private static final int LOOKUP_SYMLINK_FOLLOW = 1;

    private final Map<String, Path> preopens;
    private final List<Path> roots;
    private final Set<Path> writableRoots;
    private final Set<Path> readOnlyRoots;
    private final Map<Integer, Path> directories = new HashMap<>();
    /** Every descriptor the guest holds on a granted file or directory, and its real host path. */
    private final Map<Integer, Path> hosts = new HashMap<>();

    private GrantedPaths(Map<String, Path> preopens, Set<Path> writableRoots, Set<Path> readOnlyRoots) {
        this.preopens = preopens;
        this.roots = List.copyOf(preopens.values());
        this.writableRoots = writableRoots;
        this.readOnlyRoots = readOnlyRoots;
        int fd = FIRST_PREOPEN;
        for (Path root : roots) {
            directories.put(fd, root);
            hosts.put(fd++, root);
        }
    }

    /**
     * Resolves the grants to the real directories they name.
     *
     * @throws IOException if a granted directory does not exist or is not a directory
     */
    static GrantedPaths of(List<DirectoryGrant> grants) throws IOException {
        Map<String, Path> preopens = new LinkedHashMap<>();
        Map<String, Boolean> writable = new HashMap<>();
        for (DirectoryGrant grant : grants) {
            Path real = Path.of(grant.hostPath()).toRealPath();
            if (!Files.isDirectory(real)) {
                throw new IOException("granted path " + grant.hostPath() + " is not a directory");
            }
            // A later grant of the same guest path replaces the earlier one, as in Chicory's options,
            // so that the descriptor numbers below match Chicory's.
            preopens.remove(grant.guestPath());
            preopens.put(grant.guestPath(), real);
            writable.put(grant.guestPath(), grant.writable());
        }
        Set<Path> writableRoots = new HashSet<>();
        Set<Path> readOnlyRoots = new HashSet<>();
        preopens.forEach((guest, real) -> (writable.get(guest) ? writableRoots : readOnlyRoots).add(real));
        return new GrantedPaths(preopens, writableRoots, readOnlyRoots);
    }

    /** Whether the guest may change host, a real path resolved here. */
    boolean writable(Path host) {
        return host != null && writableRoots.stream().anyMatch(host::startsWith)
                && readOnlyRoots.stream().noneMatch(host::startsWith);
    }

    /** Whether host is a granted directory itself, which no call may remove, rename or replace. */
    boolean isRoot(Path host) {
        return roots.contains(host);
    }

    /** The real host path of a descriptor the guest holds on a granted directory, or null. */
    Path directory(int fd) {
        return directories.get(fd);
    }

    /** The real host path of a descriptor the guest holds on a granted file or directory, or null. */
    Path host(int fd) {
        return hosts.get(fd);
    }

    /** Whether target, the text of a new symlink in directory host, stays inside that grant lexically. */
    boolean confines(Path directory, String target) {
        Path link;
        try {
            link = directory.getFileSystem().getPath(target);
        } catch (InvalidPathException e) {
            return false;
        }
        if (link.isAbsolute() || target.isEmpty()) {
            return false;
        }
        Path pointed = directory.resolve(link).normalize();
        return roots.stream().anyMatch(root -> directory.startsWith(root) && pointed.startsWith(root));
    }

    /** Guest path to real host directory, in descriptor order. */
    Map<String, Path> preopens() {
        return preopens;
    }

    /** WASI's lookupflags: whether a symlink as the last component is followed. */
    static boolean follows(long lookupFlags) {
        return (lookupFlags & LOOKUP_SYMLINK_FOLLOW) != 0;
    }

    /** {@link #resolve(int, String, boolean)} of the path a WASI call passes as pointer and length. */
    Resolved resolve(Memory memory, long dirFd, long pathPtr, long pathLen, boolean follow) {
        return resolve((int) dirFd, memory.readString((int) pathPtr, (int) pathLen), follow);
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
            // A descriptor on a file, or a standard stream, is open but no directory to resolve against.
            return Resolved.refused(hosts.containsKey(dirFd) || (dirFd >= 0 && dirFd < FIRST_PREOPEN) ? Errno.ENOTDIR
                    : Errno.EBADF);
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
            return Resolved.refused(follow && danglesOutside(lexical) ? Errno.EPERM : Errno.ENOENT);
        } catch (IOException e) {
            return Resolved.refused(HostErrors.errno(e));
        }
        return inOpenDirectory(host, dirFd, path.endsWith("/"));
    }

    /**
     * Whether lexical is a dangling symlink whose target lies outside every grant. Refused as a link to an
     * existing file outside is (EPERM), not ENOENT: otherwise a plugin could tell, through a link the host
     * planted, whether a path outside its grants exists on the host; and wasmtime answers the same.
     */
    private boolean danglesOutside(Path lexical) {
        try {
            if (!Files.isSymbolicLink(lexical)) {
                return false;
            }
            Path pointed = lexical.getParent().resolve(Files.readSymbolicLink(lexical)).normalize();
            return roots.stream().noneMatch(pointed::startsWith);
        } catch (IOException | UnsupportedOperationException e) {
            return true;
        }
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
        hosts.put(fd, host);
        if (Files.isDirectory(host)) {
            directories.put(fd, host);
        } else {
            directories.remove(fd);
        }
    }

    /** The guest closed fd. */
    void closed(int fd) {
        directories.remove(fd);
        hosts.remove(fd);
    }

    /** The guest moved descriptor {@code from} to {@code to}. */
    void renumbered(int from, int to) {
        if (from == to) {
            return;
        }
        move(directories, from, to);
        move(hosts, from, to);
    }

    private static void move(Map<Integer, Path> map, int from, int to) {
        Path moved = map.remove(from);
        map.remove(to);
        if (moved != null) {
            map.put(to, moved);
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
