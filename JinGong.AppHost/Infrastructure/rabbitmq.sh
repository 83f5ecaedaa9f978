#!/usr/bin/env bash
# RabbitMQ from the machine's Debian packages, in the foreground, for the AppHost's `messaging`
# resource. DCP passes the AMQP port in RABBITMQ_NODE_PORT; the AppHost passes the data folder,
# the Erlang distribution port and the port of a private epmd, so that several instances (a dev
# AppHost and a test run) never meet and nothing is left daemonised. It runs as the `rabbitmq`
# user, never root; its users and their permissions are the definitions the AppHost wrote into
# the data folder (definitions.json), loaded at every boot, and there is no `guest`.
#
# The same script runs one node of a local three-node cluster when given (all optional; without them nothing changes):
#   JINGONG_RABBITMQ_NODENAME    this node's name (default jingong@localhost), e.g. jingong-2@localhost
#   JINGONG_RABBITMQ_COOKIE      the Erlang cookie all the nodes share, written to $HOME/.erlang.cookie
#   JINGONG_RABBITMQ_SHARED_EPMD=1  the epmd at ERL_EPMD_PORT is the cluster's (epmd.sh), not started here
#   JINGONG_RABBITMQ_JOIN        the node to join at this node's first boot, e.g. jingong-1@localhost
# A node with JINGONG_RABBITMQ_SHARED_EPMD=1 or JINGONG_RABBITMQ_JOIN is in cluster mode, which needs the cookie.
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
node=${JINGONG_RABBITMQ_NODENAME:-jingong@localhost}
seed=${JINGONG_RABBITMQ_JOIN:-}
shared_epmd=${JINGONG_RABBITMQ_SHARED_EPMD:-}
[ "$shared_epmd" = 1 ] || [ -n "$seed" ] && cluster=1 || cluster=
if [ -n "$cluster" ] && [ -z "${JINGONG_RABBITMQ_COOKIE:-}" ]; then
  echo "$node is a cluster node (JINGONG_RABBITMQ_SHARED_EPMD or JINGONG_RABBITMQ_JOIN) without JINGONG_RABBITMQ_COOKIE" >&2
  exit 78
fi
if [ "$seed" = "$node" ]; then
  echo "$node cannot join itself (JINGONG_RABBITMQ_JOIN)" >&2
  exit 78
fi
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
if [ -n "$cluster" ]; then
  # A node cut off from the other two stops serving rather than diverging from them. A node that restarts while all
  # its peers are down waits for them at boot, then fails ("Timeout contacting cluster nodes"): RabbitMQ 3.10 waits
  # twice (for the quorum_queue feature flag, then for its own tables), so 2 x 5 x 30 s, about five minutes in all
  # (RabbitMQ's default, 10 x 30 s, is ten).
  cat >> "$base/rabbitmq.conf" <<'CONF'
cluster_partition_handling = pause_minority
mnesia_table_loading_retry_timeout = 30000
mnesia_table_loading_retry_limit = 5
CONF
fi
# The nodes of a cluster share their cookie: the AppHost's, replacing the one Erlang made up for a lone node.
if [ -n "${JINGONG_RABBITMQ_COOKIE:-}" ]; then
  rm -f "$base/home/.erlang.cookie"
  (umask 077 && printf '%s' "$JINGONG_RABBITMQ_COOKIE" > "$base/home/.erlang.cookie")
  chmod 400 "$base/home/.erlang.cookie"
fi
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
export RABBITMQ_PID_FILE=$base/rabbitmq.pid RABBITMQ_NODENAME=$node
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

# Started here and ended with this script: the private epmd, and what is done once the node is up.
children=()
trap '[ ${#children[@]} -eq 0 ] || kill "${children[@]}" 2>/dev/null || true' EXIT
if [ "$shared_epmd" = 1 ]; then
  # The cluster's epmd is epmd.sh's, never ours to reap or stop.
  rm -f "$base/epmd.pid"
else
  reap_stale "$base/epmd.pid" epmd
fi
reap_stale "$RABBITMQ_PID_FILE" beam.smp

if [ "$shared_epmd" != 1 ]; then
  setpriv "${with_parent_death[@]}" "${as_rabbitmq[@]:1}" epmd -port "$ERL_EPMD_PORT" -address 127.0.0.1 &
  children+=($!)
  echo "$!" > "$base/epmd.pid"
fi
# The node registers with epmd as it boots and, told not to start one, fails ("nodistribution") if it is not up yet.
for _ in $(seq 1 100); do
  epmd -port "$ERL_EPMD_PORT" -names >/dev/null 2>&1 && break
  sleep 0.1
done
if [ "$shared_epmd" = 1 ] && ! epmd -port "$ERL_EPMD_PORT" -names >/dev/null 2>&1; then
  echo "no epmd answers on port $ERL_EPMD_PORT: the cluster's epmd (epmd.sh) starts before its nodes" >&2
  exit 69
fi

# A node told to join a cluster does so once, at the first boot of its data folder (cluster-joined marks it done): it
# then belongs to the cluster by its own data, and finds the others again by itself whenever it or they restart.
[ -n "$seed" ] && [ ! -e "$base/cluster-joined" ] && join=1 || join=
rm -f "$base/join-failed"
if [ -n "$remove_guest" ] || [ -n "$join" ]; then
  (
    cli=(setpriv "${with_parent_death[@]}" "${as_rabbitmq[@]:1}" /usr/lib/rabbitmq/bin/rabbitmqctl -q)
    ctl=("${cli[@]}" -n "$RABBITMQ_NODENAME")
    await_node() {
      # await_startup fails at once while the node is not yet reachable at all: asked again until it is up.
      for _ in $(seq 1 60); do
        kill -0 "$$" 2>/dev/null || exit 0
        "${ctl[@]}" await_startup --timeout 120 >/dev/null 2>&1 && return 0
        sleep 2
      done
      return 1
    }
    await_node || true
    if [ -n "$join" ]; then
      if [ "$("${ctl[@]}" eval "lists:member('$seed', rabbit_mnesia:cluster_nodes(all))." 2>/dev/null)" = true ]; then
        touch "$base/cluster-joined" && echo "$RABBITMQ_NODENAME is already in the cluster of $seed"
      else
        echo "$RABBITMQ_NODENAME joins the cluster of $seed (its own data is replaced by the cluster's)"
        "${ctl[@]}" stop_app || true
        # The seed may still be starting: asked again for about two minutes.
        joined= deadline=$((SECONDS + 120)) said=
        while kill -0 "$$" 2>/dev/null; do
          if out=$("${ctl[@]}" join_cluster "$seed" 2>&1); then
            joined=1
            break
          fi
          if [ "$SECONDS" -ge "$deadline" ]; then break; fi
          # A cluster that still counts this node from an earlier data folder (since deleted) forgets that one first.
          if grep -q "thinks it's clustered with node '$RABBITMQ_NODENAME'" <<< "$out"; then
            echo "$seed still counts an earlier $RABBITMQ_NODENAME, whose data folder is gone: the cluster forgets it"
            "${cli[@]}" -n "$seed" forget_cluster_node "$RABBITMQ_NODENAME" || true
            sleep 1
            continue
          fi
          # The CLI's first line, and epmd's word on the seed when it has one ("not running at all"); said once.
          why=$(awk 'NF { l = l (n++ ? " " : "") $0; if (length(l) > 10) exit } END { print l }' <<< "$out" \
            | sed 's/^[0-9:.]* \[[a-z]*\] //' | cut -c1-200 || true)
          why="$why$(grep -m1 -o "epmd reports: .*" <<< "$out" | sed 's/^/ (/; s/ *$/)/' || true)"
          [ "$why" = "$said" ] || echo "$RABBITMQ_NODENAME cannot join $seed yet, trying again for two minutes: $why"
          said=$why
          sleep 3
        done
        kill -0 "$$" 2>/dev/null || exit 0
        if [ -z "$joined" ]; then
          # Not a broker of its own beside the cluster: stopped, and so this script ends in failure (below).
          touch "$base/join-failed"
          echo "$RABBITMQ_NODENAME could not join $seed within two minutes: it stops, and joins at its next start" >&2
          "${ctl[@]}" stop >/dev/null 2>&1 || kill -TERM "$$"
          exit 0
        fi
        "${ctl[@]}" start_app || echo "$RABBITMQ_NODENAME did not start again after joining" >&2
        touch "$base/cluster-joined" && echo "$RABBITMQ_NODENAME joined the cluster of $seed"
        await_node || true
      fi
    fi
    # Marked done once guest is deleted, or the node answers that there is none.
    if [ -n "$remove_guest" ]; then
      if "${ctl[@]}" delete_user guest >/dev/null 2>&1 \
        || { users=$("${ctl[@]}" list_users 2>/dev/null) && ! grep -q '^guest' <<< "$users"; }; then
        touch "$base/guest-removed" && echo "removed the guest user of an older data folder"
      fi
    fi
  ) &
  children+=($!)
fi

status=0
supervise TERM setpriv "${with_parent_death[@]}" "${as_rabbitmq[@]:1}" "$server" || status=$?
if [ -e "$base/join-failed" ]; then
  rm -f "$base/join-failed"
  exit 75
fi
exit "$status"
