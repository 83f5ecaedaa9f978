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
#            --containers   the system runs in containers (Infra=containers; found from DIR/backup.env when it says so):
#                         PostgreSQL's volume jingong-postgres is restored, the old one's content kept in a volume beside
#                         it, and the AppHost's user secrets are those of the backup
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/processes-using.sh
infrastructure=$PWD/JinGong.AppHost/Infrastructure

target= into=.data from= key=$HOME/.config/jingong/backup.key window=10 start=1 containers=
while [ $# -gt 0 ]; do
  case $1 in
    --to) target=$2; shift 2 ;;
    --latest) target=latest; shift ;;
    --into) into=$2; shift 2 ;;
    --from) from=$2; shift 2 ;;
    --key) key=$2; shift 2 ;;
    --resend-window) window=$2; shift 2 ;;
    --no-start) start=; shift ;;
    --containers) containers=1; shift ;;
    --) shift; break ;;
    *) echo "unknown option $1 (see the top of $0)" >&2; exit 64 ;;
  esac
done
[ -n "$target" ] || { echo "say what to restore to: --to \"<time>\" or --latest" >&2; exit 64; }
into=$(realpath -m "$into")
from=$(realpath -m "${from:-$into.backup}")
key=$(realpath -m "$key")
grep -qs '^JINGONG_BACKUP_POSTGRES_CONTAINER=' "$into/backup.env" && containers=1
# A containers-mode repository belongs to the container's postgres user: only the container reads it.
[ -n "$containers" ] || [ -d "$from/backup" ] || { echo "no pgBackRest repository at $from (--from)" >&2; exit 66; }
[ -s "$key" ] || { echo "the repository's key $key is missing (--key): without it nothing in the repository can be read" >&2; exit 66; }
case $window in ''|*[!0-9]*) echo "--resend-window takes whole minutes, not '$window'" >&2; exit 64 ;; esac

work=$(mktemp -d)
chmod 755 "$work"
stamp=$(date +%Y%m%d-%H%M%S)
if [ -n "$containers" ]; then
  docker info >/dev/null 2>&1 || { echo "no container engine answers: a containers-mode restore needs one" >&2; exit 69; }
  volume=jingong-postgres recovery=jingong-postgres-recovery
  secrets_file=$HOME/.microsoft/usersecrets/jingong-apphost/secrets.json
  # The AppHost's own image: PostgreSQL with pgBackRest, configured by its environment.
  image=jingong-postgres-backup:restore
  docker build -q -t "$image" -f "$infrastructure/postgres-backup.Dockerfile" "$infrastructure" >/dev/null
  pass=(-e "PGBACKREST_REPO1_CIPHER_PASS=$(cat "$key")")
  in_use() { docker ps -q --filter "name=^/($volume|$recovery)\$" | grep -q .; }
  from_repository() { docker run --rm -u postgres -v "$from:/var/lib/pgbackrest" "${pass[@]}" --entrypoint pgbackrest "$image" --stanza=jingong "$@"; }
  repository_file() { docker run --rm -u postgres -v "$from:/var/lib/pgbackrest" --entrypoint sh "$image" -c "cat /var/lib/pgbackrest/$1 2>/dev/null"; }
  move_aside() {
    docker volume inspect "$volume" >/dev/null 2>&1 || return 0
    docker volume create "$volume.before-restore-$stamp" >/dev/null
    docker run --rm -v "$volume:/from" -v "$volume.before-restore-$stamp:/to" --entrypoint sh "$image" \
      -c 'cp -a /from/. /to/ && find /from -mindepth 1 -delete'
    echo "kept the stopped system's PostgreSQL volume as $volume.before-restore-$stamp"
  }
  restore_into() {
    # shellcheck disable=SC2016 # expanded in the container
    docker run --rm -u postgres -v "$volume:/var/lib/postgresql" -v "$from:/var/lib/pgbackrest" "${pass[@]}" --entrypoint sh "$image" \
      -c 'mkdir -p -m 700 "$PGDATA" && exec pgbackrest --stanza=jingong restore "$@"' restore "$@"
  }
  # The AppHost keeps its generated passwords in its user secrets: the backup's come back there.
  restore_secrets() {
    [ -s "$1/secrets.json" ] || return 0
    if [ -e "$secrets_file" ]; then mv "$secrets_file" "$secrets_file.before-restore-$stamp"; fi
    install -d -m 700 "$(dirname "$secrets_file")"
    cp -p "$1/secrets.json" "$secrets_file"
  }
  # The broker's volume is not restored: its queues are still there. Its definitions are kept for a broker rebuilt empty.
  restore_definitions() {
    install -d "$into"
    cp "$1" "$into/restored-rabbitmq-definitions.json"
    echo "RabbitMQ's definitions of that backup are in $into/restored-rabbitmq-definitions.json; a broker rebuilt empty takes them with: docker exec -i jingong-rabbitmq rabbitmqctl import_definitions - < $into/restored-rabbitmq-definitions.json"
  }
  start_recovery() {
    server=$recovery
    docker run -d --name "$recovery" -v "$volume:/var/lib/postgresql" -v "$from:/var/lib/pgbackrest" "${pass[@]}" "$image" \
      -c listen_addresses= -c max_connections=300 -c archive_mode=on -c 'archive_command=pgbackrest archive-push %p' >/dev/null
    password=$(jq -r '."Parameters:postgres-password"' "$secrets_file")
  }
  sql() { docker exec -e PGPASSWORD="$password" "$recovery" psql -U postgres -X -q -A -t -v ON_ERROR_STOP=1 "$@"; }
  stop_recovery() { docker stop -t 3600 "$recovery" >/dev/null && docker rm "$recovery" >/dev/null; }
  data_size() { docker run --rm -v "$volume:/data" --entrypoint du "$image" -sh /data | cut -f1; }
  start_system() { exec scripts/run.sh --Infra=containers "--InfraData=$into" "--Backup:Repository=$from" "--Backup:KeyFile=$key" "$@"; }
else
  scripts/install-prerequisites.sh
  # This script (its subshells too) and those who started it name the folder in their command lines: they are not a
  # system running on it.
  ancestors=" $$ " pid=$$
  while [ "$pid" -gt 1 ]; do pid=$(awk '{print $4}' "/proc/$pid/stat"); ancestors+="$pid "; done
  own=$(tr '\0' ' ' < /proc/$$/cmdline)
  in_use() {
    local pid command_line
    for pid in $(processes_using "$into"); do
      [[ $ancestors == *" $pid "* ]] && continue
      command_line=$(tr '\0' ' ' 2>/dev/null < "/proc/$pid/cmdline") || continue # ended since
      [ "$command_line" = "$own" ] && continue
      return 0
    done
    return 1
  }
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
  chown postgres:postgres "$source_config"
  chmod 600 "$source_config"
  as_postgres=(setpriv --reuid=postgres --regid=postgres --init-groups)
  from_repository() { "${as_postgres[@]}" pgbackrest --config="$source_config" --stanza=jingong "$@"; }
  repository_file() { cat "$from/$1" 2>/dev/null; }
  move_aside() {
    [ -e "$into" ] || return 0
    mv "$into" "$into.before-restore-$stamp"
    echo "moved the stopped system's data folder aside to $into.before-restore-$stamp"
  }
  restore_into() {
    install -d -m 755 "$into"
    install -d -m 700 -o postgres -g postgres "$into/postgres"
    from_repository --pg1-path="$into/postgres" restore "$@"
  }
  restore_secrets() { cp -p "$1/"* "$into/"; }
  # Loaded at the broker's first boot (rabbitmq.sh), so that messages published again find their queues; the users come
  # from the AppHost.
  restore_definitions() {
    install -d -m 700 "$into/rabbitmq"
    jq 'del(.users, .permissions, .topic_permissions)' "$1" > "$into/rabbitmq/restored-definitions.json"
  }
  # The promotion's new timeline is archived into the repository the restored system backs up to (beside its data).
  start_recovery() {
    cat > "$into/backup.env" <<EOF
JINGONG_BACKUP_REPO='$into.backup'
JINGONG_BACKUP_KEY_FILE='$key'
EOF
    PGPORT=5432 bash "$infrastructure/backup.sh" configure "$into"
    server=$(find /usr/lib/postgresql -maxdepth 2 -name bin -type d | sort -V | tail -n1)
    "${as_postgres[@]}" "$server/pg_ctl" -D "$into/postgres" -l "$into/backup-log/restore.log" -w -t 3600 \
      -o "-p 5432 -c listen_addresses= -c unix_socket_directories=$into/postgres.run -c max_connections=300 -c archive_mode=on -c archive_command='pgbackrest --config=$into/pgbackrest.conf --stanza=jingong archive-push %p'" \
      start >/dev/null || { echo "recovery failed; PostgreSQL wrote:" >&2; tail -n 20 "$into/backup-log/restore.log" >&2; exit 1; }
    password=$(cat "$into/postgres.password")
  }
  sql() { PGPASSWORD=$password psql -h "$into/postgres.run" -p 5432 -U postgres -X -q -A -t -v ON_ERROR_STOP=1 "$@"; }
  stop_recovery() { "${as_postgres[@]}" "$server/pg_ctl" -D "$into/postgres" -m fast -w stop >/dev/null; }
  data_size() { du -sh "$into/postgres" | cut -f1; }
  start_system() { exec scripts/run.sh --Infra=local "--InfraData=$into" "--Backup:Repository=$into.backup" "--Backup:KeyFile=$key" "$@"; }
fi

server=
cleanup() {
  if [ -n "$server" ]; then
    if [ -n "$containers" ]; then docker rm -f "$server" >/dev/null 2>&1; else "${as_postgres[@]}" "$server/pg_ctl" -D "$into/postgres" -m immediate stop >/dev/null 2>&1; fi
  fi
  rm -rf "$work"
}
trap cleanup EXIT

if in_use; then
  echo "$into is in use by a running system: stop it first (a restore never overwrites a running system's data)." >&2
  exit 1
fi

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

move_aside
began=$(date +%s%N)
echo "restoring from backup $label to ${target}..."
restore_into "${type[@]}"

# The secrets of that backup (passwords; identity's key secret, without which its keys cannot be read) and RabbitMQ's
# queues, exchanges and bindings.
extras=jingong/$label.tar.gz.enc
if repository_file "$extras" > "$work/extras.tar.gz.enc" && [ -s "$work/extras.tar.gz.enc" ]; then
  mkdir "$work/extras"
  openssl enc -d -aes-256-cbc -pbkdf2 -pass "file:$key" -in "$work/extras.tar.gz.enc" | tar -C "$work/extras" -xzf -
  restore_secrets "$work/extras/secrets"
  if [ -s "$work/extras/rabbitmq-definitions.json" ]; then restore_definitions "$work/extras/rabbitmq-definitions.json"; fi
else
  echo "warning: $from/$extras is missing: the secrets and broker definitions of backup $label are not restored" >&2
fi

# Recovery runs here, once, unreachable from outside and with as many connections as the server had (replay needs no
# fewer): the system starts on a promoted server, never on one still replaying.
start_recovery
until [ "$(sql -d postgres -c 'SELECT pg_is_in_recovery()' 2>/dev/null)" = f ]; do sleep 0.5; done
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
stop_recovery
server=

printf 'restored to %s from backup %s in %d.%03d s (%s of data); events of the last %s minutes before it are published again\n' \
  "$target" "$label" $((took / 1000)) $((took % 1000)) "$(data_size)" "$window"
if [ -n "$start" ]; then
  start_system "$@"
fi
