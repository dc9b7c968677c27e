#!/bin/sh
# Hostile inputs, made here: escape sequences, OSC 52 clipboard writes,
# bidirectional overrides, C1 controls and bytes that are not UTF-8 in
# front matter, section labels, headings, links, glossary headings and
# notes reach no output path as they are (--dump, --sections, --terms,
# --check, --export to a terminal, messages), under a UTF-8 locale and
# under LC_ALL=C; files that are not files fail at once, in one line.
. "$(dirname "$0")/lib.sh"

d="$DIPTYCH"
H="$TMPD/h"
mkdir -p "$H"
export DIPTYCH_STORE="$TMPD/store.db"

# safe FILE [ascii]: no ESC, C0 (but \t \n and \r before \n), DEL, C1
# (raw or as UTF-8), bidi control or byte that is not UTF-8 in FILE;
# with ascii, no byte beyond ASCII at all.
safe() {
	python3 - "$@" <<'PYEOF'
import re, sys
data = open(sys.argv[1], 'rb').read()
ascii = len(sys.argv) > 2
# (A terminal's pty writes a line end as \r\n: CSV's \r\n is \r\r\n.)
bad = re.search(rb'[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\r(?!\r*\n)', data)
if bad is None and ascii:
    bad = re.search(rb'[\x80-\xff]', data)
if bad is None:
    try:
        text = data.decode('utf-8')
    except UnicodeDecodeError as e:
        print('# not UTF-8 at byte %d' % e.start); sys.exit(1)
    m = re.search('[\x80-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]',
                  text)
    if m:
        print('# U+%04X at %d' % (ord(m.group()), m.start())); sys.exit(1)
    sys.exit(0)
print('# byte %r at %d' % (data[bad.start():bad.start() + 4], bad.start()))
sys.exit(1)
PYEOF
}

# short FILE: no line of FILE is wider than 200 columns.
short() {
	python3 -c '
import sys
for l in open(sys.argv[1], "rb").read().decode("utf-8", "replace").splitlines():
    if len(l) > 200:
        sys.exit(1)' "$1"
}

# tty FILE CMD...: run CMD on a terminal (script's pty), output to FILE.
tty() {
	out=$1
	shift
	script -qec "$*" /dev/null < /dev/null > "$out" 2>&1
}

ESC=$(printf '\033')
OSC52="${ESC}]52;c;cm0gLXJmIH4K$(printf '\007')"
RLO=$(printf '\342\200\256')
LRI=$(printf '\342\201\246')
CSI1=$(printf '\302\233')

# The left essay: every place a file's words go.
{
	printf -- '---\n'
	printf 'id: left\n'
	printf 'title: Title %s[2J%s\n' "$ESC" "$OSC52"
	printf 'short: Sh%sort%s\n' "$RLO" "$CSI1"
	printf 'author: Au%sthor\n' "$LRI"
	printf 'source: https://example.org/%s[31m\n' "$ESC"
	printf -- '---\n\n'
	printf '<!-- section: one "Label %s[31mred %s txt" -->\n' "$ESC" "$RLO"
	printf '# Heading %s[1m bold %s]0;owned%s\\\n\n' "$ESC" "$ESC" "$ESC"
	printf 'Alpha beta gamma %s delta %s[5m.\n\n' "$RLO" "$ESC"
	printf 'See [one](https://e.org/a&#x1b;[2J) and [two](https://e.org/%%1b%%5d52%%3bc)\n'
	printf 'and [three](https://e.org/a&#10;rm) and [four](https://e.org/&#x202e;x).\n\n'
	printf '<!-- section: two "Tw%so" -->\n' "$CSI1"
	printf '## Second &#x1b;[2J &#8238;\n\nMore text here.\n'
} > "$H/l.md"
printf -- '---\nid: right\ntitle: Right\n---\n\n<!-- section: one "One" -->\n# One\n\nAlpha beta.\n\n<!-- section: two "Two" -->\n## Two\n\nEnd.\n' > "$H/r.md"
# A glossary of one's own with hostile headings and aliases.
{
	printf '## Alpha %s[31m%s\n\n' "$ESC" "$RLO"
	printf 'Also: Al&#x1b;pha, A%sB\n\n' "$LRI"
	printf 'The first %s]52;c;eA==%s letter.\n\n' "$ESC" "$(printf '\007')"
	printf 'Source: [src](https://e.org/%%1B)\n'
} > "$H/g.md"

for loc in C.UTF-8 C; do
	a=
	[ "$loc" = C ] && a=ascii
	export LC_ALL=$loc

	"$d" --dump --width 100 "$H/l.md" "$H/r.md" > "$TMPD/out" 2>&1 &&
	    safe "$TMPD/out" $a
	ok "$loc: --dump shows no control, bidi or bad byte"

	grep -q 'gamma <RLO> delta' "$TMPD/out"
	ok "$loc: --dump shows a bidi control by its name"

	"$d" --sections "$H/l.md" "$H/r.md" > "$TMPD/out" 2>&1 &&
	    safe "$TMPD/out" $a && grep -q 'Label' "$TMPD/out" &&
	    [ "$(wc -l < "$TMPD/out")" -eq 2 ]
	ok "$loc: --sections: labels and titles cleaned, one line each"

	"$d" --terms --glossary "$H/g.md" "$H/l.md" "$H/r.md" > "$TMPD/out" \
	    2>&1 && safe "$TMPD/out" $a && grep -q '^Alpha' "$TMPD/out"
	ok "$loc: --terms: a glossary heading cleaned"

	"$d" --check --glossary "$H/g.md" "$H/l.md" "$H/r.md" > "$TMPD/out" \
	    2>&1; [ $? -eq 1 ] && safe "$TMPD/out" $a
	ok "$loc: --check fails, and its messages carry nothing"

	short "$TMPD/out"
	ok "$loc: --check messages are at most 200 columns"

	# A note holding escapes, bidi and C1, imported into the store.
	if [ "$loc" = C.UTF-8 ]; then
		python3 - "$H/notes.json" <<'PYEOF'
import json, sys
note = "Note \x1b]52;c;cm0gLXJmIH4K\x07 \u202eevil\u202c \x9b2J \x1b[2J end"
json.dump({"type": "AnnotationPage", "items": [{
    "id": "urn:uuid:0e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b",
    "type": "Annotation",
    "creator": {"type": "Person", "name": "m\x1b[31mallory\u202e"},
    "created": "2024-06-19T08:30:00Z",
    "body": [{"type": "TextualBody", "value": note},
             {"type": "TextualBody", "purpose": "tagging",
              "value": "t\x1b[1mag"}],
    "target": [{"source": "urn:diptych:left", "selector": {
        "type": "TextQuoteSelector", "exact": "Alpha beta gamma"}}]}]},
    open(sys.argv[1], 'w'))
PYEOF
		"$d" --import "$H/notes.json" "$H/l.md" "$H/r.md" \
		    > "$TMPD/out" 2>&1 && grep -q '1 added' "$TMPD/out"
		ok "a hostile note is imported"
	fi

	for f in markdown json csv; do
		tty "$TMPD/out" "$d" --export $f "$H/l.md" "$H/r.md" &&
		    safe "$TMPD/out" $a && grep -q 'end' "$TMPD/out"
		ok "$loc: --export $f to a terminal carries nothing"
	done
	tty "$TMPD/out" "$d" --export json "$H/l.md" "$H/r.md" &&
	    tr -d '\r' < "$TMPD/out" | python3 -c '
import json, sys
a = json.load(sys.stdin)["first"]["items"][0]
assert a["body"][0]["value"].startswith("Note \x1b]52;"), a
assert "\u202e" in a["body"][0]["value"]'
	ok "$loc: JSON to a terminal is escaped, not mangled: it reads back"

	# Messages: a file name, an option, TERM.
	"$d" --dump "$H/no${ESC}[2J${RLO}such.md" "$H/r.md" > "$TMPD/out" 2>&1
	[ $? -eq 1 ] && safe "$TMPD/out" $a && [ "$(wc -l < "$TMPD/out")" -eq 1 ]
	ok "$loc: a file name in a message is cleaned"

	"$d" "--x${ESC}]52;c;eA==$(printf '\007')" > "$TMPD/out" 2>&1
	[ $? -eq 2 ] && safe "$TMPD/out" $a
	ok "$loc: an unknown option in a message is cleaned"

	tty "$TMPD/out" "TERM='x${ESC}[2J${RLO}' timeout 5 $d $H/l.md $H/r.md"
	grep -q 'terminal' "$TMPD/out" && safe "$TMPD/out" $a
	ok "$loc: TERM in a message is cleaned"

	long=$(python3 -c 'print("n" * 400)')
	"$d" --dump "$H/$long.md" "$H/r.md" > "$TMPD/out" 2>&1
	[ $? -eq 1 ] && short "$TMPD/out" && grep -q 'nnn' "$TMPD/out"
	ok "$loc: a long message is cut"
done
export LC_ALL=C.UTF-8

# To a file, the export keeps the authors' text exactly.
"$d" --export csv "$H/l.md" "$H/r.md" > "$TMPD/out" &&
    LC_ALL=C grep -q "$(printf '\033')\\[2J end" "$TMPD/out"
ok "--export csv to a file keeps the note as written"
"$d" --export json "$H/l.md" "$H/r.md" > "$TMPD/out" && safe "$TMPD/out" &&
    python3 -c '
import json, sys
a = json.load(open(sys.argv[1]))["first"]["items"][0]
assert a["body"][0]["value"].endswith("\x1b[2J end")
assert "\x9b" in a["body"][0]["value"] and "\u202e" in a["creator"]["name"]
' "$TMPD/out"
ok "--export json to a file: controls and bidi as \\u escapes, exact"

# What --check says, where.
"$d" --check --glossary "$H/g.md" "$H/l.md" "$H/r.md" 2> "$TMPD/err"
for want in 'l.md:3: 3 control characters (ESC, BEL) in the front matter' \
    'l.md:4: 2 control characters (RLO, CSI) in the front matter' \
    'l.md:5: 1 control character (LRI) in the front matter' \
    'l.md:6: 1 control character (ESC) in the front matter' \
    'l.md:9: 2 control characters (ESC, RLO) in a section mark' \
    'l.md:10: 3 control characters (ESC) in a heading' \
    'l.md:12: 2 control characters (RLO, ESC) in the text' \
    "l.md:14: link 'one' leads to a URL holding ESC" \
    "l.md:14: link 'two' leads to a URL holding ESC, percent-encoded" \
    "l.md:14: link 'three' leads to a URL holding LF" \
    "l.md:14: link 'four' leads to a URL holding RLO" \
    'l.md:17: 1 control character (CSI) in a section mark' \
    'l.md:18: 2 control characters (ESC, RLO, as character references) in a heading' \
    'g.md:1: term' \
    "g.md:1: the source of term 'Alpha ␛[31m<RLO>' leads to a URL holding ESC, percent-encoded" \
    "l.md:15: 1 control character (RLO, as a character reference) in the text"
do
	grep -qF "$want" "$TMPD/err" || { diag "no: $want"; false; }
	ok "--check: $want"
done

# NUL bytes and bad bytes name their line.
printf -- '---\ntitle: a\0b\n---\n\nText.\n' > "$H/nul.md"
"$d" --check "$H/nul.md" 2> "$TMPD/err"; [ $? -eq 1 ] &&
    grep -q 'nul.md:2: a NUL byte' "$TMPD/err"
ok "a NUL byte in front matter names its line"
printf '# H\n\nok\n\nbad \233[2J here\n' > "$H/c1.md"
"$d" --dump "$H/c1.md" "$H/r.md" 2> "$TMPD/err" > /dev/null; [ $? -eq 1 ] &&
    grep -q 'c1.md:5: not valid UTF-8' "$TMPD/err" && safe "$TMPD/err"
ok "a raw C1 byte names its line"

# Files that are not files: at once, one line, exit 1.
mkfifo "$H/fifo"
printf '# H\n\nText.\n' > "$H/ok.md"
truncate -s 300M "$H/huge.md"
for f in "$H/fifo" /dev/zero "$H" "$H/huge.md"; do
	for how in "--dump $f $H/ok.md" "--check $f" "$H/ok.md $f" \
	    "--glossary $f --terms" "--import $f"; do
		# shellcheck disable=SC2086
		timeout 5 "$d" $how > /dev/null 2> "$TMPD/err" < /dev/null
		rc=$?
		[ $rc -eq 1 ] && [ "$(wc -l < "$TMPD/err")" -eq 1 ] ||
		    diag "$how: exit $rc: $(cat "$TMPD/err")"
		ok "$(basename "$f"): diptych $(echo "$how" | sed "s|$H/||g"): one line, exit 1"
	done
done
timeout 5 "$d" --dump "$H/fifo" "$H/ok.md" 2>&1 | grep -q 'fifo: not a regular file'
ok "a FIFO: not a regular file"
timeout 5 "$d" --dump /dev/zero "$H/ok.md" 2>&1 |
    grep -q '^diptych: /dev/zero: not a regular file'
ok "/dev/zero: not a regular file"
timeout 5 "$d" --dump "$H/huge.md" "$H/ok.md" 2>&1 |
    grep -q 'huge.md: larger than 256 MiB: not read'
ok "300 MiB: refused, the limit named"
timeout 5 "$d" --import "$H/huge.md" 2>&1 |
    grep -q 'huge.md: larger than 16 MiB: not imported'
ok "an import of 300 MiB: refused, the limit named"

done_testing
