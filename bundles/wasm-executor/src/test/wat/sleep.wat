;; Blocks in the host: poll_oneoff on a one-hour relative clock. The timeout must reach a guest that
;; waits inside a WASI call, not only one that runs guest code.
(module
  (import "wasi_snapshot_preview1" "poll_oneoff"
    (func $poll_oneoff (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "_start")
    ;; subscription at 0: userdata u64 @0, tag u8 @8 (0 = clock), clock id u32 @16 (1 = monotonic),
    ;; timeout u64 @24 (ns), precision u64 @32, flags u16 @40 (0 = relative). Event out at 64.
    (i64.store (i32.const 0) (i64.const 42))
    (i32.store8 (i32.const 8) (i32.const 0))
    (i32.store (i32.const 16) (i32.const 1))
    (i64.store (i32.const 24) (i64.const 3600000000000))
    (i64.store (i32.const 32) (i64.const 0))
    (i32.store16 (i32.const 40) (i32.const 0))
    (drop (call $poll_oneoff (i32.const 0) (i32.const 64) (i32.const 1) (i32.const 128)))))
