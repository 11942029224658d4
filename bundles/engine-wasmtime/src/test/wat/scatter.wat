;; Reads 6 bytes of stdin into two 3-byte iovecs (at 100 and 200) and writes them back with the two
;; halves swapped, through two iovecs: "abcdef" becomes "defabc".
(module
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "_start")
    (i32.store (i32.const 0) (i32.const 100))
    (i32.store (i32.const 4) (i32.const 3))
    (i32.store (i32.const 8) (i32.const 200))
    (i32.store (i32.const 12) (i32.const 3))
    (if (call $fd_read (i32.const 0) (i32.const 0) (i32.const 2) (i32.const 16)) (then unreachable))
    (i32.store (i32.const 0) (i32.const 200))
    (i32.store (i32.const 8) (i32.const 100))
    (if (call $fd_write (i32.const 1) (i32.const 0) (i32.const 2) (i32.const 16)) (then unreachable))))
