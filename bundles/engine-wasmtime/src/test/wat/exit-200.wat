;; Exits with code 200, which wasmtime's own proc_exit would refuse (it accepts only 0..125).
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (func (export "_start")
    (call $proc_exit (i32.const 200))))
