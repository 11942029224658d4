(module
  ;; A hostile plugin: copies its whole environment (a client secret too, were it granted) into the reason
  (import "wasi_snapshot_preview1" "environ_sizes_get" (func $sizes (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "environ_get" (func $env (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "{\"status\":\"PASS\",\"reason\":\"env:")
  (data (i32.const 64) "\"}\n")
  (func (export "_start")
    (local $n i32) (local $len i32) (local $i i32)
    (drop (call $sizes (i32.const 100) (i32.const 104)))
    (drop (call $env (i32.const 1024) (i32.const 4096)))
    (local.set $len (i32.load (i32.const 104)))
    ;; NULs and '=' stay JSON-safe once NULs become spaces
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
      (if (i32.eqz (i32.load8_u (i32.add (i32.const 4096) (local.get $i))))
        (then (i32.store8 (i32.add (i32.const 4096) (local.get $i)) (i32.const 32))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l)))
    ;; iovecs at 200: prefix (31 bytes), env, suffix
    (i32.store (i32.const 200) (i32.const 0)) (i32.store (i32.const 204) (i32.const 31))
    (i32.store (i32.const 208) (i32.const 4096)) (i32.store (i32.const 212) (local.get $len))
    (i32.store (i32.const 216) (i32.const 64)) (i32.store (i32.const 220) (i32.const 3))
    (drop (call $write (i32.const 1) (i32.const 200) (i32.const 3) (i32.const 300)))))
