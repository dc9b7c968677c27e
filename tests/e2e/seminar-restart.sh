#!/bin/sh
# End to end: a PostgreSQL seminar whose server goes away.  Two readers
# keep running while it is down; what they write meanwhile waits in
# their personal stores, marked unsent, and reaches the seminar, and the
# other reader, once the server is back: none lost, none twice.  A reader
# started while the server is down opens anyway and sends later.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.sh"
. "$(dirname "$0")/../pg.sh"
trap 'stop_server; pg_cleanup; rm -rf "$TMPD"' EXIT
trap 'exit 1' INT TERM

pg_start

W=160 H=40
# status NAME: the status row of reader NAME.
status() { scr "$1" | tail -1; }
# note NAME TEXT: NAME writes a note on the passage under the cursor.
note() {
	k "$1" v a
	T send-keys -t "$1" -l "$2"
	k "$1" Enter
}
# live TEXT: how many live notes of the seminar say TEXT.
live() {
	"$PG_BIN/psql" -X -At -h 127.0.0.1 -p "$PG_PORT" -U seminar \
	    -d seminar -c "SELECT count(*) FROM diptych.anno
	    WHERE note = '$1' AND NOT deleted"
}

open_reader ana $W $H --store "$TMPD/ana.db" --author ana \
    --seminar "$DIPTYCH_PG_URL_ANA"
open_reader bo $W $H --store "$TMPD/bo.db" --author bo \
    --seminar "$DIPTYCH_PG_URL_BO"
within 5 ana 'Dealing with North Korea' && within 5 bo 'Dealing with North Korea' &&
    ready ana && ready bo
status ana | grep -q 'seminar ·'
ok "two readers open on a PostgreSQL seminar"

k bo A
k ana ']'
note ana 'before the outage'
status ana | grep -q 'saved, shared with the seminar'
within 1 bo 'before the outage.*ana'
ok "a note shows in the other reader within a second, no key pressed"

pg_stop
within 5 ana 'the seminar cannot be reached: new notes wait here' &&
    within 5 bo 'the seminar cannot be reached: new notes wait here'
ok "the server stops: both readers say so, no key pressed"
k ana C-l
status ana | grep -q 'seminar unreachable ·'
ok "and the status row says so after"
scr bo | grep -q 'before the outage'
ok "and the notes read before stay on screen"

k ana j j
note ana 'written in the outage'
status ana | grep -q 'saved here, unsent'
ok "a note written meanwhile is saved in the personal store, unsent"
k ana A
scr ana | grep 'written in the outage' | grep -q 'unsent · ana'
ok "the A list marks it unsent"
k ana Escape
status ana | grep -q 'seminar unreachable · 1 unsent ·'
ok "the status row counts it"
k bo Escape ']' ']'
note bo 'bo, also in the outage'
status bo | grep -q 'unsent'
k bo A
k bo j
k bo r
T send-keys -t bo -l 'bo replies offline'
k bo Enter
status bo | grep -q 'reply saved here, unsent'
ok "a reply written meanwhile waits too"

pg_restart
within 8 ana 'the seminar is back: 1 unsent note sent'
ok "the server returns: ana's waiting note is sent, and she is told"
within 8 bo 'the seminar is back: 2 unsent notes sent'
k bo C-l
status bo | grep -q 'seminar ·' && ! scr bo | grep -q 'unsent'
ok "bo's are sent too, and nothing is unsent any more"
k ana A
within 3 ana 'bo, also in the outage' && within 3 ana '↳ bo replies offline'
ok "ana sees bo's note and reply, no key pressed"
[ "$(live 'written in the outage')" = 1 ] &&
    [ "$(live 'bo, also in the outage')" = 1 ] &&
    [ "$(live 'bo replies offline')" = 1 ] &&
    [ "$(live 'before the outage')" = 1 ]
ok "the seminar has each note once"
python3 -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
live = c.execute("select count(*) from anno where deleted = 0").fetchone()[0]
left = c.execute("select count(*) from unsent").fetchone()[0]
assert live == 0 and left == 0, (live, left)
' "$TMPD/ana.db"
ok "ana's personal store keeps nothing unsent, and no copy"

# Quit while the server is down: the note waits across the restart of
# diptych too, and a reader started while it is down opens anyway.
k ana Escape
pg_stop
within 5 ana 'the seminar cannot be reached'
note ana 'kept across a quit'
k ana q
k bo q
stop_server
open_reader ana $W $H --store "$TMPD/ana.db" --author ana \
    --seminar "$DIPTYCH_PG_URL_ANA"
# Back at her place, with the message on the status row: no title.
within 5 ana 'Ogi 2024|the seminar cannot be reached' &&
    within 3 ana 'the seminar cannot be reached'
k ana C-l
status ana | grep -q 'seminar unreachable · 1 unsent'
ok "a reader started while the server is down opens, its note still unsent"
pg_restart
within 8 ana 'the seminar is back: 1 unsent note sent'
[ "$(live 'kept across a quit')" = 1 ]
ok "and sends it once the server is back"
k ana q
stop_server

done_testing
