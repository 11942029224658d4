;; Routes the WASI calls that ModuleRewriter moved to "assessment_io": stdin, stdout, stderr, sleeps and
;; exits go to the host (GuestRun), everything else to wasmtime's WASI. Opening, closing and renumbering
;; descriptors go to WASI too, but the host is asked before each open and told what changed, because
;; wasmtime's WASI lets a guest hold any number of host files open (GuestRun's OpenFiles caps them).
;; wasmtime compiles this text once per engine.
;;
;; Why a module and not host functions alone: WASI functions find the guest's memory through the
;; export "memory" of the instance that calls them. This router imports the run's memory (the same
;; memory the plugin imports, see ModuleRewriter) and exports it, so that WASI reads and writes the
;; plugin's buffers when the router forwards a call, e.g. fd_read of a file in a granted directory.
;;
;; All host calls go through one import, $host, whose first argument says what to do: wasmtime 7
;; compiles a trampoline for every host function a store creates, which makes each costly per run.
(module
  (import "wasi_snapshot_preview1" "fd_read" (func $wasi_fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $wasi_fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "poll_oneoff" (func $wasi_poll_oneoff (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_open"
    (func $wasi_path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_close" (func $wasi_fd_close (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_renumber" (func $wasi_fd_renumber (param i32 i32) (result i32)))
  ;; (operation, a, b, c, d) -> result; operations are GuestRun.STDIN_READ and the constants after it.
  ;; Returns -1 when it leaves the call to WASI.
  (import "assessment_host" "call" (func $host (param i32 i32 i32 i32 i32) (result i32)))
  (import "assessment_host" "memory" (memory 0))
  (export "memory" (memory 0))

  (func (export "fd_read") (param $fd i32) (param $iovs i32) (param $count i32) (param $nread i32) (result i32)
    (if (result i32) (i32.eqz (local.get $fd))
      (then (call $host (i32.const 0) (local.get $iovs) (local.get $count) (local.get $nread) (i32.const 0)))
      (else (call $wasi_fd_read (local.get $fd) (local.get $iovs) (local.get $count) (local.get $nread)))))

  (func (export "fd_write") (param $fd i32) (param $iovs i32) (param $count i32) (param $nwritten i32) (result i32)
    (if (result i32) (i32.or (i32.eq (local.get $fd) (i32.const 1)) (i32.eq (local.get $fd) (i32.const 2)))
      (then (call $host (i32.const 1) (local.get $fd) (local.get $iovs) (local.get $count) (local.get $nwritten)))
      (else (call $wasi_fd_write (local.get $fd) (local.get $iovs) (local.get $count) (local.get $nwritten)))))

  (func (export "poll_oneoff") (param $in i32) (param $out i32) (param $count i32) (param $nevents i32) (result i32)
    (local $handled i32)
    (local.set $handled
      (call $host (i32.const 2) (local.get $in) (local.get $out) (local.get $count) (local.get $nevents)))
    (if (result i32) (i32.ge_s (local.get $handled) (i32.const 0))
      (then (local.get $handled))
      (else (call $wasi_poll_oneoff (local.get $in) (local.get $out) (local.get $count) (local.get $nevents)))))

  ;; Operation 4 answers 0 (go ahead) or EMFILE; operation 5 reports the descriptor WASI stored at $opened.
  (func (export "path_open") (param $dirfd i32) (param $dirflags i32) (param $path i32) (param $len i32)
      (param $oflags i32) (param $base i64) (param $inheriting i64) (param $fdflags i32) (param $opened i32)
      (result i32)
    (local $errno i32)
    (local.set $errno (call $host (i32.const 4) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0)))
    (if (i32.eqz (local.get $errno))
      (then
        (local.set $errno
          (call $wasi_path_open (local.get $dirfd) (local.get $dirflags) (local.get $path) (local.get $len)
            (local.get $oflags) (local.get $base) (local.get $inheriting) (local.get $fdflags) (local.get $opened)))
        (if (i32.eqz (local.get $errno))
          (then (drop (call $host (i32.const 5) (local.get $opened) (i32.const 0) (i32.const 0) (i32.const 0)))))))
    (local.get $errno))

  ;; Operation 6: the descriptor was closed.
  (func (export "fd_close") (param $fd i32) (result i32)
    (local $errno i32)
    (local.set $errno (call $wasi_fd_close (local.get $fd)))
    (if (i32.eqz (local.get $errno))
      (then (drop (call $host (i32.const 6) (local.get $fd) (i32.const 0) (i32.const 0) (i32.const 0)))))
    (local.get $errno))

  ;; Operation 7: descriptor $from now is $to, and what $to was is closed.
  (func (export "fd_renumber") (param $from i32) (param $to i32) (result i32)
    (local $errno i32)
    (local.set $errno (call $wasi_fd_renumber (local.get $from) (local.get $to)))
    (if (i32.eqz (local.get $errno))
      (then (drop (call $host (i32.const 7) (local.get $from) (local.get $to) (i32.const 0) (i32.const 0)))))
    (local.get $errno))

  ;; The host ends the run with the code; wasmtime's own proc_exit refuses codes of 126 and above.
  (func (export "proc_exit") (param $code i32)
    (drop (call $host (i32.const 3) (local.get $code) (i32.const 0) (i32.const 0) (i32.const 0)))
    unreachable))
