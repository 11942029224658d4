// The WASI preview1 calls the SDK uses, declared here (the only imports of a plugin module).

@external("wasi_snapshot_preview1", "fd_read")
export declare function fd_read(fd: u32, iovs: usize, iovsLen: usize, nread: usize): u16;
@external("wasi_snapshot_preview1", "fd_write")
export declare function fd_write(fd: u32, iovs: usize, iovsLen: usize, nwritten: usize): u16;
@external("wasi_snapshot_preview1", "fd_close")
export declare function fd_close(fd: u32): u16;
@external("wasi_snapshot_preview1", "fd_prestat_get")
export declare function fd_prestat_get(fd: u32, buf: usize): u16;
@external("wasi_snapshot_preview1", "fd_prestat_dir_name")
export declare function fd_prestat_dir_name(fd: u32, path: usize, len: usize): u16;
@external("wasi_snapshot_preview1", "fd_readdir")
export declare function fd_readdir(fd: u32, buf: usize, bufLen: usize, cookie: u64, bufused: usize): u16;
@external("wasi_snapshot_preview1", "path_open")
export declare function path_open(dirfd: u32, dirflags: u32, path: usize, pathLen: usize, oflags: u16,
                                  rightsBase: u64, rightsInheriting: u64, fdflags: u16, fd: usize): u16;
@external("wasi_snapshot_preview1", "clock_time_get")
export declare function clock_time_get(id: u32, precision: u64, time: usize): u16;
@external("wasi_snapshot_preview1", "proc_exit")
export declare function proc_exit(code: u32): void;

/** Writes all of bytes to fd; false when it cannot. */
export function writeAll(fd: u32, bytes: Uint8Array): bool {
  const iov = new ArrayBuffer(8);
  const n = new ArrayBuffer(4);
  let off = 0;
  while (off < bytes.length) {
    store<u32>(changetype<usize>(iov), bytes.dataStart + <usize>off);
    store<u32>(changetype<usize>(iov) + 4, <u32>(bytes.length - off));
    const err = fd_write(fd, changetype<usize>(iov), 1, changetype<usize>(n));
    if (err != 0) return false;
    const w = load<u32>(changetype<usize>(n));
    if (w == 0) return false;
    off += <i32>w;
  }
  return true;
}

/** Writes a string as UTF-8 (lone surrogates become U+FFFD). */
export function writeString(fd: u32, s: string): bool {
  return writeAll(fd, Uint8Array.wrap(String.UTF8.encode(s, false, String.UTF8.ErrorMode.REPLACE)));
}

/** Reads fd to its end, at most max bytes (-1: more than max; null: an error, errno in lastErrno). */
export let lastErrno: u16 = 0;
export function readAll(fd: u32, max: i32): Uint8Array | null {
  let cap = 4096;
  let buf = new Uint8Array(cap);
  let len = 0;
  const iov = new ArrayBuffer(8);
  const n = new ArrayBuffer(4);
  while (true) {
    if (len == cap) {
      if (len > max) break;
      cap *= 2;
      const bigger = new Uint8Array(cap);
      bigger.set(buf);
      buf = bigger;
    }
    store<u32>(changetype<usize>(iov), buf.dataStart + <usize>len);
    store<u32>(changetype<usize>(iov) + 4, <u32>(cap - len));
    const err = fd_read(fd, changetype<usize>(iov), 1, changetype<usize>(n));
    if (err != 0) {
      lastErrno = err;
      return null;
    }
    const r = load<u32>(changetype<usize>(n));
    if (r == 0) break;
    len += <i32>r;
    if (len > max) break;
  }
  return buf.subarray(0, len);
}

export function exit(code: u32): void {
  proc_exit(code);
  unreachable();
}

/** Seconds since the epoch (realtime clock). */
export function nowSeconds(): i64 {
  const t = new ArrayBuffer(8);
  if (clock_time_get(0, 1000, changetype<usize>(t)) != 0) return 0;
  return <i64>(load<u64>(changetype<usize>(t)) / 1000000000);
}

/** A plugin bug (AssemblyScript's abort: out-of-bounds index, null dereference, ...): exit 3, as the other SDKs. */
// @global: found by name from asconfig.json ("abort=assessment_abort"), wherever the SDK lies.
@global export function assessment_abort(message: string | null, fileName: string | null, line: u32, column: u32): void {
  let text = "ERROR: the plugin aborted: " + (message != null ? message : "abort");
  if (fileName != null) text += " at " + fileName + ":" + line.toString() + ":" + column.toString();
  writeString(2, text + "\n");
  proc_exit(3);
  unreachable();
}

/** errno names for messages, as strerror(3) words them. */
export function errnoText(e: u16): string {
  switch (e) {
    case 2: return "Permission denied"; // EACCES
    case 8: return "Bad file descriptor";
    case 32: return "Too many levels of symbolic links"; // ELOOP
    case 31: return "Is a directory"; // EISDIR
    case 33: return "Too many open files"; // EMFILE
    case 37: return "File name too long";
    case 44: return "No such file or directory"; // ENOENT
    case 54: return "Not a directory"; // ENOTDIR
    case 63: return "Operation not permitted"; // EPERM
    case 69: return "Read-only file system";
    case 76: return "Not permitted by the plugin's grants"; // ENOTCAPABLE
    case 28: return "Invalid argument";
    case 29: return "I/O error";
  }
  return "error " + e.toString();
}
