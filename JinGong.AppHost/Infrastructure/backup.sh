#!/usr/bin/env bash
# Continuous backup of PostgreSQL with pgBackRest, and what else a restore needs, in either infrastructure mode.
#
#   backup.sh configure DATA   write DATA/pgbackrest.conf from DATA/backup.env (postgres.sh, at every local start)
#   backup.sh take DATA [full|incr]   one backup now: pgBackRest's, then the secrets and RabbitMQ's definitions,
#                              encrypted beside it in the repository (scripts/backup.sh)
#   backup.sh schedule DATA    the AppHost's `backup` resource: a full backup when the repository has none or the last is
#                              older than JINGONG_BACKUP_FULL_EVERY seconds, an incremental one every JINGONG_BACKUP_EVERY
#
# DATA is the AppHost's InfraData folder; DATA/backup.env (written by the AppHost) names the repository folder and the
# key file, whose content encrypts everything in the repository (pgBackRest's aes-256-cbc, openssl for the rest). The
# key is kept outside both: losing the data folder or a copy of the repository must not give away the other. When it
# also names containers (Infra=containers), pgBackRest runs in PostgreSQL's container (postgres-backup.Dockerfile,
# configured by its environment), the secrets are the AppHost's user secrets and the broker is reached with
# `docker exec`; locally, Debian's pgBackRest runs as the postgres user with DATA/pgbackrest.conf.
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
  if [ -n "${JINGONG_BACKUP_POSTGRES_CONTAINER:-}" ]; then
    pgbackrest_() { docker exec -u postgres "$JINGONG_BACKUP_POSTGRES_CONTAINER" pgbackrest --stanza="$stanza" "$@"; }
    # A shell command run in the repository's jingong folder as its owner, with this one's standard input.
    in_repository() {
      docker exec -i -u postgres "$JINGONG_BACKUP_POSTGRES_CONTAINER" sh -c "mkdir -p /var/lib/pgbackrest/jingong && cd /var/lib/pgbackrest/jingong && $1"
    }
    secrets() { cp -p "$JINGONG_BACKUP_SECRETS_FILE" "$1/"; }
    rabbitmqctl_() { docker exec "$JINGONG_BACKUP_BROKER_CONTAINER" rabbitmqctl -q "$@"; }
  else
    pgbackrest_() {
      "${as_postgres[@]}" env PGPASSWORD="$(cat "$data/postgres.password")" pgbackrest --config="$config" --stanza="$stanza" "$@"
    }
    in_repository() {
      install -d -m 700 -o postgres -g postgres "$JINGONG_BACKUP_REPO/jingong"
      "${as_postgres[@]}" sh -c "cd '$JINGONG_BACKUP_REPO/jingong' && $1"
    }
    secrets() { find "$data" -maxdepth 1 -type f \( -name '*.password' -o -name '*-secret' \) -exec cp -p {} "$1/" \;; }
    # As the broker's own user, with its cookie, over its private epmd, never starting one of its own (a broker that
    # is stopping has none, and a daemonised epmd would outlive the system).
    # The AppHost names the node (a cluster's first; a backup.env from before it did means the single node).
    rabbitmqctl_() {
      local broker=${JINGONG_BACKUP_BROKER_DATA:-$data/rabbitmq}
      [ -s "$broker/epmd.port" ] || { echo "no local broker on $data" >&2; return 1; }
      setpriv --reuid=rabbitmq --regid=rabbitmq --init-groups env HOME="$broker/home" ERL_EPMD_PORT="$(cat "$broker/epmd.port")" ERL_ZFLAGS="-start_epmd false" \
        /usr/lib/rabbitmq/bin/rabbitmqctl -q -n "${JINGONG_BACKUP_BROKER_NODE:-jingong@localhost}" "$@"
    }
  fi
}

configure() {
  load_settings "$1"
  : "${PGPORT:?the port of the server}"
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

# The secrets (passwords, identity's key secret) and RabbitMQ's definitions as they are now, as one encrypted file named
# after the backup it goes with.
take_extras() {
  local label=$1 work
  work=$(mktemp -d)
  mkdir "$work/secrets"
  secrets "$work/secrets"
  if ! rabbitmqctl_ export_definitions - > "$work/rabbitmq-definitions.json" 2>"$work/rabbitmqctl.err"; then
    echo "RabbitMQ's definitions were not exported (is the broker up?): $(cat "$work/rabbitmqctl.err")" >&2
    rm -f "$work/rabbitmq-definitions.json"
  fi
  rm -f "$work/rabbitmqctl.err"
  tar -C "$work" -czf - . | openssl enc -aes-256-cbc -pbkdf2 -salt -pass "file:$JINGONG_BACKUP_KEY_FILE" \
    | in_repository "cat > '$label.tar.gz.enc.new' && mv '$label.tar.gz.enc.new' '$label.tar.gz.enc'"
  rm -rf "$work"
}

take() {
  load_settings "$1"
  local type=${2:-incr} info label
  [ -n "${JINGONG_BACKUP_POSTGRES_CONTAINER:-}" ] || [ -s "$config" ] \
    || { echo "$config is missing: start the system with backup on first" >&2; exit 78; }
  pgbackrest_ stanza-create >/dev/null
  pgbackrest_ backup --type="$type"
  info=$(pgbackrest_ info --output=json)
  label=$(jq -r '.[0].backup[-1].label' <<< "$info")
  take_extras "$label"
  # Extras whose backup the retention has expired go with it.
  jq -r '.[0].backup[].label' <<< "$info" | in_repository \
    'kept=$(cat); for extra in *.tar.gz.enc; do [ -e "$extra" ] || continue; printf "%s\n" "$kept" | grep -qxF "${extra%.tar.gz.enc}" || rm -f "$extra"; done'
  # What the AppHost's health check and restore.sh read: pgBackRest's own account of the repository.
  printf '%s\n' "$info" > "$data/backup-info.json.new"
  mv "$data/backup-info.json.new" "$data/backup-info.json"
  echo "backup $label ($type) finished; repository $(in_repository 'du -sh .. | cut -f1' < /dev/null)"
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
