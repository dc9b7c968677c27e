#!/bin/sh
# End to end: a seminar on PostgreSQL (a server of the test's own, see
# tests/pg.sh).  Two readers on two roles: a note written in one shows
# in the other within a second, no key pressed (LISTEN/NOTIFY), and the
# answer comes back; bo follows ana through ] jumps; bo cannot delete
# ana's note.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.sh"
. "$(dirname "$0")/../pg.sh"
trap 'stop_server; pg_cleanup; rm -rf "$TMPD"' EXIT
trap 'exit 1' INT TERM

pg_start
W=160 H=40
# Within a second is what is tested: look twice as often.
READER_POLL=0.05

# notes: the seminar's notes as the server has them, "author|note".
notes() {
	"$PG_BIN/psql" -X -At -h 127.0.0.1 -p "$PG_PORT" -U seminar \
	    -d seminar -c "SELECT author || '|' || note FROM diptych.anno"
}

open_reader ana $W $H --store "$TMPD/ana.db" \
    --seminar "$DIPTYCH_PG_URL_ANA" --author ana
open_reader bo $W $H --store "$TMPD/bo.db" \
    --seminar "$DIPTYCH_PG_URL_BO" --author bo
within 5 ana 'Dealing with North Korea' && within 5 bo 'Dealing with North Korea' &&
    ready ana && ready bo
scr ana | tail -1 | grep -q 'seminar'
ok "both readers open on the PostgreSQL seminar, and the status row says so"

k bo A
k ana g ']' v a
T send-keys -t ana -l 'Ogi opens with the treaty. #seminar'
T send-keys -t ana Enter
within 2 ana 'saved, shared with the seminar'
ok "a note written in ana's reader goes to the seminar"
within 1 bo 'Ogi opens with the treaty. #seminar.*ana'
ok "it shows in bo's open list within a second, no key pressed"
notes | grep -qx 'ana|Ogi opens with the treaty. #seminar'
ok "the server has it under ana's role"

k bo j
k bo x
scr bo | tail -1 | grep -q "this is ana's note: only they can change it"
ok "bo cannot delete ana's note, and is told why"
notes | grep -qx 'ana|Ogi opens with the treaty. #seminar'
ok "it is still on the server"

k bo r
T send-keys -t bo -l 'bo answers: and Koga with China.'
T send-keys -t bo Enter
within 2 bo 'reply saved'
ok "bo replies"
k ana A
within 1 ana '↳ bo answers: and Koga with China.'
ok "the answer comes back to ana's open list within a second"
notes | grep -qx 'bo|bo answers: and Koga with China.'
ok "the server has the reply under bo's role"

# Follow the leader through ] jumps.
k ana Escape g
k bo Escape g F
within 3 bo 'reading now' && scr bo | grep -q 'ana · Ogi 2024'
ok "F lists ana, reading now"
k bo Enter
scr bo | tail -1 | grep -q 'following ana'
ok "Enter follows ana"
k ana ']' ']' ']'
same_top ana bo && scr bo | head -1 | grep -q 'Relative Gains'
ok "ana jumps three sections: bo's panes follow"
within 3 ana 'followed by bo'
ok "ana's status row says bo follows her"
k ana q
k bo q
stop_server

done_testing
