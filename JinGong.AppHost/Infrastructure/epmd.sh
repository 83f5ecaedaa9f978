#!/usr/bin/env bash
# The one epmd of a local RabbitMQ cluster, in the foreground: the three nodes (rabbitmq.sh with
# JINGONG_RABBITMQ_SHARED_EPMD=1) register with it and find each other through it, at ERL_EPMD_PORT, on loopback only.
# It runs as the `rabbitmq` user and, like the nodes, stops with this script: on its stop signal, when its parent goes
# away, and (parent-death signal) when this script is killed outright.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/supervise.sh"

: "${ERL_EPMD_PORT:?epmd port}"
if ! command -v epmd >/dev/null; then
  echo "epmd is not installed: run 'apt-get install rabbitmq-server' (scripts/install-prerequisites.sh does)" >&2
  exit 78
fi
cd /

status=0
supervise TERM setpriv "${with_parent_death[@]}" --reuid=rabbitmq --regid=rabbitmq --init-groups \
  epmd -port "$ERL_EPMD_PORT" -address 127.0.0.1 || status=$?
# epmd has no clean stop of its own: ended by the stop signal (TERM), it has done what was asked of it.
[ "$status" -ne 143 ] || status=0
exit "$status"
