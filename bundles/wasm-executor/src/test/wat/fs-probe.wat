;; Tries one file-system operation, chosen by argv[1], on the path in argv[2], relative to the first
;; preopened directory (fd 3) unless the operation says otherwise:
;;   read       open for reading (following symlinks) and copy the file to stdout
;;   create     open with CREAT|TRUNC for writing, then write "pwned\n"
;;   overwrite  open an existing file with the FD_WRITE right, then write "pwned\n"
;;   append     open with only FD_READ but the APPEND flag, then write "pwned\n"
;;   mkdir      path_create_directory
;;   unlink     path_unlink_file
;;   badfd      open for reading relative to fd 9, which was never opened
;;   stdinfd    open for reading relative to fd 0 (stdin, not a directory)
;; Only the first letter of the operation counts. When the host refuses a call the probe exits with
;; the WASI errno as its exit code, so a refused operation is EXIT_CODE and a sandbox breach is a
;; success; exit code 2 means bad arguments.
(module
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_get" (func $args_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_create_directory"
    (func $path_create_directory (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_unlink_file"
    (func $path_unlink_file (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 2)
  ;; 0: argc   4: argv buffer size   8: iovec {ptr, len}   16: bytes moved   20: opened fd
  ;; 64: "pwned\n"   1024: argv pointers (up to 256)   2048: argv buffer (up to 8 KiB)
  ;; 65536: 4 KiB read buffer
  (data (i32.const 64) "pwned\n")
  (global $path (mut i32) (i32.const 0))
  (global $path_len (mut i32) (i32.const 0))

  (func $check (param $errno i32)
    (if (local.get $errno)
      (then (call $proc_exit (local.get $errno)))))

  (func $strlen (param $ptr i32) (result i32)
    (local $end i32)
    (local.set $end (local.get $ptr))
    (block $nul
      (loop $scan
        (br_if $nul (i32.eqz (i32.load8_u (local.get $end))))
        (local.set $end (i32.add (local.get $end) (i32.const 1)))
        (br $scan)))
    (i32.sub (local.get $end) (local.get $ptr)))

  (func $open (param $dirfd i32) (param $oflags i32) (param $rights i64) (param $fdflags i32)
      (result i32)
    (call $check
      (call $path_open (local.get $dirfd) (i32.const 1) (global.get $path) (global.get $path_len)
        (local.get $oflags) (local.get $rights) (i64.const 0) (local.get $fdflags) (i32.const 20)))
    (i32.load (i32.const 20)))

  (func $write (param $fd i32) (param $ptr i32) (param $len i32)
    (i32.store (i32.const 8) (local.get $ptr))
    (i32.store (i32.const 12) (local.get $len))
    (call $check (call $fd_write (local.get $fd) (i32.const 8) (i32.const 1) (i32.const 16))))

  (func $copy_to_stdout (param $fd i32)
    (local $n i32)
    (block $eof
      (loop $copy
        (i32.store (i32.const 8) (i32.const 65536))
        (i32.store (i32.const 12) (i32.const 4096))
        (call $check (call $fd_read (local.get $fd) (i32.const 8) (i32.const 1) (i32.const 16)))
        (local.set $n (i32.load (i32.const 16)))
        (br_if $eof (i32.eqz (local.get $n)))
        (call $write (i32.const 1) (i32.const 65536) (local.get $n))
        (br $copy))))

  (func (export "_start")
    (local $op i32)
    (call $check (call $args_sizes_get (i32.const 0) (i32.const 4)))
    (if (i32.or (i32.lt_u (i32.load (i32.const 0)) (i32.const 3))
                (i32.or (i32.gt_u (i32.load (i32.const 0)) (i32.const 256))
                        (i32.gt_u (i32.load (i32.const 4)) (i32.const 8192))))
      (then (call $proc_exit (i32.const 2))))
    (call $check (call $args_get (i32.const 1024) (i32.const 2048)))
    (local.set $op (i32.load8_u (i32.load (i32.const 1028))))
    (global.set $path (i32.load (i32.const 1032)))
    (global.set $path_len (call $strlen (global.get $path)))
    ;; 'r'
    (if (i32.eq (local.get $op) (i32.const 0x72))
      (then (call $copy_to_stdout (call $open (i32.const 3) (i32.const 0) (i64.const 2) (i32.const 0)))
            (return)))
    ;; 'c': oflags CREAT|TRUNC, rights FD_WRITE
    (if (i32.eq (local.get $op) (i32.const 0x63))
      (then (call $write (call $open (i32.const 3) (i32.const 9) (i64.const 64) (i32.const 0))
                         (i32.const 64) (i32.const 6))
            (return)))
    ;; 'o': rights FD_WRITE
    (if (i32.eq (local.get $op) (i32.const 0x6f))
      (then (call $write (call $open (i32.const 3) (i32.const 0) (i64.const 64) (i32.const 0))
                         (i32.const 64) (i32.const 6))
            (return)))
    ;; 'a': rights FD_READ, fdflags APPEND
    (if (i32.eq (local.get $op) (i32.const 0x61))
      (then (call $write (call $open (i32.const 3) (i32.const 0) (i64.const 2) (i32.const 1))
                         (i32.const 64) (i32.const 6))
            (return)))
    ;; 'm'
    (if (i32.eq (local.get $op) (i32.const 0x6d))
      (then (call $check (call $path_create_directory (i32.const 3) (global.get $path) (global.get $path_len)))
            (return)))
    ;; 'u'
    (if (i32.eq (local.get $op) (i32.const 0x75))
      (then (call $check (call $path_unlink_file (i32.const 3) (global.get $path) (global.get $path_len)))
            (return)))
    ;; 'b'
    (if (i32.eq (local.get $op) (i32.const 0x62))
      (then (call $copy_to_stdout (call $open (i32.const 9) (i32.const 0) (i64.const 2) (i32.const 0)))
            (return)))
    ;; 's'
    (if (i32.eq (local.get $op) (i32.const 0x73))
      (then (call $copy_to_stdout (call $open (i32.const 0) (i32.const 0) (i64.const 2) (i32.const 0)))
            (return)))
    (call $proc_exit (i32.const 2))))
