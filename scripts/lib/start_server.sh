# start_server DIR COMMAND...: start a server that prints "port N" as its first line, in the
# background, and block until it has (on a fifo: no sleeping, no polling). Sets $pid and $port.
# Its standard error goes to DIR/server.err. A server that exits or prints something else first:
# says so with its standard error, and the script exits 1.
# Sourced by the test and benchmark scripts that start echo-server, http-server and the like.
start_server() {
  start_server_dir=$1
  shift
  rm -f "$start_server_dir/port.fifo"
  mkfifo "$start_server_dir/port.fifo"
  "$@" > "$start_server_dir/port.fifo" 2> "$start_server_dir/server.err" &
  pid=$!
  # fd 3 stays open: a server that prints more later must not get SIGPIPE.
  exec 3< "$start_server_dir/port.fifo"
  read -r start_server_word port <&3 || true
  if [ "${start_server_word:-}" != port ] || [ -z "${port:-}" ]; then
    echo "$(basename "$1") printed no port line; its standard error:" >&2
    cat "$start_server_dir/server.err" >&2
    kill "$pid" 2>/dev/null
    exit 1
  fi
}
