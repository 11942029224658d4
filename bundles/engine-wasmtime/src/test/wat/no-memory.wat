;; A command without any memory: it can do no I/O, but it runs.
(module
  (func (export "_start")))
