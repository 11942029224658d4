;; Recurses without end (not a tail call). The host's stack overflows; that must end this run as a
;; TRAP and leave the engine, and the JVM, serving.
(module
  (memory (export "memory") 1)
  (func $down (param $n i64) (result i64)
    (i64.add (call $down (i64.add (local.get $n) (i64.const 1))) (i64.const 1)))
  (func (export "_start")
    (drop (call $down (i64.const 0)))))
