#!/usr/bin/env bash
# PostgreSQL from the machine's Debian packages, in the foreground, for the AppHost's `postgres`
# resource. DCP passes the port in PGPORT; the AppHost passes the data folder and password file, and with backup on
# (JINGONG_BACKUP_DATA: the InfraData folder holding backup.env) every WAL segment is archived by pgBackRest
# (backup.sh), so the server can be restored to any moment since the oldest backup. Arguments are more server settings
# (`-c name=value`) the AppHost gives every PostgreSQL it runs, here and in a container alike. With JINGONG_PG_STANDBY_OF
# (the primary's port) it is a streaming standby of that primary instead: a copy of it at its first start, read-only.
# initdb and postgres refuse to run as root, so they run as the `postgres` user.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/supervise.sh"

: "${PGPORT:?DCP passes the port}" "${JINGONG_PG_DATA:?data folder}" "${JINGONG_PG_PASSWORD_FILE:?password file}"
bin=$(find /usr/lib/postgresql -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n1)
if [ -z "$bin" ] || [ ! -x "$bin/postgres" ]; then
  echo "PostgreSQL is not installed: run 'apt-get install postgresql' (scripts/install-prerequisites.sh does)" >&2
  exit 78
fi
as_postgres=(setpriv --reuid=postgres --regid=postgres --init-groups)
data=$JINGONG_PG_DATA

reap_stale "$data/postmaster.pid" postgres

if [ -n "${JINGONG_PG_STANDBY_OF:-}" ]; then
  # The superuser's password, for connecting to the primary: a standby's data is its primary's, roles and passwords too.
  passfile=$(dirname "$data")/$(basename "$data").pgpass
  printf '127.0.0.1:%s:*:postgres:%s\n' "$JINGONG_PG_STANDBY_OF" "$(cat "$JINGONG_PG_PASSWORD_FILE")" > "$passfile"
  chown postgres:postgres "$passfile"
  chmod 600 "$passfile"
fi

if [ ! -s "$data/PG_VERSION" ]; then
  install -d -m 700 -o postgres -g postgres "$data"
  if ! "${as_postgres[@]}" test -w "$data"; then
    echo "the postgres user cannot reach $data: choose a data folder whose parents it may enter (InfraData)" >&2
    exit 77
  fi
  if [ -n "${JINGONG_PG_STANDBY_OF:-}" ]; then
    # A standby begins as a copy of its primary taken while it runs, then replays what the primary streams to it.
    echo "copying the primary on port $JINGONG_PG_STANDBY_OF to become its standby"
    "${as_postgres[@]}" env PGPASSFILE="$passfile" "$bin/pg_basebackup" -h 127.0.0.1 -p "$JINGONG_PG_STANDBY_OF" -U postgres \
      -D "$data" -X stream --checkpoint=fast --write-recovery-conf
  else
    pwfile=$(mktemp)
    install -m 600 -o postgres -g postgres "$JINGONG_PG_PASSWORD_FILE" "$pwfile"
    "${as_postgres[@]}" "$bin/initdb" -D "$data" -U postgres --pwfile="$pwfile" -E UTF8 --no-locale \
      --auth-local=scram-sha-256 --auth-host=scram-sha-256 --no-instructions
    rm -f "$pwfile"
  fi
fi

standby=()
if [ -n "${JINGONG_PG_STANDBY_OF:-}" ]; then
  # The primary's port is DCP's choice at each start: where to stream from is said at every start, not kept.
  standby=(-c primary_conninfo="host=127.0.0.1 port=$JINGONG_PG_STANDBY_OF user=postgres passfile=$passfile application_name=jingong_standby")
fi

backup=()
if [ -n "${JINGONG_BACKUP_DATA:-}" ]; then
  bash "$(dirname "${BASH_SOURCE[0]}")/backup.sh" configure "$JINGONG_BACKUP_DATA"
  # A socket of its own for pgBackRest (it connects through one), in a folder only the postgres user enters; a segment
  # is archived at least once a minute while anything is written, so a restore loses at most the last minute.
  backup=(-c unix_socket_directories="$JINGONG_BACKUP_DATA/postgres.run" -c archive_mode=on -c archive_timeout=60
    -c archive_command="pgbackrest --config=$JINGONG_BACKUP_DATA/pgbackrest.conf --stanza=jingong archive-push %p")
fi

# PostgreSQL writes its whole log to stderr, which the dashboard would show as errors: send it to
# stdout, where each line still says its level (LOG, WARNING, ERROR, FATAL).
exec 2>&1
# Fast shutdown (SIGINT) ends client sessions at once; the default (SIGTERM) would wait for them. pg_stat_statements
# says which statements the server's time goes to (the benchmark prints them per registration; ops read the view).
# Commit timestamps date each transaction's commit (pg_xact_commit_timestamp): the benchmark splits the way from an
# append to its publication at them.
supervise INT "${as_postgres[@]}" "${with_parent_death[@]}" "$bin/postgres" -D "$data" -p "$PGPORT" \
  -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c max_connections=300 \
  -c shared_preload_libraries=pg_stat_statements -c track_commit_timestamp=on \
  -c log_destination=stderr -c logging_collector=off "${backup[@]}" "${standby[@]}" "$@"
