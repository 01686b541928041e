#!/bin/sh
# The openldap service of docker-compose.yml: writes slapd.conf from the template, loads the demo
# organisation on the first start (the data volume keeps it afterwards), then runs slapd in the
# foreground on port 389.
set -eu
CONF_DIR=/etc/switchboard-ldap
DATA_DIR=/var/lib/switchboard-ldap
RUN_DIR=/run/slapd
: "${LDAP_ADMIN_PASSWORD:?set LDAP_ADMIN_PASSWORD (the rootdn password)}"

mkdir -p "$DATA_DIR" "$RUN_DIR"
ROOT_PW=$(slappasswd -s "$LDAP_ADMIN_PASSWORD")
sed -e "s|@CONF_DIR@|$CONF_DIR|g" -e "s|@DATA_DIR@|$DATA_DIR|g" -e "s|@RUN_DIR@|$RUN_DIR|g" \
  -e "s|@ROOT_PW@|$ROOT_PW|g" "$CONF_DIR/slapd.conf.template" > "$RUN_DIR/slapd.conf"
if [ ! -e "$DATA_DIR/data.mdb" ]; then
  slapadd -q -f "$RUN_DIR/slapd.conf" -l "$CONF_DIR/demo.ldif"
fi
chown -R openldap:openldap "$DATA_DIR" "$RUN_DIR"
exec slapd -d stats -h "ldap:///" -u openldap -g openldap -f "$RUN_DIR/slapd.conf"
