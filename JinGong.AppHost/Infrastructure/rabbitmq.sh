#!/usr/bin/env bash
# RabbitMQ from the machine's Debian packages, in the foreground, for the AppHost's `messaging`
# resource. DCP passes the AMQP port in RABBITMQ_NODE_PORT; the AppHost passes the data folder,
# the Erlang distribution port and the port of a private epmd, so that several instances (a dev
# AppHost and a test run) never meet and nothing is left daemonised. It runs as the `rabbitmq`
# user, never root; its users and their permissions are the definitions the AppHost wrote into
# the data folder (definitions.json), loaded at every boot, and there is no `guest`.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/supervise.sh"

: "${RABBITMQ_NODE_PORT:?DCP passes the port}" "${JINGONG_RABBITMQ_DATA:?data folder}"
: "${ERL_EPMD_PORT:?epmd port}" "${RABBITMQ_DIST_PORT:?distribution port}"
server=/usr/lib/rabbitmq/bin/rabbitmq-server
if [ ! -x "$server" ] || ! command -v epmd >/dev/null; then
  echo "RabbitMQ is not installed: run 'apt-get install rabbitmq-server' (scripts/install-prerequisites.sh does)" >&2
  exit 78
fi
as_rabbitmq=(setpriv --reuid=rabbitmq --regid=rabbitmq --init-groups)
base=$JINGONG_RABBITMQ_DATA
if [ ! -s "$base/definitions.json" ]; then
  echo "no definitions.json in $base: the AppHost writes the broker's users there before it starts" >&2
  exit 78
fi
# A data folder from before the broker had users of its own still holds `guest`: removed once, below.
[ -d "$base/mnesia" ] && [ ! -e "$base/guest-removed" ] && remove_guest=1 || remove_guest=
mkdir -p "$base/home" "$base/mnesia" "$base/log"
printf '[].\n' > "$base/enabled_plugins"
# A restore (scripts/restore.sh) leaves the queues, exchanges and bindings of the backup beside the users: loaded with
# them at this boot only, so that the first messages resent after a restore find their queues already bound.
rm -rf "$base/definitions.d"
mkdir "$base/definitions.d"
cp "$base/definitions.json" "$base/definitions.d/1-users.json"
if [ -s "$base/restored-definitions.json" ]; then
  mv "$base/restored-definitions.json" "$base/definitions.d/2-restored.json"
  echo "loading the queues, exchanges and bindings of the restored backup"
fi
printf 'load_definitions = %s\n' "$base/definitions.d" > "$base/rabbitmq.conf"
# backup.sh exports the definitions through this node's private epmd.
printf '%s\n' "$ERL_EPMD_PORT" > "$base/epmd.port"
[ -n "$remove_guest" ] || touch "$base/guest-removed"
chown -R rabbitmq:rabbitmq "$base"
chmod 700 "$base"
if ! "${as_rabbitmq[@]}" test -w "$base"; then
  echo "the rabbitmq user cannot reach $base: choose a data folder whose parents it may enter (InfraData)" >&2
  exit 77
fi

export HOME=$base/home                       # the Erlang cookie lives here
export RABBITMQ_MNESIA_BASE=$base/mnesia RABBITMQ_LOG_BASE=$base/log RABBITMQ_LOGS=-
export RABBITMQ_CONFIG_FILE=$base/rabbitmq.conf RABBITMQ_ENABLED_PLUGINS_FILE=$base/enabled_plugins
export RABBITMQ_PID_FILE=$base/rabbitmq.pid RABBITMQ_NODENAME=jingong@localhost
export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
# Exec the Erlang VM in place of the wrapper script (so the stop signal and the parent-death
# signal reach it), without an interactive shell, and without starting a shared epmd.
export RABBITMQ_ALLOW_INPUT=true
# Erlang distribution listens on loopback only, like everything else here.
export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-noinput -start_epmd false -kernel inet_dist_use_interface {127,0,0,1}"
# Every Erlang VM started from here (rabbitmqctl too) uses the private epmd and never starts one: a CLI that finds no
# epmd would daemonise its own, which outlives the system.
export ERL_ZFLAGS="-start_epmd false"

# Erlang writes crash dumps (erl_crash.dump, MnesiaCore.*) to its working directory: keep them with the data.
cd "$base"

reap_stale "$base/epmd.pid" epmd
reap_stale "$RABBITMQ_PID_FILE" beam.smp

setpriv "${with_parent_death[@]}" "${as_rabbitmq[@]:1}" epmd -port "$ERL_EPMD_PORT" -address 127.0.0.1 &
epmd_pid=$!
echo "$epmd_pid" > "$base/epmd.pid"
trap 'kill "$epmd_pid" 2>/dev/null || true' EXIT
# The node registers with epmd as it boots and, told not to start one, fails ("nodistribution") if it is not up yet.
for _ in $(seq 1 100); do
  epmd -port "$ERL_EPMD_PORT" -names >/dev/null 2>&1 && break
  sleep 0.1
done

if [ -n "$remove_guest" ]; then
  (
    ctl=(setpriv "${with_parent_death[@]}" "${as_rabbitmq[@]:1}" /usr/lib/rabbitmq/bin/rabbitmqctl -n "$RABBITMQ_NODENAME" -q)
    # await_startup fails at once while the node is not yet reachable at all: asked again until it is up.
    for _ in $(seq 1 60); do
      "${ctl[@]}" await_startup --timeout 120 >/dev/null 2>&1 && break
      sleep 2
    done
    # Marked done once guest is deleted, or the node answers that there is none.
    if "${ctl[@]}" delete_user guest >/dev/null 2>&1 \
      || { users=$("${ctl[@]}" list_users 2>/dev/null) && ! grep -q '^guest' <<< "$users"; }; then
      touch "$base/guest-removed" && echo "removed the guest user of an older data folder"
    fi
  ) &
  guest_pid=$!
  trap 'kill "$epmd_pid" "$guest_pid" 2>/dev/null || true' EXIT
fi

status=0
supervise TERM setpriv "${with_parent_death[@]}" "${as_rabbitmq[@]:1}" "$server" || status=$?
exit "$status"
