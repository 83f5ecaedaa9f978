#!/usr/bin/env bash
# Deletes the dev AppHost's PostgreSQL and RabbitMQ data (the .data folder, or the InfraData folder given
# as the first argument). Refuses while a running server still uses it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/processes-using.sh
data=$(realpath -m "${1:-.data}")

if [ ! -d "$data" ]; then
  echo "Nothing to wipe: $data does not exist."
  exit 0
fi
if [ -n "$(processes_using "$data")" ]; then
  echo "$data is in use by a running AppHost: stop it first." >&2
  exit 1
fi
rm -rf "$data"
echo "Wiped $data."
