;; Spins forever without calling the host: only the engine's wall-clock timeout can stop it.
(module
  (memory (export "memory") 1)
  (func (export "_start")
    (loop $forever
      (br $forever))))
