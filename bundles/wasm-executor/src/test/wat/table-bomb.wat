;; Grows its function table by 65536 elements at a time, with no declared maximum, and traps when a
;; grow is refused. Tables live in the host's heap, outside linear memory: an engine must bound them
;; too, or one module can exhaust the heap every other run shares.
(module
  (memory (export "memory") 1)
  (table $t 1 funcref)
  (func (export "_start")
    (loop $grow
      (if (i32.eq (table.grow $t (ref.null func) (i32.const 65536)) (i32.const -1))
        (then unreachable))
      (br $grow))))
