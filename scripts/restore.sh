#!/usr/bin/env bash
# Restores the system's PostgreSQL to a moment (or to the last one archived) from the pgBackRest repository into a fresh
# data folder, with the secrets and RabbitMQ's definitions of the backup it starts from, then starts the system on it
# (README "Backup and restore"). Never overwrites a running system's data; a stopped one's folder is moved aside.
#
#   scripts/restore.sh --to "2026-12-03 14:05:00+08"   # any moment since the oldest backup (PostgreSQL's time syntax)
#   scripts/restore.sh --latest                       # everything the repository holds
#   options: --into DIR   the data folder to restore into (default .data; the system's InfraData)
#            --from DIR   the repository (default DIR.backup, beside the data folder)
#            --key FILE   the repository's key (default ~/.config/jingong/backup.key)
#            --resend-window MINUTES   events recorded this long before the restored moment are published again (10)
#            --no-start   restore only; anything after -- goes to the AppHost (scripts/run.sh)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/processes-using.sh
infrastructure=$PWD/JinGong.AppHost/Infrastructure

target= into=.data from= key=$HOME/.config/jingong/backup.key window=10 start=1
while [ $# -gt 0 ]; do
  case $1 in
    --to) target=$2; shift 2 ;;
    --latest) target=latest; shift ;;
    --into) into=$2; shift 2 ;;
    --from) from=$2; shift 2 ;;
    --key) key=$2; shift 2 ;;
    --resend-window) window=$2; shift 2 ;;
    --no-start) start=; shift ;;
    --) shift; break ;;
    *) echo "unknown option $1 (see the top of $0)" >&2; exit 64 ;;
  esac
done
[ -n "$target" ] || { echo "say what to restore to: --to \"<time>\" or --latest" >&2; exit 64; }
into=$(realpath -m "$into")
from=$(realpath -m "${from:-$into.backup}")
key=$(realpath -m "$key")
[ -d "$from/backup" ] || { echo "no pgBackRest repository at $from (--from)" >&2; exit 66; }
[ -s "$key" ] || { echo "the repository's key $key is missing (--key): without it nothing in the repository can be read" >&2; exit 66; }
case $window in ''|*[!0-9]*) echo "--resend-window takes whole minutes, not '$window'" >&2; exit 64 ;; esac

scripts/install-prerequisites.sh

# This script (its subshells too) and those who started it name the folder in their command lines: they are not a
# system running on it.
ancestors=" $$ " pid=$$
while [ "$pid" -gt 1 ]; do pid=$(awk '{print $4}' "/proc/$pid/stat"); ancestors+="$pid "; done
own=$(tr '\0' ' ' < /proc/$$/cmdline)
running=()
for pid in $(processes_using "$into"); do
  [[ $ancestors == *" $pid "* ]] && continue
  command_line=$(tr '\0' ' ' 2>/dev/null < "/proc/$pid/cmdline") || continue # ended since
  [ "$command_line" = "$own" ] && continue
  running+=("$pid")
done
if [ ${#running[@]} -gt 0 ]; then
  echo "$into is in use by a running system: stop it first (a restore never overwrites a running system's data)." >&2
  exit 1
fi

work=$(mktemp -d)
server=
cleanup() {
  [ -n "$server" ] && setpriv --reuid=postgres --regid=postgres --init-groups "$server/pg_ctl" -D "$into/postgres" -m immediate stop >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT

# The source repository, read with its own key.
source_config=$work/source.conf
cat > "$source_config" <<EOF
[global]
repo1-path=$from
repo1-cipher-type=aes-256-cbc
repo1-cipher-pass=$(cat "$key")
log-level-console=warn
log-level-file=off
lock-path=$work
EOF
chmod 755 "$work"
chown postgres:postgres "$source_config"
chmod 600 "$source_config"
from_repository() { setpriv --reuid=postgres --regid=postgres --init-groups pgbackrest --config="$source_config" --stanza=jingong "$@"; }

info=$(from_repository info --output=json)
oldest=$(jq -r '[.[0].backup[].timestamp.stop] | min // empty' <<< "$info")
[ -n "$oldest" ] || { echo "the repository at $from holds no backup" >&2; exit 66; }
if [ "$target" = latest ]; then
  target_epoch=$(date +%s)
  type=(--type=default)
else
  target_epoch=$(date -d "$target" +%s) || { echo "'$target' is not a time (e.g. \"2026-12-03 14:05:00+08\")" >&2; exit 64; }
  if [ "$target_epoch" -lt "$oldest" ]; then
    echo "the oldest moment the repository can restore to is $(date -d "@$oldest" '+%F %T%z'); $target is before it" >&2
    exit 1
  fi
  type=(--type=time "--target=$target" --target-action=promote)
fi
# The backup a restore to that moment starts from: the newest one finished by then, as pgBackRest chooses it.
label=$(jq -r --argjson at "$target_epoch" '[.[0].backup[] | select(.timestamp.stop <= $at)] | last | .label' <<< "$info")

if [ -e "$into" ]; then
  aside="$into.before-restore-$(date +%Y%m%d-%H%M%S)"
  mv "$into" "$aside"
  echo "moved the stopped system's data folder aside to $aside"
fi
install -d -m 755 "$into"
install -d -m 700 -o postgres -g postgres "$into/postgres"

began=$(date +%s%N)
echo "restoring from backup $label to ${target}..."
from_repository --pg1-path="$into/postgres" restore "${type[@]}"

# The secrets of that backup (passwords; identity's key secret, without which its keys cannot be read) and RabbitMQ's
# queues, exchanges and bindings, loaded at the broker's first boot (rabbitmq.sh): the users come from the AppHost.
extras=$from/jingong/$label.tar.gz.enc
if [ -s "$extras" ]; then
  mkdir "$work/extras"
  openssl enc -d -aes-256-cbc -pbkdf2 -pass "file:$key" -in "$extras" | tar -C "$work/extras" -xzf -
  cp -p "$work/extras/secrets/"* "$into/"
  if [ -s "$work/extras/rabbitmq-definitions.json" ]; then
    install -d -m 700 "$into/rabbitmq"
    jq 'del(.users, .permissions, .topic_permissions)' "$work/extras/rabbitmq-definitions.json" > "$into/rabbitmq/restored-definitions.json"
  fi
else
  echo "warning: $extras is missing: the secrets and broker definitions of backup $label are not restored" >&2
fi

# Recovery runs here, once, on a private socket (as many connections as postgres.sh allows: replay needs no fewer than
# the server had): the system starts on a promoted server, never on one still replaying.
# The promotion's new timeline is archived into the repository the restored system backs up to (beside its data).
cat > "$into/backup.env" <<EOF
JINGONG_BACKUP_REPO='$into.backup'
JINGONG_BACKUP_KEY_FILE='$key'
EOF
PGPORT=5432 bash "$infrastructure/backup.sh" configure "$into"
server=$(find /usr/lib/postgresql -maxdepth 2 -name bin -type d | sort -V | tail -n1)
setpriv --reuid=postgres --regid=postgres --init-groups "$server/pg_ctl" -D "$into/postgres" -l "$into/backup-log/restore.log" -w -t 3600 \
  -o "-p 5432 -c listen_addresses= -c unix_socket_directories=$into/postgres.run -c max_connections=300 -c archive_mode=on -c archive_command='pgbackrest --config=$into/pgbackrest.conf --stanza=jingong archive-push %p'" \
  start >/dev/null || { echo "recovery failed; PostgreSQL wrote:" >&2; tail -n 20 "$into/backup-log/restore.log" >&2; exit 1; }
export PGPASSWORD
PGPASSWORD=$(cat "$into/postgres.password")
sql() { psql -h "$into/postgres.run" -p 5432 -U postgres -X -q -A -t -v ON_ERROR_STOP=1 "$@"; }
until [ "$(sql -d postgres -c 'SELECT pg_is_in_recovery()')" = f ]; do sleep 0.5; done
took=$(( ($(date +%s%N) - began) / 1000000 ))
sql -d postgres -c "ALTER SYSTEM RESET restore_command" -c "ALTER SYSTEM RESET recovery_target_time" -c "ALTER SYSTEM RESET recovery_target_action"

# Messages in flight at the restored moment (published, not yet applied) are gone with the old broker: each service's
# publisher goes back to the events recorded in the window before its last one and publishes them again. Consumers
# recognise what they had applied by the messages' ids (their records came back from the same moment) and skip it.
# Marten starts a shard without a progress row from the first event; one left at 0 it would try to insert again.
for database in $(sql -d postgres -c "SELECT datname FROM pg_database WHERE datname LIKE '%db'"); do
  [ "$(sql -d "$database" -c "SELECT to_regclass('mt_event_progression') IS NOT NULL")" = t ] || continue
  sql -d "$database" -c "
    CREATE TEMPORARY TABLE resend_from AS SELECT coalesce(max(seq_id), 0) AS seq FROM mt_events
      WHERE timestamp < (SELECT max(timestamp) FROM mt_events) - interval '$window minutes';
    DELETE FROM mt_event_progression WHERE name LIKE 'integration-events%' AND (SELECT seq FROM resend_from) = 0;
    UPDATE mt_event_progression SET last_seq_id = resend_from.seq FROM resend_from
      WHERE name LIKE 'integration-events%' AND last_seq_id > resend_from.seq;"
done
sql -d postgres -c CHECKPOINT
setpriv --reuid=postgres --regid=postgres --init-groups "$server/pg_ctl" -D "$into/postgres" -m fast -w stop >/dev/null
server=

printf 'restored to %s from backup %s in %d.%03d s (%s of data); events of the last %s minutes before it are published again\n' \
  "$target" "$label" $((took / 1000)) $((took % 1000)) "$(du -sh "$into/postgres" | cut -f1)" "$window"
if [ -n "$start" ]; then
  exec scripts/run.sh --Infra=local "--InfraData=$into" "--Backup:Repository=$into.backup" "--Backup:KeyFile=$key" "$@"
fi
