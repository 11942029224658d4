;; Asks for 64 MiB more memory at once, with no declared maximum, and traps when the grow is refused, as
;; an allocator's abort would. Unlike memory-bomb its memory never reaches the cap: only the refused grow
;; shows that it ran into the limit. Engines report MEMORY_LIMIT for caps below 64 MiB.
(module
  (memory (export "memory") 1)
  (func (export "_start")
    (if (i32.eq (memory.grow (i32.const 1024)) (i32.const -1))
      (then unreachable))))
