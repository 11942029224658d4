;; Tries one file-system call, chosen by the first letter of argv[1], on the path A in argv[2] (and B in
;; argv[3] where the call takes two), relative to the first preopened directory (fd 3), following
;; symbolic links unless the operation says otherwise:
;;   read       open A for reading and copy it to stdout
;;   create     open A with CREAT|TRUNC for writing, then write "pwned\n"
;;   nofollow   the same as create, without following a symbolic link at A
;;   overwrite  open the existing A with the FD_WRITE right, then write "pwned\n"
;;   zero       open A with the FD_FILESTAT_SET_SIZE right and set its size to 0
;;   mkdir      path_create_directory A
;;   dirremove  path_remove_directory A
;;   unlink     path_unlink_file A
;;   v (move)   path_rename A to B
;;   symlink    path_symlink: a new link B whose content is A
;;   link       path_link: a new hard link B to what A leads to (lookupflags SYMLINK_FOLLOW)
;;   hardlink   path_link: a new hard link B to A itself
;;   times      path_filestat_set_times on A: access and modification time set to the epoch
;;   k          path_readlink A, its content to stdout
;; When the host refuses a call the probe exits with the WASI errno as its exit code, so a refused
;; operation is EXIT_CODE; exit code 2 means bad arguments.
(module
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_get" (func $args_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_filestat_set_size" (func $fd_filestat_set_size (param i32 i64) (result i32)))
  (import "wasi_snapshot_preview1" "path_create_directory" (func $mkdir (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_remove_directory" (func $rmdir (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_unlink_file" (func $unlink (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_rename" (func $rename (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_symlink" (func $symlink (param i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_link" (func $link (param i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_filestat_set_times"
    (func $set_times (param i32 i32 i32 i32 i64 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_readlink" (func $readlink (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 2)
  ;; 0: argc   4: argv buffer size   8: iovec {ptr, len}   16: bytes moved   20: opened fd
  ;; 64: "pwned\n"   1024: argv pointers (up to 256)   2048: argv buffer (up to 8 KiB)
  ;; 65536: 4 KiB read buffer
  (data (i32.const 64) "pwned\n")
  (global $a (mut i32) (i32.const 0))
  (global $a_len (mut i32) (i32.const 0))
  (global $b (mut i32) (i32.const 0))
  (global $b_len (mut i32) (i32.const 0))

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

  (func $open (param $lookup i32) (param $oflags i32) (param $rights i64) (result i32)
    (call $check
      (call $path_open (i32.const 3) (local.get $lookup) (global.get $a) (global.get $a_len)
        (local.get $oflags) (local.get $rights) (i64.const 0) (i32.const 0) (i32.const 20)))
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

  (func $run (param $op i32)
    ;; 'r': rights FD_READ
    (if (i32.eq (local.get $op) (i32.const 0x72))
      (then (call $copy_to_stdout (call $open (i32.const 1) (i32.const 0) (i64.const 2))) (return)))
    ;; 'c': oflags CREAT|TRUNC, rights FD_WRITE
    (if (i32.eq (local.get $op) (i32.const 0x63))
      (then (call $write (call $open (i32.const 1) (i32.const 9) (i64.const 64)) (i32.const 64) (i32.const 6))
            (return)))
    ;; 'n': the same, lookupflags 0
    (if (i32.eq (local.get $op) (i32.const 0x6e))
      (then (call $write (call $open (i32.const 0) (i32.const 9) (i64.const 64)) (i32.const 64) (i32.const 6))
            (return)))
    ;; 'o': rights FD_WRITE
    (if (i32.eq (local.get $op) (i32.const 0x6f))
      (then (call $write (call $open (i32.const 1) (i32.const 0) (i64.const 64)) (i32.const 64) (i32.const 6))
            (return)))
    ;; 'z': rights FD_FILESTAT_SET_SIZE
    (if (i32.eq (local.get $op) (i32.const 0x7a))
      (then (call $check (call $fd_filestat_set_size
              (call $open (i32.const 1) (i32.const 0) (i64.const 0x400000)) (i64.const 0)))
            (return)))
    (if (i32.eq (local.get $op) (i32.const 0x6d)) ;; 'm'
      (then (call $check (call $mkdir (i32.const 3) (global.get $a) (global.get $a_len))) (return)))
    (if (i32.eq (local.get $op) (i32.const 0x64)) ;; 'd'
      (then (call $check (call $rmdir (i32.const 3) (global.get $a) (global.get $a_len))) (return)))
    (if (i32.eq (local.get $op) (i32.const 0x75)) ;; 'u'
      (then (call $check (call $unlink (i32.const 3) (global.get $a) (global.get $a_len))) (return)))
    (if (i32.eq (local.get $op) (i32.const 0x76)) ;; 'v'
      (then (call $check (call $rename (i32.const 3) (global.get $a) (global.get $a_len)
              (i32.const 3) (global.get $b) (global.get $b_len)))
            (return)))
    (if (i32.eq (local.get $op) (i32.const 0x73)) ;; 's'
      (then (call $check (call $symlink (global.get $a) (global.get $a_len)
              (i32.const 3) (global.get $b) (global.get $b_len)))
            (return)))
    (if (i32.eq (local.get $op) (i32.const 0x6c)) ;; 'l': lookupflags SYMLINK_FOLLOW
      (then (call $check (call $link (i32.const 3) (i32.const 1) (global.get $a) (global.get $a_len)
              (i32.const 3) (global.get $b) (global.get $b_len)))
            (return)))
    (if (i32.eq (local.get $op) (i32.const 0x68)) ;; 'h'
      (then (call $check (call $link (i32.const 3) (i32.const 0) (global.get $a) (global.get $a_len)
              (i32.const 3) (global.get $b) (global.get $b_len)))
            (return)))
    (if (i32.eq (local.get $op) (i32.const 0x74)) ;; 't': fstflags ATIM|MTIM
      (then (call $check (call $set_times (i32.const 3) (i32.const 1) (global.get $a) (global.get $a_len)
              (i64.const 0) (i64.const 0) (i32.const 5)))
            (return)))
    (if (i32.eq (local.get $op) (i32.const 0x6b)) ;; 'k'
      (then (call $check (call $readlink (i32.const 3) (global.get $a) (global.get $a_len)
              (i32.const 65536) (i32.const 4096) (i32.const 16)))
            (call $write (i32.const 1) (i32.const 65536) (i32.load (i32.const 16)))
            (return)))
    (call $proc_exit (i32.const 2)))

  (func (export "_start")
    (local $argc i32)
    (call $check (call $args_sizes_get (i32.const 0) (i32.const 4)))
    (local.set $argc (i32.load (i32.const 0)))
    (if (i32.or (i32.lt_u (local.get $argc) (i32.const 3))
                (i32.or (i32.gt_u (local.get $argc) (i32.const 256))
                        (i32.gt_u (i32.load (i32.const 4)) (i32.const 8192))))
      (then (call $proc_exit (i32.const 2))))
    (call $check (call $args_get (i32.const 1024) (i32.const 2048)))
    (global.set $a (i32.load (i32.const 1032)))
    (global.set $a_len (call $strlen (global.get $a)))
    (if (i32.gt_u (local.get $argc) (i32.const 3))
      (then (global.set $b (i32.load (i32.const 1036)))
            (global.set $b_len (call $strlen (global.get $b)))))
    (call $run (i32.load8_u (i32.load (i32.const 1028))))))
