;; Imports the pre-preview-1 WASI module (wasi_unstable), which this runtime does not provide.
(module
  (import "wasi_unstable" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "_start")))
