;; The calls whose answers the I/O router corrects (io-router.wat), one per run, chosen by the first
;; letter of argv[1], in the first preopened directory (fd 3). The probe exits with the errno of the
;; call in question (0 when it succeeded), or 99 when its own memory was changed behind its back:
;;   renumber   open "a" (creating it), fd_renumber it to 50, which is not open
;;   socket     sock_shutdown on stdout
;;   badsocket  sock_shutdown on fd 50
;;   name       fd_prestat_dir_name of fd 3 into a 0-byte buffer
;;   prestat    fd_prestat_dir_name of fd 3 into a 64-byte buffer, the name to stdout
;;   k          symlink "lnk" -> "target-name", path_readlink it into a 4-byte buffer, which is written
;;              to stdout; the last 8 KiB of memory hold a pattern that must survive
;;   end        the same with the 4-byte buffer in the last bytes of memory
;;   append     open "f" with CREAT|TRUNC and the APPEND flag, write "xy", seek to 0, write "xy"
;;   directory  open "." with DIRECTORY and the FD_WRITE right
;;   g (grant)  open "a" (creating it) with FD_READ|FD_WRITE, drop FD_WRITE, ask for it back
(module
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_get" (func $args_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_seek" (func $fd_seek (param i32 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_renumber" (func $fd_renumber (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_fdstat_set_rights" (func $set_rights (param i32 i64 i64) (result i32)))
  (import "wasi_snapshot_preview1" "fd_prestat_dir_name" (func $prestat_dir_name (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_symlink" (func $symlink (param i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_readlink" (func $readlink (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "sock_shutdown" (func $sock_shutdown (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  ;; 2 pages: the pattern fills 122880..131071, the end of memory
  (memory (export "memory") 2)
  ;; 0: argc   4: argv buffer size   8: iovec {ptr, len}   16: bytes moved / used   20: opened fd
  ;; 32: seek result   64: "xy"   80: "a"   88: "f"   96: "."   104: "lnk"   112: "target-name"
  ;; 1024: argv pointers (up to 256)   2048: argv buffer (up to 8 KiB)   65536: buffer
  (data (i32.const 64) "xy")
  (data (i32.const 80) "a")
  (data (i32.const 88) "f")
  (data (i32.const 96) ".")
  (data (i32.const 104) "lnk")
  (data (i32.const 112) "target-name")

  (func $check (param $errno i32)
    (if (local.get $errno)
      (then (call $proc_exit (local.get $errno)))))

  (func $write (param $fd i32) (param $ptr i32) (param $len i32)
    (i32.store (i32.const 8) (local.get $ptr))
    (i32.store (i32.const 12) (local.get $len))
    (call $check (call $fd_write (local.get $fd) (i32.const 8) (i32.const 1) (i32.const 16))))

  ;; path_open relative to fd 3 of the name at $name (length $len)
  (func $open (param $name i32) (param $len i32) (param $oflags i32) (param $rights i64) (param $fdflags i32)
      (result i32)
    (call $check (call $path_open (i32.const 3) (i32.const 0) (local.get $name) (local.get $len)
      (local.get $oflags) (local.get $rights) (i64.const 0) (local.get $fdflags) (i32.const 20)))
    (i32.load (i32.const 20)))

  (func $pattern (param $check i32)
    (local $at i32)
    (local.set $at (i32.const 122880))
    (loop $each
      (if (local.get $check)
        (then (if (i32.ne (i32.load8_u (local.get $at)) (i32.and (local.get $at) (i32.const 0xff)))
                (then (call $proc_exit (i32.const 99)))))
        (else (i32.store8 (local.get $at) (local.get $at))))
      (local.set $at (i32.add (local.get $at) (i32.const 1)))
      (br_if $each (i32.lt_u (local.get $at) (i32.const 131072)))))

  (func $readlink_into (param $buf i32)
    (local $used i32)
    (call $check (call $symlink (i32.const 112) (i32.const 11) (i32.const 3) (i32.const 104) (i32.const 3)))
    (call $pattern (i32.const 0))
    (call $check (call $readlink (i32.const 3) (i32.const 104) (i32.const 3) (local.get $buf) (i32.const 4)
      (i32.const 16)))
    (local.set $used (i32.load (i32.const 16)))
    ;; what readlink wrote is the guest's; copy it out, then put the pattern back where it lay
    (memory.copy (i32.const 65536) (local.get $buf) (local.get $used))
    (if (i32.ge_u (local.get $buf) (i32.const 122880))
      (then (i32.store (local.get $buf) (i32.const 0xfffefdfc))))
    (call $pattern (i32.const 1))
    (call $write (i32.const 1) (i32.const 65536) (local.get $used)))

  (func $run (param $op i32)
    (local $fd i32)
    (if (i32.eq (local.get $op) (i32.const 0x72)) ;; 'r'
      (then (call $proc_exit (call $fd_renumber
              (call $open (i32.const 80) (i32.const 1) (i32.const 1) (i64.const 2) (i32.const 0)) (i32.const 50)))))
    (if (i32.eq (local.get $op) (i32.const 0x73)) ;; 's'
      (then (call $proc_exit (call $sock_shutdown (i32.const 1) (i32.const 2)))))
    (if (i32.eq (local.get $op) (i32.const 0x62)) ;; 'b'
      (then (call $proc_exit (call $sock_shutdown (i32.const 50) (i32.const 2)))))
    (if (i32.eq (local.get $op) (i32.const 0x6e)) ;; 'n'
      (then (call $proc_exit (call $prestat_dir_name (i32.const 3) (i32.const 65536) (i32.const 0)))))
    (if (i32.eq (local.get $op) (i32.const 0x70)) ;; 'p'
      (then (call $check (call $prestat_dir_name (i32.const 3) (i32.const 65536) (i32.const 64)))
            (call $write (i32.const 1) (i32.const 65536) (i32.const 64))
            (return)))
    (if (i32.eq (local.get $op) (i32.const 0x6b)) ;; 'k'
      (then (call $readlink_into (i32.const 65536)) (return)))
    (if (i32.eq (local.get $op) (i32.const 0x65)) ;; 'e'
      (then (call $readlink_into (i32.const 131068)) (return)))
    ;; 'a': CREAT|TRUNC; FD_WRITE|FD_SEEK|FD_TELL|FD_FDSTAT_SET_FLAGS|FD_FILESTAT_SET_SIZE; APPEND
    (if (i32.eq (local.get $op) (i32.const 0x61))
      (then (local.set $fd (call $open (i32.const 88) (i32.const 1) (i32.const 9) (i64.const 0x40006c) (i32.const 1)))
            (call $write (local.get $fd) (i32.const 64) (i32.const 2))
            (call $check (call $fd_seek (local.get $fd) (i64.const 0) (i32.const 0) (i32.const 32)))
            (call $write (local.get $fd) (i32.const 64) (i32.const 2))
            (return)))
    (if (i32.eq (local.get $op) (i32.const 0x64)) ;; 'd': DIRECTORY, FD_READ|FD_WRITE
      (then (drop (call $open (i32.const 96) (i32.const 1) (i32.const 2) (i64.const 66) (i32.const 0)))
            (return)))
    (if (i32.eq (local.get $op) (i32.const 0x67)) ;; 'g'
      (then (local.set $fd (call $open (i32.const 80) (i32.const 1) (i32.const 1) (i64.const 66) (i32.const 0)))
            (call $check (call $set_rights (local.get $fd) (i64.const 2) (i64.const 0)))
            (call $proc_exit (call $set_rights (local.get $fd) (i64.const 66) (i64.const 0)))))
    (call $proc_exit (i32.const 2)))

  (func (export "_start")
    (call $check (call $args_sizes_get (i32.const 0) (i32.const 4)))
    (if (i32.or (i32.lt_u (i32.load (i32.const 0)) (i32.const 2))
                (i32.or (i32.gt_u (i32.load (i32.const 0)) (i32.const 256))
                        (i32.gt_u (i32.load (i32.const 4)) (i32.const 8192))))
      (then (call $proc_exit (i32.const 2))))
    (call $check (call $args_get (i32.const 1024) (i32.const 2048)))
    (call $run (i32.load8_u (i32.load (i32.const 1028))))))
