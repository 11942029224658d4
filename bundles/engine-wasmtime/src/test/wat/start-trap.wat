;; Its start function (run while instantiating, before _start) traps.
(module
  (memory (export "memory") 1)
  (func $init unreachable)
  (start $init)
  (func (export "_start")))
