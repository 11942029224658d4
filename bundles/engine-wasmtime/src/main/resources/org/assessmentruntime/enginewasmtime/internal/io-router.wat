;; Routes the WASI calls that ModuleRewriter moved to "assessment_io": stdin, stdout, stderr, sleeps and
;; exits go to the host (GuestRun), everything else to wasmtime's WASI. Opening, closing and renumbering
;; descriptors go to WASI too, but the host is asked before each open and told what changed, because
;; wasmtime's WASI lets a guest hold any number of host files open (GuestRun's OpenFiles caps them).
;; wasmtime compiles this text once per engine.
;;
;; Why a module and not host functions alone: WASI functions find the guest's memory through the
;; export "memory" of the instance that calls them. This router imports the run's memory (the same
;; memory the plugin imports, see ModuleRewriter) and exports it, so that WASI reads and writes the
;; plugin's buffers when the router forwards a call, e.g. fd_read of a file in a granted directory.
;;
;; Where wasmtime 7's WASI answers a call otherwise than WASI specifies (and other runtimes answer), the
;; router corrects it, with what the host knows of the guest's descriptors (GuestDescriptors): see
;; path_open, fd_renumber, fd_fdstat_set_rights, fd_prestat_dir_name, path_readlink and sock_shutdown.
;;
;; All host calls go through one import, $host, whose first argument says what to do: wasmtime 7
;; compiles a trampoline for every host function a store creates, which makes each costly per run.
(module
  (import "wasi_snapshot_preview1" "fd_read" (func $wasi_fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $wasi_fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "poll_oneoff" (func $wasi_poll_oneoff (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_open"
    (func $wasi_path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_close" (func $wasi_fd_close (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_renumber" (func $wasi_fd_renumber (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_fdstat_set_flags" (func $wasi_fd_fdstat_set_flags (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_fdstat_set_rights"
    (func $wasi_fd_fdstat_set_rights (param i32 i64 i64) (result i32)))
  (import "wasi_snapshot_preview1" "fd_prestat_dir_name"
    (func $wasi_fd_prestat_dir_name (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_readlink"
    (func $wasi_path_readlink (param i32 i32 i32 i32 i32 i32) (result i32)))
  ;; (operation, a, b, c, d) -> result; operations are GuestRun.STDIN_READ and the constants after it.
  ;; Returns -1 when it leaves the call to WASI.
  (import "assessment_host" "call" (func $host (param i32 i32 i32 i32 i32) (result i32)))
  (import "assessment_host" "memory" (memory 0))
  (export "memory" (memory 0))

  (func (export "fd_read") (param $fd i32) (param $iovs i32) (param $count i32) (param $nread i32) (result i32)
    (if (result i32) (i32.eqz (local.get $fd))
      (then (call $host (i32.const 0) (local.get $iovs) (local.get $count) (local.get $nread) (i32.const 0)))
      (else (call $wasi_fd_read (local.get $fd) (local.get $iovs) (local.get $count) (local.get $nread)))))

  (func (export "fd_write") (param $fd i32) (param $iovs i32) (param $count i32) (param $nwritten i32) (result i32)
    (if (result i32) (i32.or (i32.eq (local.get $fd) (i32.const 1)) (i32.eq (local.get $fd) (i32.const 2)))
      (then (call $host (i32.const 1) (local.get $fd) (local.get $iovs) (local.get $count) (local.get $nwritten)))
      (else (call $wasi_fd_write (local.get $fd) (local.get $iovs) (local.get $count) (local.get $nwritten)))))

  (func (export "poll_oneoff") (param $in i32) (param $out i32) (param $count i32) (param $nevents i32) (result i32)
    (local $handled i32)
    (local.set $handled
      (call $host (i32.const 2) (local.get $in) (local.get $out) (local.get $count) (local.get $nevents)))
    (if (result i32) (i32.ge_s (local.get $handled) (i32.const 0))
      (then (local.get $handled))
      (else (call $wasi_poll_oneoff (local.get $in) (local.get $out) (local.get $count) (local.get $nevents)))))

;; Operation 4 answers 0 (go ahead) or EMFILE; operation 5 reports the descriptor WASI stored at $opened.
  ;; Two answers of wasmtime 7 are corrected: it refuses TRUNC with the APPEND flag (EINVAL: Rust's
  ;; OpenOptions cannot truncate in append mode), so the file is opened without APPEND and the flag set
  ;; after; and it opens a directory (DIRECTORY) asked for with the FD_WRITE right, where POSIX answers
  ;; EISDIR.
  (func (export "path_open") (param $dirfd i32) (param $dirflags i32) (param $path i32) (param $len i32)
      (param $oflags i32) (param $base i64) (param $inheriting i64) (param $fdflags i32) (param $opened i32)
      (result i32)
    (local $errno i32)
    (local $append i32)
    (local $fd i32)
    (local.set $errno (call $host (i32.const 4) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0)))
    (if (local.get $errno) (then (return (local.get $errno))))
    ;; 1 when TRUNC (oflags 8) comes with APPEND (fdflags 1)
    (local.set $append (i32.and (i32.ne (i32.and (local.get $oflags) (i32.const 8)) (i32.const 0))
                                (i32.and (local.get $fdflags) (i32.const 1))))
    (local.set $errno
      (call $wasi_path_open (local.get $dirfd) (local.get $dirflags) (local.get $path) (local.get $len)
        (local.get $oflags) (local.get $base) (local.get $inheriting)
        (i32.xor (local.get $fdflags) (local.get $append)) (local.get $opened)))
    (if (local.get $errno) (then (return (local.get $errno))))
    ;; WASI stored the descriptor there, so the address lies inside the memory.
    (local.set $fd (i32.load (local.get $opened)))
    (if (local.get $append)
      (then (local.set $errno (call $wasi_fd_fdstat_set_flags (local.get $fd) (local.get $fdflags)))))
    ;; DIRECTORY (oflags 2) with FD_WRITE (rights 64): EISDIR
    (if (i32.and (i32.eqz (local.get $errno))
                 (i32.and (i32.ne (i32.and (local.get $oflags) (i32.const 2)) (i32.const 0))
                          (i64.ne (i64.and (local.get $base) (i64.const 64)) (i64.const 0))))
      (then (local.set $errno (i32.const 31))))
    (if (local.get $errno)
      (then
        (drop (call $wasi_fd_close (local.get $fd)))
        (return (local.get $errno))))
    (drop (call $host (i32.const 5) (local.get $opened) (i32.const 0) (i32.const 0) (i32.const 0)))
    (i32.const 0))

    ;; Operation 6: the descriptor was closed.
  (func (export "fd_close") (param $fd i32) (result i32)
    (local $errno i32)
    (local.set $errno (call $wasi_fd_close (local.get $fd)))
    (if (i32.eqz (local.get $errno))
      (then (drop (call $host (i32.const 6) (local.get $fd) (i32.const 0) (i32.const 0) (i32.const 0)))))
    (local.get $errno))

;; Operation 7: descriptor $from now is $to, and what $to was is closed. Operation 8 answers EBADF
  ;; unless $to is open: WASI requires it to be, wasmtime 7 does not check.
  (func (export "fd_renumber") (param $from i32) (param $to i32) (result i32)
    (local $errno i32)
    (local.set $errno (call $host (i32.const 8) (local.get $to) (i32.const 0) (i32.const 0) (i32.const 0)))
    (if (local.get $errno) (then (return (local.get $errno))))
    (local.set $errno (call $wasi_fd_renumber (local.get $from) (local.get $to)))
    (if (i32.eqz (local.get $errno))
      (then (drop (call $host (i32.const 7) (local.get $from) (local.get $to) (i32.const 0) (i32.const 0)))))
    (local.get $errno))

  ;; wasmtime 7 answers EBADF when the new rights exceed those held; on an open descriptor that is
  ;; WASI's ENOTCAPABLE (76).
  (func (export "fd_fdstat_set_rights") (param $fd i32) (param $base i64) (param $inheriting i64) (result i32)
    (local $errno i32)
    (local.set $errno (call $wasi_fd_fdstat_set_rights (local.get $fd) (local.get $base) (local.get $inheriting)))
    (if (i32.eq (local.get $errno) (i32.const 8))
      (then
        (if (i32.eqz (call $host (i32.const 8) (local.get $fd) (i32.const 0) (i32.const 0) (i32.const 0)))
          (then (local.set $errno (i32.const 76))))))
    (local.get $errno))

  ;; Operation 10 answers for the granted directories (wasmtime 7 refuses a buffer longer than the name
  ;; and accepts a shorter one); -1 leaves other descriptors to WASI.
  (func (export "fd_prestat_dir_name") (param $fd i32) (param $path i32) (param $len i32) (result i32)
    (local $errno i32)
    (local.set $errno (call $host (i32.const 10) (local.get $fd) (local.get $path) (local.get $len) (i32.const 0)))
    (if (result i32) (i32.ge_s (local.get $errno) (i32.const 0))
      (then (local.get $errno))
      (else (call $wasi_fd_prestat_dir_name (local.get $fd) (local.get $path) (local.get $len)))))

  ;; A link longer than the buffer is ERANGE (68) in wasmtime 7, where WASI and POSIX keep what fits.
  ;; Then operation 11 keeps aside the last 4100 bytes of memory and answers their address, WASI writes
  ;; the whole link there (its length after it), and operation 12 copies what fits into the guest's
  ;; buffer, stores the length and puts the bytes back.
  (func (export "path_readlink") (param $fd i32) (param $path i32) (param $len i32) (param $buf i32)
      (param $buf_len i32) (param $used i32) (result i32)
    (local $errno i32)
    (local $scratch i32)
    (local.set $errno (call $wasi_path_readlink (local.get $fd) (local.get $path) (local.get $len)
      (local.get $buf) (local.get $buf_len) (local.get $used)))
    (if (i32.ne (local.get $errno) (i32.const 68)) (then (return (local.get $errno))))
    (local.set $scratch (call $host (i32.const 11) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0)))
    (if (i32.lt_s (local.get $scratch) (i32.const 0)) (then (return (local.get $errno))))
    (local.set $errno (call $wasi_path_readlink (local.get $fd) (local.get $path) (local.get $len)
      (local.get $scratch) (i32.const 4096) (i32.add (local.get $scratch) (i32.const 4096))))
    (call $host (i32.const 12) (local.get $errno) (local.get $buf) (local.get $buf_len) (local.get $used)))

  ;; Operation 9: the host never gives a guest a socket, so this is ENOTSOCK or EBADF.
  (func (export "sock_shutdown") (param $fd i32) (param $how i32) (result i32)
    (call $host (i32.const 9) (local.get $fd) (i32.const 0) (i32.const 0) (i32.const 0)))

    ;; The host ends the run with the code; wasmtime's own proc_exit refuses codes of 126 and above.
  (func (export "proc_exit") (param $code i32)
    (drop (call $host (i32.const 3) (local.get $code) (i32.const 0) (i32.const 0) (i32.const 0)))
    unreachable))
