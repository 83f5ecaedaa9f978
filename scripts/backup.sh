#!/usr/bin/env bash
# Takes a backup of the running system now (README "Backup and restore"): pgBackRest's incremental one, or a full one
# with --full, with the secrets and RabbitMQ's definitions beside it, into the repository its data folder names.
#
#   scripts/backup.sh                 # the system running on .data
#   scripts/backup.sh --full /path/to/InfraData
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
type=incr
[ "${1:-}" = --full ] && { type=full; shift; }
data=$(realpath -m "${1:-.data}")
# In containers (backup.env names them) the container must be running; locally, the server's private socket open.
grep -qs '^JINGONG_BACKUP_POSTGRES_CONTAINER=' "$data/backup.env" \
  || [ -S "$(ls "$data"/postgres.run/.s.PGSQL.* 2>/dev/null | head -n1)" ] \
  || { echo "no system with backup on is running on $data: start it (scripts/run.sh), then back it up" >&2; exit 1; }
exec bash JinGong.AppHost/Infrastructure/backup.sh take "$data" "$type"
