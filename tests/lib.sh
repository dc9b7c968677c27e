# tests/lib.sh: TAP helpers for the shell tests (sourced).
#
# DIPTYCH is the binary under test, SRCDIR the source tree; both are
# set by `make check` and default to the in-tree build.

if [ -z "${SRCDIR:-}" ]; then
	SRCDIR=$(dirname "$0")
	while [ ! -f "$SRCDIR/configure.ac" ] && [ "$SRCDIR" != / ]; do
		SRCDIR=$(cd "$SRCDIR/.." && pwd)
	done
fi
: "${DIPTYCH:=$SRCDIR/src/diptych}"
export LC_ALL="${LC_ALL:-C.UTF-8}"

tap_n=0
tap_failed=0
TMPD=$(mktemp -d "${TMPDIR:-/tmp}/diptych-test.XXXXXX")
trap 'rm -rf "$TMPD"' EXIT
# Annotations go to a store of the test's own, never the user's; the
# user's configuration (keys, colours) and glossary are not read.
export XDG_DATA_HOME="$TMPD/data"
export XDG_CONFIG_HOME="$TMPD/config"
unset DIPTYCH_STORE

# ok DESCRIPTION: pass when the previous command succeeded.
ok() {
	rc=$?
	tap_n=$((tap_n + 1))
	if [ "$rc" -eq 0 ]; then
		echo "ok $tap_n - $1"
	else
		echo "not ok $tap_n - $1"
		tap_failed=$((tap_failed + 1))
	fi
}

# diag TEXT...: a TAP comment (shown in the test log).
diag() {
	printf '%s\n' "$@" | sed 's/^/# /'
}

# done_testing: print the plan; exit status says whether all passed.
done_testing() {
	echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ]
}
