#!/bin/sh
# End to end: writing a note in a real terminal, and finding it again
# after the process was killed; faults of the store.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.sh"

esc=$(printf '\033')
H=40
STORE="$TMPD/notes.db"
DIPTYCH_ARGS="--store $STORE --author tester"

start 160 $H
keys ']' v
screen_e | grep -q "$esc\[[0-9;]*7m" && row $H | grep -q 'selection: '
ok "v selects the first sentence of the section"
keys w a
screen | grep -q 'note on “' && screen | grep -q 'Enter: save'
ok "a opens the note editor on the selection"
T send-keys -l 'Ogi names the treaty first. #seminar'
T send-keys C-j
T send-keys -l 'Second line, ü and 日本.'
give 0.3
screen | grep -q 'Ogi names the treaty first. #seminar' &&
    screen | grep -q 'Second line, ü and 日本.'
ok "the note is typed over two lines (Ctrl-J), UTF-8 included"
keys Enter
row $H | grep -q 'saved'
ok "Enter says saved"
# Killed at once, with no chance to clean up: the note is committed.
kill -9 "$(reader_pid)"
sleep 0.5

start 160 $H
keys ']'
screen | grep -q '▐' && screen_e | grep -q "$esc\[[0-9;]*4[0-9;]*m"
ok "after kill -9 and a restart, the passage is marked, with a margin sign"
keys Tab
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
	keys Enter
	screen | grep -q ' note ' && break
	keys Escape Tab
done
screen | grep -q 'Ogi names the treaty first.' &&
    screen | grep -q '#seminar' && screen | grep -q 'tester, 20'
ok "Tab reaches the note and Enter shows it: text, tags, author, time"
keys Escape

# The annotations list: the note, x deletes it (a tombstone), u undoes.
keys A
screen | grep -q ' annotations ' &&
    screen | grep 'Ogi 2024: Ogi names the treaty first' | grep -q '“' &&
    screen | grep 'Ogi names the treaty' | grep -q 'tester'
ok "A lists the note: essay, quote, note, author"
keys x
row $H | grep -q 'deleted' && ! screen | grep -q '▐' &&
    screen | grep -q 'no annotations'
ok "x deletes it: the mark is gone, the list stays open"
keys u
row $H | grep -q 'the note is back' && screen | grep -q '▐'
ok "u undoes the delete"
keys e
screen | grep -q 'Ogi names the treaty first. #seminar'
ok "e in the list opens the note in the editor"
keys Up End
T send-keys -l ' Edited.'
keys Enter
row $H | grep -q 'saved' && keys A &&
    screen | grep -q 'Ogi names the treaty first. #seminar Edited.'
ok "the edit is saved and shown in the list"
keys Escape
keys Escape A Enter
! screen | grep -q ' annotations ' && screen | grep -q '▐'
ok "Enter in the list goes to the note's passage"

# Review: a second note, in Koga's essay; R steps through both.
keys l a
T send-keys -l 'Koga answers here.'
keys Enter h g R
screen | grep -q 'note 1 of 2'
ok "R shows the first note in document order, with its count"
keys n
screen | grep -q 'note 2 of 2' && screen | grep -q 'Koga answers here.' &&
    row $H | grep -q 'Koga 2023.*sync.*' 
ok "n goes to the next: its passage in view, its note shown"
keys n
row $H | grep -q 'the last note'
ok "n at the last says so"
keys p
screen | grep -q 'note 1 of 2'
ok "p goes back"
keys q
! screen | grep -q 'note 1 of 2'
ok "q ends the review"

# A link between the essays: L on a passage of Ogi's, L on one of
# Koga's, one note on both; Enter on one end brings the other pane to
# the other end.
keys g ']' ']' ']' v L
row $H | grep -q 'link: now the passage in Koga 2023'
ok "L keeps one end and turns to the other essay"
keys v L
screen | grep -q 'link “' && screen | grep -q '” ↔ “'
ok "L on the other essay's passage opens the note on both"
T send-keys -l 'Relative gains, both sides.'
keys Enter
row $H | grep -q 'saved' &&
    [ "$(screen | grep -c '▐')" -ge 2 ]
ok "the link is saved and marked in both panes"
keys A
screen | grep 'Relative gains, both sides.' | grep -q 'link'
ok "the list says it is a link"
keys Escape

# Esc with text asks first; y drops the note, nothing is stored.
keys g a
T send-keys -l 'draft to drop'
keys Escape
screen | grep -q 'drop this note?'
ok "Esc on a note with text asks before dropping it"
keys y
row $H | grep -q 'note dropped' && ! screen | grep -q 'Enter: save'
ok "y drops it"
keys q
wait_exit > /dev/null

# The connection drops while a note is being written: it is kept, and
# offered back next time.
start 160 $H
keys ']' ']' a
T send-keys -l 'typed before the link dropped'
give 0.3
signal HUP
[ "$(wait_exit)" = 129 ]
ok "SIGHUP while writing a note ends the reader"
start 160 $H
screen | grep -q 'typed before the link dropped' &&
    row $H | grep -q 'was kept'
ok "the next start offers the note back, in the editor"
keys Enter
row $H | grep -q 'saved'
ok "and Enter saves it"
keys q
wait_exit > /dev/null
start 160 $H
! screen | grep -q 'Enter: save'
ok "once saved, the draft is not offered again"
keys q
wait_exit > /dev/null

# Under LANG=C the marks and the link's arrow have ASCII stand-ins.
DIPTYCH_ARGS="--store $STORE --author tester" start 100 30 LANG=C LC_ALL=C
keys ']' ']' ']'
screen | grep -q '\*|' && ! screen | LC_ALL=C grep -q '[?]|[?]'
ok "LANG=C: a noted row is marked with * in the margin"
keys v L v L
screen | grep -q '" = "'
ok "LANG=C: the link's two ends are joined by ="
keys Escape
keys Escape y q
wait_exit > /dev/null

# --- export ---------------------------------------------------------------
"$DIPTYCH" --export markdown --store "$STORE" > "$TMPD/handout.md" &&
    grep -q '^# Notes on Ogi 2024 and Koga 2023' "$TMPD/handout.md" &&
    grep -q '^### The Russia-North Korea partnership' "$TMPD/handout.md" &&
    grep -q '^> ' "$TMPD/handout.md" &&
    grep -q 'Ogi names the treaty first. .#seminar Edited.' "$TMPD/handout.md" &&
    grep -q '^Linked with Koga 2023: “' "$TMPD/handout.md"
ok "--export markdown: a handout by essay and section, quotes, notes, links"
"$DIPTYCH" --export json --store "$STORE" > "$TMPD/notes.json" &&
    python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["@context"] == "http://www.w3.org/ns/anno.jsonld"
assert d["type"] == "AnnotationCollection"
items = d["first"]["items"]
assert d["total"] == len(items) >= 3
for a in items:
    assert a["type"] == "Annotation" and a["id"].startswith("urn:uuid:")
    assert any(b["purpose"] == "commenting" for b in a["body"])
    for t in a["target"]:
        kinds = [s["type"] for s in t["selector"]]
        assert kinds == ["TextQuoteSelector", "TextPositionSelector"]
        assert t["selector"][1]["end"] > t["selector"][1]["start"]
assert any(len(a["target"]) == 2 for a in items)
assert any(b["purpose"] == "tagging" and b["value"] == "seminar"
           for a in items for b in a["body"])
' "$TMPD/notes.json"
ok "--export json: a W3C Web Annotation collection, tags, a link with two targets"
"$DIPTYCH" --export csv --store "$STORE" > "$TMPD/notes.csv" &&
    python3 -c '
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
assert rows[0][:4] == ["id", "author", "created", "modified"]
assert len(rows) >= 4 and all(len(r) == 12 for r in rows)
assert any("Second line" in r[7] for r in rows)
' "$TMPD/notes.csv"
ok "--export csv: RFC 4180, a note over two lines kept in one field"

# --- faults --------------------------------------------------------------
# A store that cannot be written: the note is not lost, it stays in the
# editor, and the reader goes on.
# Root writes any file: then the reader runs as nobody, who may not.
if [ "$(id -u)" -eq 0 ]; then
	chmod 755 "$TMPD"
	chmod 644 "$STORE"
	printf '#!/bin/sh\nexec setpriv --reuid=65534 --regid=65534 --clear-groups -- "%s" "$@"\n' \
	    "$DIPTYCH" > "$TMPD/as-nobody"
	chmod 755 "$TMPD/as-nobody"
	REAL=$DIPTYCH
	DIPTYCH=$TMPD/as-nobody
else
	chmod 444 "$STORE"
fi
start 160 $H
keys a
T send-keys -l 'cannot be stored'
keys Enter
row $H | grep -q 'not saved' && screen | grep -q 'cannot be stored'
ok "a read-only store: not saved, the note stays in the editor"
keys Escape y q
wait_exit > /dev/null
chmod 644 "$STORE"
DIPTYCH=${REAL:-$DIPTYCH}

# A file that is not a diptych store: refused, never written, and the
# reader opens with annotations off.
printf 'my thesis, chapter 1\n' > "$TMPD/thesis.txt"
cp "$TMPD/thesis.txt" "$TMPD/thesis.orig"
DIPTYCH_ARGS="--store $TMPD/thesis.txt" start 160 $H
row $H | grep -q 'annotations are off'
ok "not a diptych store: the reader opens, annotations off, and says so"
keys a
T send-keys -l 'x'
keys Enter
row $H | grep -q 'not saved'
ok "and a note is not claimed saved"
keys Escape y q
wait_exit > /dev/null
cmp -s "$TMPD/thesis.txt" "$TMPD/thesis.orig"
ok "the file is never modified"

done_testing
