;; Exits with the size its function table had when _start began (declared: 1), after growing it by
;; 1000. Every run must start from the declared size: what one run did must not show in the next.
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (table $t 1 funcref)
  (func (export "_start")
    (local $initial i32)
    (local.set $initial (table.size $t))
    (drop (table.grow $t (ref.null func) (i32.const 1000)))
    (call $proc_exit (local.get $initial))))
