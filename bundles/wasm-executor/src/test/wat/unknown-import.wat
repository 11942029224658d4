;; A command that imports a host function no engine provides: not runnable here.
(module
  (import "env" "read_host_secret" (func $secret (result i32)))
  (memory (export "memory") 1)
  (func (export "_start")
    (drop (call $secret))))
