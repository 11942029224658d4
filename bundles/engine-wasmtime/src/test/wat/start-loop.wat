;; Its start function (run while instantiating, before _start) spins forever.
(module
  (memory (export "memory") 1)
  (func $init (loop $forever (br $forever)))
  (start $init)
  (func (export "_start")))
