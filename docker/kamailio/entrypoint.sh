#!/bin/sh
# The kamailio service of docker-compose.yml: creates Kamailio's tables in its database on the
# first start (version, subscriber, location, usr_preferences: the same scripts the test harness
# loads), then runs Kamailio in the foreground with kamailio.cfg.
set -eu
: "${KAMAILIO_DB_URL:?set KAMAILIO_DB_URL}"
SQL_DIR=/usr/share/kamailio/postgres

until psql "$KAMAILIO_DB_URL" -qtAc 'SELECT 1' >/dev/null 2>&1; do
  echo "waiting for PostgreSQL ..."
  sleep 2
done
for pair in standard:version auth_db:subscriber usrloc:location avpops:usr_preferences; do
  script=${pair%%:*}
  table=${pair#*:}
  present=$(psql "$KAMAILIO_DB_URL" -qtAc "SELECT to_regclass('$table') IS NOT NULL")
  if [ "$present" != "t" ]; then
    psql "$KAMAILIO_DB_URL" -q -v ON_ERROR_STOP=1 -f "$SQL_DIR/$script-create.sql"
  fi
done
exec kamailio -DD -E -f /etc/switchboard-kamailio/kamailio.cfg -m 64 -M 8
