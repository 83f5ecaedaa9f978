#!/usr/bin/env bash
# Continuous backup of the local PostgreSQL with pgBackRest (Debian's `pgbackrest`), and what else a restore needs.
#
#   backup.sh configure DATA   write DATA/pgbackrest.conf from DATA/backup.env (postgres.sh, at every start)
#   backup.sh take DATA [full|incr]   one backup now: pgBackRest's, then the secrets kept in DATA and RabbitMQ's
#                              definitions, encrypted beside it in the repository (scripts/backup.sh)
#   backup.sh schedule DATA    the AppHost's `backup` resource: a full backup when the repository has none or the last is
#                              older than JINGONG_BACKUP_FULL_EVERY seconds, an incremental one every JINGONG_BACKUP_EVERY
#
# DATA is the AppHost's InfraData folder; DATA/backup.env (written by the AppHost) names the repository folder and the
# key file, whose content encrypts everything in the repository (pgBackRest's aes-256-cbc, openssl for the rest). The
# key is kept outside both: losing the data folder or a copy of the repository must not give away the other.
set -euo pipefail
stanza=jingong
as_postgres=(setpriv --reuid=postgres --regid=postgres --init-groups --pdeathsig KILL)

load_settings() {
  data=$(realpath -m "$1")
  [ -s "$data/backup.env" ] || { echo "no backup settings in $data (backup.env): is backup on for this system?" >&2; exit 78; }
  # shellcheck source=/dev/null
  source "$data/backup.env"
  : "${JINGONG_BACKUP_REPO:?repository folder}" "${JINGONG_BACKUP_KEY_FILE:?key file}"
  config=$data/pgbackrest.conf
}

# The repository's key: made once, readable only by its owner (the operator keeps a copy apart, README).
ensure_key() {
  if [ ! -s "$JINGONG_BACKUP_KEY_FILE" ]; then
    mkdir -p "$(dirname "$JINGONG_BACKUP_KEY_FILE")"
    (umask 077 && openssl rand -hex 32 > "$JINGONG_BACKUP_KEY_FILE")
  fi
}

pgbackrest_() {
  "${as_postgres[@]}" env PGPASSWORD="$(cat "$data/postgres.password")" pgbackrest --config="$config" --stanza="$stanza" "$@"
}

configure() {
  load_settings "$1"
  : "${PGPORT:?the port of the server}"
  ensure_key
  install -d -m 700 -o postgres -g postgres "$JINGONG_BACKUP_REPO" "$data/postgres.run" "$data/backup-log"
  (umask 077 && cat > "$config.new" <<EOF
[global]
repo1-path=$JINGONG_BACKUP_REPO
repo1-cipher-type=aes-256-cbc
repo1-cipher-pass=$(cat "$JINGONG_BACKUP_KEY_FILE")
repo1-retention-full=${JINGONG_BACKUP_RETENTION_FULL:-2}
compress-type=lz4
start-fast=y
log-path=$data/backup-log
lock-path=$data/backup-log
log-level-console=warn
log-level-stderr=off
log-level-file=off

[$stanza]
pg1-path=$data/postgres
pg1-port=$PGPORT
pg1-socket-path=$data/postgres.run
EOF
  )
  chown postgres:postgres "$config.new"
  mv "$config.new" "$config"
}

# The secrets kept beside the data (passwords, identity's key secret) and RabbitMQ's definitions as they are now, as
# one encrypted file named after the backup it goes with.
take_extras() {
  local label=$1 work
  work=$(mktemp -d)
  mkdir "$work/secrets"
  find "$data" -maxdepth 1 -type f \( -name '*.password' -o -name '*-secret' \) -exec cp -p {} "$work/secrets/" \;
  local broker=$data/rabbitmq
  if [ -s "$broker/epmd.port" ]; then
    # As the broker's own user, with its cookie, over its private epmd, never starting one of its own (a broker that
    # is stopping has none, and a daemonised epmd would outlive the system).
    if ! setpriv --reuid=rabbitmq --regid=rabbitmq --init-groups env HOME="$broker/home" ERL_EPMD_PORT="$(cat "$broker/epmd.port")" ERL_ZFLAGS="-start_epmd false" \
      /usr/lib/rabbitmq/bin/rabbitmqctl -q -n jingong@localhost export_definitions - > "$work/rabbitmq-definitions.json" 2>"$work/rabbitmqctl.err"; then
      echo "RabbitMQ's definitions were not exported (is the broker up?): $(cat "$work/rabbitmqctl.err")" >&2
      rm -f "$work/rabbitmq-definitions.json"
    fi
  fi
  rm -f "$work/rabbitmqctl.err"
  install -d -m 700 -o postgres -g postgres "$JINGONG_BACKUP_REPO/jingong"
  tar -C "$work" -czf - . | openssl enc -aes-256-cbc -pbkdf2 -salt -pass "file:$JINGONG_BACKUP_KEY_FILE" \
    -out "$JINGONG_BACKUP_REPO/jingong/$label.tar.gz.enc"
  chown postgres:postgres "$JINGONG_BACKUP_REPO/jingong/$label.tar.gz.enc"
  rm -rf "$work"
}

# What the AppHost's health check and restore.sh read: pgBackRest's own account of the repository.
write_info() {
  pgbackrest_ info --output=json > "$data/backup-info.json.new"
  mv "$data/backup-info.json.new" "$data/backup-info.json"
}

take() {
  load_settings "$1"
  local type=${2:-incr}
  [ -s "$config" ] || { echo "$config is missing: start the system with backup on first" >&2; exit 78; }
  pgbackrest_ stanza-create >/dev/null
  pgbackrest_ backup --type="$type"
  local label
  label=$(pgbackrest_ info --output=json | jq -r '.[0].backup[-1].label')
  take_extras "$label"
  # Extras whose backup the retention has expired go with it.
  local kept
  kept=$(pgbackrest_ info --output=json | jq -r '.[0].backup[].label')
  for extra in "$JINGONG_BACKUP_REPO"/jingong/*.tar.gz.enc; do
    grep -qxF "$(basename "$extra" .tar.gz.enc)" <<< "$kept" || rm -f "$extra"
  done
  write_info
  echo "backup $label ($type) finished; repository $(du -sh "$JINGONG_BACKUP_REPO" | cut -f1)"
}

schedule() {
  load_settings "$1"
  local every=${JINGONG_BACKUP_EVERY:-3600} full_every=${JINGONG_BACKUP_FULL_EVERY:-604800}
  # Stopping this resource must not wait out a sleep, nor leave the sleep behind; a backup running is ended with it
  # (pdeathsig) and resumed next time.
  local sleeper=
  trap 'kill "$sleeper" 2>/dev/null; exit 0' TERM INT
  while true; do
    local info last_full last_any now type=
    info=$(pgbackrest_ info --output=json 2>/dev/null || echo '[]')
    last_full=$(jq -r '[.[0].backup[]? | select(.type == "full") | .timestamp.stop] | max // 0' <<< "$info")
    last_any=$(jq -r '[.[0].backup[]? | .timestamp.stop] | max // 0' <<< "$info")
    now=$(date +%s)
    if [ $((now - last_full)) -ge "$full_every" ]; then type=full
    elif [ $((now - last_any)) -ge "$every" ]; then type=incr
    fi
    if [ -n "$type" ]; then
      take "$data" "$type" || echo "the $type backup failed; trying again in a minute" >&2
    fi
    sleep 60 &
    sleeper=$!
    wait "$sleeper" || true
  done
}

command=${1:?configure, take or schedule}
shift
case $command in
  configure) configure "$@" ;;
  take) take "$@" ;;
  schedule) schedule "$@" ;;
  *) echo "unknown command $command" >&2; exit 64 ;;
esac
