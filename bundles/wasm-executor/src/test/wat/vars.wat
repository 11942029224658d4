;; Prints what the module can see of its invocation: each argument on its own line, a line "--", then
;; each environment variable as NAME=VALUE on its own line. Exits 2 if they do not fit its buffers.
(module
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_get" (func $args_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "environ_sizes_get" (func $environ_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "environ_get" (func $environ_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  ;; 0: count   4: buffer size   8: iovec   16: bytes written   32: "--\n"
  ;; 1024: pointers (up to 256)   2048: strings (up to 30 KiB)
  (data (i32.const 32) "--\n")

  (func $check (param $errno i32)
    (if (local.get $errno)
      (then (call $proc_exit (local.get $errno)))))

  (func $check_fits
    (if (i32.or (i32.gt_u (i32.load (i32.const 0)) (i32.const 256))
                (i32.gt_u (i32.load (i32.const 4)) (i32.const 30720)))
      (then (call $proc_exit (i32.const 2)))))

  (func $write_all (param $ptr i32) (param $len i32)
    (block $done
      (loop $more
        (br_if $done (i32.eqz (local.get $len)))
        (i32.store (i32.const 8) (local.get $ptr))
        (i32.store (i32.const 12) (local.get $len))
        (call $check (call $fd_write (i32.const 1) (i32.const 8) (i32.const 1) (i32.const 16)))
        (local.set $ptr (i32.add (local.get $ptr) (i32.load (i32.const 16))))
        (local.set $len (i32.sub (local.get $len) (i32.load (i32.const 16))))
        (br $more))))

  ;; Turns the NUL-separated strings at 2048 into lines and prints them.
  (func $print_strings
    (local $i i32)
    (local $end i32)
    (local.set $i (i32.const 2048))
    (local.set $end (i32.add (i32.const 2048) (i32.load (i32.const 4))))
    (block $done
      (loop $scan
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (if (i32.eqz (i32.load8_u (local.get $i)))
          (then (i32.store8 (local.get $i) (i32.const 10))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $scan)))
    (call $write_all (i32.const 2048) (i32.load (i32.const 4))))

  (func (export "_start")
    (call $check (call $args_sizes_get (i32.const 0) (i32.const 4)))
    (call $check_fits)
    (call $check (call $args_get (i32.const 1024) (i32.const 2048)))
    (call $print_strings)
    (call $write_all (i32.const 32) (i32.const 3))
    (call $check (call $environ_sizes_get (i32.const 0) (i32.const 4)))
    (call $check_fits)
    (call $check (call $environ_get (i32.const 1024) (i32.const 2048)))
    (call $print_strings)))
