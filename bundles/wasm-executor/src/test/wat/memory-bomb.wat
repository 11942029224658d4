;; Grows its memory one page at a time, with no declared maximum, and traps when a grow is refused,
;; as an allocator's abort would. Engines report MEMORY_LIMIT: the module ran into the cap.
(module
  (memory (export "memory") 1)
  (func (export "_start")
    (loop $grow
      (if (i32.eq (memory.grow (i32.const 1)) (i32.const -1))
        (then unreachable))
      (br $grow))))
