(module
  ;; A plugin whose logs are blank: blank lines on stderr and a log entry with an empty message in its
  ;; output. Once such a result made every reader of the result store fail (issue 15, item 4).
  (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "{\"status\":\"PASS\",\"reason\":\"blank logs\",\"logs\":[{\"level\":\"INFO\",\"message\":\"\"}]}\n")
  (data (i32.const 256) "\n\n   \nINFO: \n")
  (func (export "_start")
    ;; stdout: the document and its newline (79 bytes); stderr: blank lines (13 bytes)
    (i32.store (i32.const 512) (i32.const 0)) (i32.store (i32.const 516) (i32.const 79))
    (drop (call $write (i32.const 1) (i32.const 512) (i32.const 1) (i32.const 600)))
    (i32.store (i32.const 512) (i32.const 256)) (i32.store (i32.const 516) (i32.const 13))
    (drop (call $write (i32.const 2) (i32.const 512) (i32.const 1) (i32.const 600)))))
