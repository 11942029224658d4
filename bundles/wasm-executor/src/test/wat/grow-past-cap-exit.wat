;; Declares a maximum of 4096 pages (256 MiB), asks for 64 MiB more memory at once, and exits with code
;; 12 (ENOMEM) when the grow is refused, as a C program whose malloc failed would. Engines report
;; MEMORY_LIMIT for caps below 64 MiB: the run's cap, not the module's own maximum, refused the grow.
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1 4096)
  (func (export "_start")
    (if (i32.eq (memory.grow (i32.const 1024)) (i32.const -1))
      (then (call $proc_exit (i32.const 12))))))
