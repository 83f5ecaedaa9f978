# PostgreSQL's official image as Aspire runs it (BASE: the AppHost passes Aspire's own tag; a test keeps this default
# equal to it, for scripts/restore.sh), with pgBackRest and PostGIS (fleet's telematics readings) from the PostgreSQL
# project's apt repository the image already uses. The server archives every WAL segment into /var/lib/pgbackrest, where the repository folder is mounted
# (README "Backup and restore"); the cipher pass and the retention come from the AppHost as environment variables.
ARG BASE=docker.io/library/postgres:18.3
FROM ${BASE}
RUN apt-get update \
 && apt-get install -y --no-install-recommends pgbackrest "postgresql-${PG_MAJOR}-postgis-3" "postgresql-${PG_MAJOR}-postgis-3-scripts" \
 && rm -rf /var/lib/apt/lists/* \
 && install -d -o postgres -g postgres -m 700 /var/lib/pgbackrest /tmp/pgbackrest
COPY postgres-backup-entrypoint.sh /usr/local/bin/
ENV PGBACKREST_STANZA=jingong \
    PGBACKREST_PG1_PATH=${PGDATA} \
    PGBACKREST_REPO1_PATH=/var/lib/pgbackrest \
    PGBACKREST_REPO1_CIPHER_TYPE=aes-256-cbc \
    PGBACKREST_COMPRESS_TYPE=lz4 \
    PGBACKREST_START_FAST=y \
    PGBACKREST_LOCK_PATH=/tmp/pgbackrest \
    PGBACKREST_LOG_LEVEL_CONSOLE=warn \
    PGBACKREST_LOG_LEVEL_STDERR=off \
    PGBACKREST_LOG_LEVEL_FILE=off
ENTRYPOINT ["postgres-backup-entrypoint.sh"]
CMD ["postgres"]
