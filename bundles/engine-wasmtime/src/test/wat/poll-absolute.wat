;; poll_oneoff on an absolute monotonic clock at time 0, long past: not a sleep the host serves, so
;; the engine passes it to WASI, which reports the event at once.
;; Exits with the errno, or 100 + the number of events when that is not 1.
(module
  (import "wasi_snapshot_preview1" "poll_oneoff" (func $poll_oneoff (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (func (export "_start")
    (local $errno i32)
    (i64.store (i32.const 0) (i64.const 5))
    (i32.store8 (i32.const 8) (i32.const 0))
    (i32.store (i32.const 16) (i32.const 1))
    (i64.store (i32.const 24) (i64.const 0))
    (i32.store16 (i32.const 40) (i32.const 1))
    (local.set $errno (call $poll_oneoff (i32.const 0) (i32.const 64) (i32.const 1) (i32.const 128)))
    (if (local.get $errno) (then (call $proc_exit (local.get $errno))))
    (if (i32.ne (i32.load (i32.const 128)) (i32.const 1))
      (then (call $proc_exit (i32.add (i32.const 100) (i32.load (i32.const 128))))))))
