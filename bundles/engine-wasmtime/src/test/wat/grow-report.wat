;; Grows its memory a page at a time until a grow fails, then writes the number of pages it has as a
;; 4-byte little-endian number to stdout and exits 0. Its own maximum (1000 pages) is above the caps the
;; tests set, so the cap refuses a grow first, which ends the run (MEMORY_LIMIT) and says where the cap lies.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1 1000)
  (func (export "_start")
    (block $full
      (loop $grow
        (br_if $full (i32.eq (memory.grow (i32.const 1)) (i32.const -1)))
        (br $grow)))
    (i32.store (i32.const 16) (memory.size))
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 4))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
