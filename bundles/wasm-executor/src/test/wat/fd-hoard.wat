;; Opens the file "f" of the first preopened directory (fd 3) again and again and never closes it, as a
;; plugin leaking descriptors would, or one trying to starve the host of them. argv[1] says what it
;; does once an open fails (only its first letter counts):
;;   exit  exits with the errno (EMFILE is 33)
;;   trap  traps (unreachable) while holding the files
;;   loop  spins while holding the files, until the timeout stops it
;; Either way it first writes to stdout how many files it held, in decimal, and a newline. Before that
;; it opens and closes the file 1000 times, so a cap below 1000 shows that closing gives the slot back
;; (exit code 3 if a close fails). It stops at 4096 open files: an engine without a cap then exits 0,
;; and the test fails, without exhausting the host. Exit code 2 means bad arguments.
(module
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_get" (func $args_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_close" (func $fd_close (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  ;; 0: argc   4: argv buffer size   8: iovec {ptr, len}   16: bytes written   20: opened fd
  ;; 32..63: decimal digits and newline   64: "f"   1024: argv pointers   2048: argv buffer (1 KiB)
  (data (i32.const 64) "f")

  ;; Opens "f" for reading; returns the errno, the descriptor is at 20.
  (func $open (result i32)
    (call $path_open (i32.const 3) (i32.const 0) (i32.const 64) (i32.const 1) (i32.const 0) (i64.const 2)
      (i64.const 0) (i32.const 0) (i32.const 20)))

  (func $print (param $n i32)
    (local $p i32)
    (local.set $p (i32.const 63))
    (i32.store8 (local.get $p) (i32.const 10))
    (loop $digit
      (local.set $p (i32.sub (local.get $p) (i32.const 1)))
      (i32.store8 (local.get $p) (i32.add (i32.const 48) (i32.rem_u (local.get $n) (i32.const 10))))
      (local.set $n (i32.div_u (local.get $n) (i32.const 10)))
      (br_if $digit (local.get $n)))
    (i32.store (i32.const 8) (local.get $p))
    (i32.store (i32.const 12) (i32.sub (i32.const 64) (local.get $p)))
    (drop (call $fd_write (i32.const 1) (i32.const 8) (i32.const 1) (i32.const 16))))

  (func (export "_start")
    (local $mode i32)
    (local $i i32)
    (local $errno i32)
    (if (call $args_sizes_get (i32.const 0) (i32.const 4))
      (then (call $proc_exit (i32.const 2))))
    (if (i32.or (i32.ne (i32.load (i32.const 0)) (i32.const 2))
                (i32.gt_u (i32.load (i32.const 4)) (i32.const 1024)))
      (then (call $proc_exit (i32.const 2))))
    (if (call $args_get (i32.const 1024) (i32.const 2048))
      (then (call $proc_exit (i32.const 2))))
    (local.set $mode (i32.load8_u (i32.load (i32.const 1028))))
    ;; Churn: open and close, 1000 times.
    (loop $churn
      (local.set $errno (call $open))
      (if (local.get $errno)
        (then (call $print (local.get $i))
              (call $proc_exit (local.get $errno))))
      (if (call $fd_close (i32.load (i32.const 20)))
        (then (call $proc_exit (i32.const 3))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $churn (i32.lt_u (local.get $i) (i32.const 1000))))
    ;; Hoard: open until refused.
    (local.set $i (i32.const 0))
    (block $refused
      (loop $hoard
        (local.set $errno (call $open))
        (br_if $refused (local.get $errno))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $hoard (i32.lt_u (local.get $i) (i32.const 4096))))
      (call $print (local.get $i))
      (return))
    (call $print (local.get $i))
    ;; 't'
    (if (i32.eq (local.get $mode) (i32.const 0x74))
      (then unreachable))
    ;; 'l'
    (if (i32.eq (local.get $mode) (i32.const 0x6c))
      (then (loop $spin (br $spin))))
    (call $proc_exit (local.get $errno))))
