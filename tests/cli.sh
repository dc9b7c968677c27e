#!/bin/sh
# The command line: options, exit statuses, messages, bad input.
. "$(dirname "$0")/lib.sh"

d="$DIPTYCH"

"$d" --help > "$TMPD/out" 2>&1 && grep -q '^usage: diptych' "$TMPD/out" &&
    grep -q 'scroll down one row' "$TMPD/out"
ok "--help shows usage and the keys, exit 0"

"$d" --version > "$TMPD/out" && grep -Eq '^diptych [0-9]+\.[0-9]+' "$TMPD/out"
ok "--version"

"$d" --bogus > /dev/null 2> "$TMPD/err"; [ $? -eq 2 ] &&
    grep -q "unknown option" "$TMPD/err"
ok "unknown option: exit 2 with a message"

"$d" only-one.md > /dev/null 2> "$TMPD/err"; [ $? -eq 2 ]
ok "one file: usage error, exit 2"

"$d" --dump --width 3 > /dev/null 2>&1; [ $? -eq 2 ]
ok "--width out of range: exit 2"

"$d" --width 80 > /dev/null 2>&1; [ $? -eq 2 ]
ok "--width without --dump: exit 2"

"$d" --sections --pair stored > /dev/null 2> "$TMPD/err"; [ $? -eq 2 ] &&
    grep -q -- "--pair takes suggest" "$TMPD/err"
ok "--pair with anything but suggest: exit 2"

"$d" --pair suggest > /dev/null 2> "$TMPD/err"; [ $? -eq 2 ] &&
    grep -q -- "--pair goes with --sections or --dump" "$TMPD/err" &&
    "$d" --dump --pair suggest --width 100 > /dev/null 2>&1
ok "--pair without --sections or --dump: exit 2; with --dump it lays out"

printf '# Fine\n\nText.\n' > "$TMPD/good.md"
"$d" --dump "$TMPD/nosuch.md" "$TMPD/good.md" > /dev/null 2> "$TMPD/err"
[ $? -eq 1 ] && grep -q "nosuch.md: No such file or directory" "$TMPD/err" &&
    [ "$(wc -l < "$TMPD/err")" -eq 1 ]
ok "missing file: one line naming it, exit 1"

printf '# Title\n\nsome \377 text\n' > "$TMPD/latin1.md"
"$d" --dump "$TMPD/good.md" "$TMPD/latin1.md" > /dev/null 2> "$TMPD/err"
[ $? -eq 1 ] && grep -q "latin1.md:3: not valid UTF-8" "$TMPD/err"
ok "non-UTF-8 file: file:line error, exit 1"

printf -- '---\ntitle: x\nbroken line\n---\n\nText.\n' > "$TMPD/fm.md"
"$d" --dump "$TMPD/fm.md" "$TMPD/good.md" > /dev/null 2> "$TMPD/err"
[ $? -eq 1 ] && grep -q "fm.md:3: front matter" "$TMPD/err"
ok "malformed front matter: file:line error, exit 1"

"$d" --dump "$TMPD" "$TMPD/good.md" > /dev/null 2> "$TMPD/err"
[ $? -eq 1 ] && grep -q "Is a directory" "$TMPD/err"
ok "a directory is refused, exit 1"

printf -- '---\ntitle: Left Title\n---\n\n# Head\n\nAlpha beta.\n' > "$TMPD/l.md"
printf 'Gamma \033[2J\033]52;c;aGk=\007 delta.\n' > "$TMPD/r.md"
"$d" --dump --width 60 "$TMPD/l.md" "$TMPD/r.md" > "$TMPD/out" &&
    grep -q '^Left Title' "$TMPD/out" && grep -q 'Gamma' "$TMPD/out"
ok "any two files open"

! LC_ALL=C grep -q "$(printf '\033')" "$TMPD/out" &&
    ! LC_ALL=C grep -q "$(printf '\007')" "$TMPD/out"
ok "control characters in a file never reach the output"

"$d" --check "$TMPD/r.md" 2> "$TMPD/err"; [ $? -eq 1 ] &&
    grep -q "r.md:1: 3 control characters" "$TMPD/err"
ok "--check reports control characters, with the line"

LC_ALL=C "$d" --dump --width 70 > "$TMPD/out" &&
    ! LC_ALL=C grep -q "$(printf '[\200-\377]')" "$TMPD/out" &&
    grep -q ' | ' "$TMPD/out" &&
    awk '{ if (length($0) != 70) bad = 1 } END { exit bad }' "$TMPD/out"
ok "LC_ALL=C: ASCII only, ' | ' separator, width kept"

env -u COLUMNS "$d" --dump < /dev/null > "$TMPD/out" 2>/dev/null &&
    [ "$(head -1 "$TMPD/out" | LC_ALL=C.UTF-8 wc -m)" = 161 ]
ok "--dump without a terminal is 160 columns wide"

COLUMNS=100 "$d" --dump < /dev/null > "$TMPD/out" 2>/dev/null &&
    LC_ALL=C awk 'NR == 1 { exit !(length($0) == 100 + 2) }' "$TMPD/out"
ok "--dump piped takes \$COLUMNS"

"$d" < /dev/null > /dev/null 2> "$TMPD/err"; [ $? -eq 1 ] &&
    grep -q "not a terminal" "$TMPD/err"
ok "the reader refuses to run without a terminal, exit 1"

(cd / && "$d" --dump --width 100 | grep -q 'Dealing with North Korea')
ok "the bundled essays work from any directory"

# The man page lists every key of every mode's table, as --help prints
# it ("GROUP:" headings, then "  NAMES<padded to 22> WHAT").
man_has_keys() {
	sed 's/\\-/-/g; s/\\&//g' "$SRCDIR/man/diptych.1" > "$TMPD/man"
	"$d" --help | sed -n '/^Keys:/,$p' | sed 1d > "$TMPD/keys"
	[ -s "$TMPD/keys" ] || return 1
	while IFS= read -r line; do
		case $line in
		'') continue ;;
		'  '*) ;;
		*)	grep -qxF ".SS ${line%:}" "$TMPD/man" ||
			    { echo "# no heading in the man page: $line"; return 1; }
			continue ;;
		esac
		names=$(printf '%s\n' "$line" | cut -c3-24 | sed 's/ *$//')
		what=$(printf '%s\n' "$line" | cut -c26-)
		grep -qxF ".B $names" "$TMPD/man" &&
		    grep -qxF "$what" "$TMPD/man" ||
		    { echo "# not in the man page: $line"; return 1; }
	done < "$TMPD/keys"
}
man_has_keys
ok "the man page lists every key as the key table has it"

done_testing
