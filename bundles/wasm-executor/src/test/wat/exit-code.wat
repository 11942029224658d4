;; Exits with code 3 through WASI proc_exit: a plugin error, reported as EXIT_CODE with the code.
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (func (export "_start")
    (call $proc_exit (i32.const 3))))
