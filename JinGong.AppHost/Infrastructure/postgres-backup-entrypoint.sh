#!/bin/sh
# The repository is a folder of the host mounted at /var/lib/pgbackrest: the image's postgres user must own it, as it
# owns its data, before the official entrypoint starts the server (as postgres) with the AppHost's arguments.
set -e
if [ "$(id -u)" = 0 ]; then
  chown postgres:postgres /var/lib/pgbackrest
  chmod 700 /var/lib/pgbackrest
fi
exec docker-entrypoint.sh "$@"
