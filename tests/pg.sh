# tests/pg.sh: a PostgreSQL server of the test's own, for the seminar
# tests (sourced, after tests/lib.sh).
#
#   pg_start	initdb in a fresh folder, start on 127.0.0.1 on a free port
#		(its socket in the folder too), make the roles seminar (the
#		owner), ana, bo and kim and the databases seminar (made a
#		seminar by diptych --seminar-init, the others granted its
#		use) and plain (no seminar); export DIPTYCH_PG_URL (the
#		owner's), DIPTYCH_PG_URL_ANA, _BO, _KIM, DIPTYCH_PG_PLAIN,
#		DIPTYCH_PG_HOSTPORT, and DIPTYCH_PG_STOP / DIPTYCH_PG_START,
#		commands that stop and start it again on the same port.
#   pg_stop, pg_restart	stop (-m fast) / stop and start again.
#   pg_cleanup	stop it and remove its folder; safe to call twice, from
#		a trap.
#
# PostgreSQL will not run as root: as root, the server runs as the
# system user diptych-pg (made when missing).  No PostgreSQL, or no way
# to run it: the test says SKIP (TAP "1..0 # SKIP") and exits.

PG_DIR=
PG_BIN=

# pg_skip REASON: skip the whole test.
pg_skip() {
	echo "1..0 # SKIP $1"
	exit 0
}

# pg_as CMD...: run CMD as the server's user.
pg_as() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u diptych-pg -- "$@"
	else
		"$@"
	fi
}

pg_find() {
	for d in /usr/lib/postgresql/*/bin; do
		[ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && PG_BIN=$d
	done
	[ -n "$PG_BIN" ] || pg_skip "no PostgreSQL server (initdb, pg_ctl)"
	command -v python3 >/dev/null 2>&1 || pg_skip "no python3 to find a port"
	if [ "$(id -u)" -eq 0 ]; then
		command -v runuser >/dev/null 2>&1 || pg_skip "no runuser"
		id diptych-pg >/dev/null 2>&1 ||
			useradd -r -M -d /nonexistent -s /usr/sbin/nologin \
			    diptych-pg 2>/dev/null ||
			pg_skip "cannot make the user diptych-pg"
	fi
}

pg_ctl_start() {
	pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w -t 30 \
	    start >/dev/null
}

pg_stop() {
	[ -n "$PG_DIR" ] && [ -d "$PG_DIR/data" ] || return 0
	pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1
}

pg_restart() {
	pg_stop
	pg_ctl_start
}

pg_cleanup() {
	[ -n "$PG_DIR" ] || return 0
	pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop \
	    >/dev/null 2>&1
	rm -rf "$PG_DIR"
	PG_DIR=
}

# pg_sql DB USER SQL: run SQL on the test server.
pg_sql() {
	"$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" \
	    -U "$2" -d "$1" -c "$3" >/dev/null
}

pg_start() {
	pg_find
	PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/diptych-pg.XXXXXX") ||
		pg_skip "no temporary folder"
	chmod 755 "$PG_DIR"
	[ "$(id -u)" -ne 0 ] || chown diptych-pg "$PG_DIR" ||
		pg_skip "cannot give the folder to diptych-pg"
	PG_PORT=$(python3 -c 'import socket; s = socket.socket();
s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	pg_as "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust \
	    -E UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 ||
		pg_skip "initdb cannot run here: $(tail -1 "$PG_DIR/initdb.log")"
	pg_as sh -c "cat >> '$PG_DIR/data/postgresql.conf'" <<-EOF
		listen_addresses = '127.0.0.1'
		port = $PG_PORT
		unix_socket_directories = '$PG_DIR'
		fsync = off
		synchronous_commit = off
		full_page_writes = off
		max_connections = 50
	EOF
	pg_ctl_start || pg_skip "the server does not start: $(tail -3 "$PG_DIR/log")"
	pg_sql postgres postgres "CREATE ROLE seminar LOGIN;
	    CREATE ROLE ana LOGIN; CREATE ROLE bo LOGIN; CREATE ROLE kim LOGIN;"
	pg_sql postgres postgres "CREATE DATABASE seminar OWNER seminar"
	pg_sql postgres postgres "CREATE DATABASE plain OWNER seminar"
	DIPTYCH_PG_HOSTPORT=127.0.0.1:$PG_PORT
	DIPTYCH_PG_URL=postgresql://seminar@$DIPTYCH_PG_HOSTPORT/seminar
	DIPTYCH_PG_URL_ANA=postgresql://ana@$DIPTYCH_PG_HOSTPORT/seminar
	DIPTYCH_PG_URL_BO=postgresql://bo@$DIPTYCH_PG_HOSTPORT/seminar
	DIPTYCH_PG_URL_KIM=postgresql://kim@$DIPTYCH_PG_HOSTPORT/seminar
	DIPTYCH_PG_PLAIN=postgresql://ana@$DIPTYCH_PG_HOSTPORT/plain
	"$DIPTYCH" --seminar-init "$DIPTYCH_PG_URL" >/dev/null ||
		{ echo "Bail out! diptych --seminar-init failed"; exit 1; }
	pg_sql seminar seminar "
	    GRANT USAGE ON SCHEMA diptych TO ana, bo, kim;
	    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA diptych
	      TO ana, bo, kim;
	    GRANT USAGE ON ALL SEQUENCES IN SCHEMA diptych TO ana, bo, kim;"
	if [ "$(id -u)" -eq 0 ]; then
		pg_run="runuser -u diptych-pg --"
	else
		pg_run=
	fi
	DIPTYCH_PG_STOP="$pg_run $PG_BIN/pg_ctl -D $PG_DIR/data -m fast -w stop"
	DIPTYCH_PG_START="$pg_run $PG_BIN/pg_ctl -D $PG_DIR/data -l $PG_DIR/log -w -t 30 start"
	export DIPTYCH_PG_URL DIPTYCH_PG_URL_ANA DIPTYCH_PG_URL_BO \
	    DIPTYCH_PG_URL_KIM DIPTYCH_PG_PLAIN DIPTYCH_PG_HOSTPORT \
	    DIPTYCH_PG_STOP DIPTYCH_PG_START
}
