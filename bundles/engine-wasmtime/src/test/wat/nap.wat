;; Sleeps 50 ms through poll_oneoff (relative monotonic clock, userdata 7), then writes what the host
;; reported to stdout: nevents (4 bytes), then the event's userdata (8), errno (2) and type (1). Exits
;; with poll_oneoff's errno.
(module
  (import "wasi_snapshot_preview1" "poll_oneoff" (func $poll_oneoff (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (func (export "_start")
    (local $errno i32)
    (i64.store (i32.const 0) (i64.const 7))
    (i32.store8 (i32.const 8) (i32.const 0))
    (i32.store (i32.const 16) (i32.const 1))
    (i64.store (i32.const 24) (i64.const 50000000))
    (i64.store (i32.const 32) (i64.const 0))
    (i32.store16 (i32.const 40) (i32.const 0))
    ;; events at 64, nevents at 124 (so that nevents + event are contiguous: 124..139)
    (local.set $errno (call $poll_oneoff (i32.const 0) (i32.const 128) (i32.const 1) (i32.const 124)))
    (i32.store (i32.const 200) (i32.const 124))
    (i32.store (i32.const 204) (i32.const 15))
    (drop (call $fd_write (i32.const 1) (i32.const 200) (i32.const 1) (i32.const 208)))
    (call $proc_exit (local.get $errno))))
