#!/bin/sh
# Run once by the postgres image when it creates the primary's database:
# a role for the streaming replica and a pg_hba.conf line letting it in.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -c "CREATE ROLE replicator WITH REPLICATION LOGIN PASSWORD '${REPLICATION_PASSWORD:?}'"
echo "host replication replicator all scram-sha-256" >> "$PGDATA/pg_hba.conf"
