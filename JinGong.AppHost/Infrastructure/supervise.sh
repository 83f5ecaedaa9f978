# shellcheck shell=bash
# Sourced by postgres.sh and rabbitmq.sh. DCP runs those scripts as Aspire executables; this keeps
# the servers they start from outliving the system, however it ends:
#  - DCP's stop (SIGTERM/SIGINT) becomes the server's own clean, fast shutdown signal;
#  - when our parent (DCP) disappears without stopping us, the server is stopped all the same;
#  - a server that does not stop within a few seconds is killed;
#  - if this script itself is killed outright, the kernel kills the server (setpriv --pdeathsig:
#    bash is single-threaded, so the parent-death signal is tied to this very process).

# Usage: supervise STOP_SIGNAL COMMAND [ARGS...]
# COMMAND must arrange its own parent-death signal (see $with_parent_death), because changing
# user with setpriv clears it and so it has to be set in the same setpriv call.
supervise() {
  local stop_signal=$1 parent=$PPID deadline=
  shift
  "$@" &
  local child=$!
  request_stop() {
    if [ -z "$deadline" ]; then
      kill -s "$stop_signal" "$child" 2>/dev/null || true
      deadline=$((SECONDS + 8))
    fi
  }
  trap request_stop TERM INT
  while kill -0 "$child" 2>/dev/null; do
    if ! kill -0 "$parent" 2>/dev/null; then
      echo "supervise: parent process $parent is gone, stopping $1" >&2
      request_stop
    fi
    if [ -n "$deadline" ] && [ "$SECONDS" -ge "$deadline" ]; then
      echo "supervise: $1 did not stop in time, killing it" >&2
      kill -KILL "$child" 2>/dev/null || true
    fi
    sleep 0.5 &
    wait $! 2>/dev/null || true
  done
  local status=0
  wait "$child" 2>/dev/null || status=$?
  trap - TERM INT
  return "$status"
}

# Ends a server left behind by an earlier run that died without cleaning up, found by its PID file.
# Usage: reap_stale PID_FILE PROCESS_NAME
reap_stale() {
  local pid_file=$1 name=$2 pid
  [ -s "$pid_file" ] || return 0
  pid=$(head -n1 "$pid_file" | tr -dc '0-9')
  if [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$name" ]; then
    echo "reaping $name (pid $pid) left behind by an earlier run" >&2
    kill -KILL "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  fi
  return 0
}

with_parent_death=(--pdeathsig KILL)
