;; Like memory-bomb, but its own declared maximum (4 pages) is below any cap the tests set: running
;; into its own maximum is the module's business, a TRAP, not the engine's MEMORY_LIMIT.
(module
  (memory (export "memory") 1 4)
  (func (export "_start")
    (loop $grow
      (if (i32.eq (memory.grow (i32.const 1)) (i32.const -1))
        (then unreachable))
      (br $grow))))
