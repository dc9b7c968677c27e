#!/bin/sh
# The store's unit tests (tests/unit/test_store) on the PostgreSQL
# backend, against a server of their own (tests/pg.sh).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/pg.sh"
trap 'pg_cleanup; rm -rf "$TMPD"' EXIT
trap 'exit 1' INT TERM

test_store=$(dirname "$DIPTYCH")/../tests/unit/test_store
[ -x "$test_store" ] || pg_skip "no tests/unit/test_store (cmocka missing?)"
pg_start
"$test_store" --pg
