#!/bin/sh
# Golden files: diptych's output on small inputs, compared byte for byte
# with the output expected (the habit of mandoc's and tmux's regress/).
#
# A case NAME is a pair of inputs in tests/golden/, NAME.left.md and
# NAME.right.md, and its expected outputs, one file each, NAME.OUT,
# where OUT says what made it:
#
#	W.dump		--dump --width W, under LC_ALL=C.UTF-8
#	W.ascii		--dump --width W, under LC_ALL=C (ASCII stand-ins)
#	W.sections	--sections --width W
#	W.overlays	--dump --overlays --width W: under each row, the
#			letter of the overlay over each cell (c citation,
#			t glossary term, m search match)
#	W.search	--dump --width W --search P, P the first line of
#			NAME.search: the matches among the overlays
#
# The table below is the list of cases.  To add one, write its inputs,
# add its row and run `make golden`, then read the new files.
#
# golden.sh --update (what `make golden` runs) writes the expected files
# anew instead of comparing, and names those that changed.
. "$(dirname "$0")/lib.sh"

# name		outputs
cases='
lists		80.dump 41.dump 21.dump
quotes		80.dump 41.dump
headings	80.dump 41.dump
cjk		80.dump 41.dump 21.dump
combining	80.dump 41.dump 21.dump 41.ascii
code		80.dump 41.dump 21.dump
sections	80.dump 41.dump 80.sections 41.sections 80.ascii
citations	80.dump 41.dump 80.overlays
frontmatter	80.dump 41.dump
overlays	80.overlays 41.overlays 80.search
'

GOLDEN="$SRCDIR/tests/golden"
# No user glossary from the machine running the tests.
export XDG_CONFIG_HOME="$TMPD/config"

# render NAME OUT: print case NAME's output OUT as diptych makes it now.
# It runs in tests/golden, so that the file names diptych shows are the
# same wherever the sources are.
render() {
	set -- "$1.left.md" "$1.right.md" "${2%.*}" "${2#*.}"
	cd "$GOLDEN" || return 1
	case $4 in
	dump)		LC_ALL=C.UTF-8 "$DIPTYCH" --dump --width "$3" "$1" "$2" ;;
	ascii)		LC_ALL=C "$DIPTYCH" --dump --width "$3" "$1" "$2" ;;
	sections)	LC_ALL=C.UTF-8 "$DIPTYCH" --sections --width "$3" \
			    "$1" "$2" ;;
	overlays)	LC_ALL=C.UTF-8 "$DIPTYCH" --dump --overlays \
			    --width "$3" "$1" "$2" ;;
	search)		LC_ALL=C.UTF-8 "$DIPTYCH" --dump --width "$3" \
			    --search "$(head -1 "${1%.left.md}.search")" \
			    "$1" "$2" ;;
	*)		echo "golden.sh: no such output: $4" >&2; return 2 ;;
	esac < /dev/null
}

# check NAME OUT: compare case NAME's output OUT with the file expected;
# returns 0 when they are the same, else shows why as TAP diag lines.
check() {
	f="$1.$2"
	if ! (render "$1" "$2") > "$TMPD/$f" 2> "$TMPD/err"; then
		diag "diptych failed:" "$(cat "$TMPD/err")"
		return 1
	fi
	if [ ! -f "$GOLDEN/$f" ]; then
		diag "tests/golden/$f is missing: run make golden"
		return 1
	fi
	cmp -s "$GOLDEN/$f" "$TMPD/$f" && return 0
	diff -u "$GOLDEN/$f" "$TMPD/$f" | sed 's/^/# /'
	return 1
}

# update NAME OUT: write case NAME's output OUT as the file expected;
# returns 0, or 1 when diptych fails (and nothing is written).
update() {
	f="$1.$2"
	if ! (render "$1" "$2") > "$TMPD/$f"; then
		echo "golden.sh: $f: diptych failed, not written" >&2
		return 1
	fi
	cmp -s "$GOLDEN/$f" "$TMPD/$f" 2> /dev/null && return 0
	if [ -f "$GOLDEN/$f" ]; then
		echo "changed: tests/golden/$f"
	else
		echo "new: tests/golden/$f"
	fi
	cp "$TMPD/$f" "$GOLDEN/$f"
	nchanged=$((nchanged + 1))
}

# The files of the cases, one a line, to find strays.
known="$TMPD/known"
: > "$known"
while read -r name outs; do
	[ -n "$name" ] || continue
	printf '%s\n' "$name.left.md" "$name.right.md" >> "$known"
	for out in $outs; do
		printf '%s\n' "$name.$out" >> "$known"
		case $out in
		*.search) printf '%s\n' "$name.search" >> "$known" ;;
		esac
	done
done <<EOF
$cases
EOF

# Files in tests/golden that no case names, one a line.
strays() {
	(cd "$GOLDEN" && ls) | grep -vxF -f "$known"
}

if [ "${1:-}" = --update ]; then
	nchanged=0
	failed=0
	while read -r name outs; do
		for out in $outs; do
			update "$name" "$out" || failed=1
		done
	done <<EOF
$cases
EOF
	strays | sed 's/^/golden.sh: not in the table of cases: /' >&2
	echo "golden: $nchanged file(s) written"
	exit $failed
fi

while read -r name outs; do
	[ -n "$name" ] || continue
	(cd "$GOLDEN" && "$DIPTYCH" --check "$name.left.md" \
	    "$name.right.md" < /dev/null) > "$TMPD/err" 2>&1 ||
	    diag "$(cat "$TMPD/err")"
	[ ! -s "$TMPD/err" ]
	ok "$name: the inputs pass --check"
	for out in $outs; do
		check "$name" "$out"
		ok "$name.$out"
	done
done <<EOF
$cases
EOF

strays > "$TMPD/strays" && diag "not in the table of cases:" \
    "$(cat "$TMPD/strays")"
[ ! -s "$TMPD/strays" ]
ok "every file in tests/golden belongs to a case"

done_testing
