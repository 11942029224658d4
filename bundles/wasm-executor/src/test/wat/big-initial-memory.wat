;; Declares 128 MiB (2048 pages) of initial memory: more than the cap the test sets, so it must be
;; refused before it runs (MEMORY_LIMIT), without the host ever allocating it.
(module
  (memory (export "memory") 2048)
  (func (export "_start")))
