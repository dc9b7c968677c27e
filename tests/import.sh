#!/bin/sh
# --import: W3C JSON and Hypothesis JSON merged into a store, exported
# back the same, twice changing nothing; bad files refused with the
# store left as it was.
. "$(dirname "$0")/lib.sh"

d="$DIPTYCH"
A="$TMPD/a.db"
B="$TMPD/b.db"
OGI=urn:diptych:ogi-2024

# Notes written without the reader: a W3C file of our own.  A note with
# tags, a link between the essays, a note on Koga's essay by its URN.
cat > "$TMPD/notes.json" <<EOF
{
  "@context": "http://www.w3.org/ns/anno.jsonld",
  "type": "AnnotationCollection",
  "first": {
    "type": "AnnotationPage",
    "items": [
      {"id": "urn:uuid:6f1c2b9e-4a3d-4e8f-9b1a-2c3d4e5f6a7b",
       "type": "Annotation",
       "creator": {"type": "Person", "name": "ana"},
       "created": "2024-06-19T08:30:00Z", "modified": "2024-06-19T08:45:00Z",
       "body": [{"type": "TextualBody", "purpose": "commenting",
                 "value": "Assistance now, alliance later. #treaty"},
                {"type": "TextualBody", "purpose": "tagging", "value": "seminar"}],
       "target": [{"source": "$OGI",
                   "selector": [{"type": "TextQuoteSelector",
                                 "exact": "mutual military assistance and strengthened cooperation"}]}]},
      {"id": "urn:uuid:7a2d3c4b-5e6f-4a1b-8c2d-3e4f5a6b7c8d",
       "type": "Annotation",
       "creator": {"type": "Person", "name": "Sŏng-min"},
       "created": "2024-06-20T09:00:00+09:00",
       "body": {"type": "TextualBody", "value": "Relative gains, both sides."},
       "target": [{"source": "$OGI",
                   "selector": {"type": "TextQuoteSelector", "exact": "Relative Gains"}},
                  {"source": "urn:diptych:koga-2023",
                   "selector": {"type": "TextQuoteSelector", "exact": "to deter and contain"}}]},
      {"id": "urn:uuid:8b3e4d5c-6f7a-4b2c-9d3e-4f5a6b7c8d9e",
       "type": "Annotation",
       "creator": "ben",
       "created": "2024-06-21T10:00:00.750Z",
       "bodyValue": "Koga's two aims.",
       "target": {"source": "urn:diptych:koga-2023",
                  "selector": {"type": "TextQuoteSelector", "exact": "deterring North Korea"}}}
    ]
  }
}
EOF

"$d" --import "$TMPD/notes.json" --store "$A" --author tester > "$TMPD/out" &&
    grep -qx "diptych: imported $TMPD/notes.json: 3 added, 0 updated, 0 unchanged, 0 skipped" "$TMPD/out"
ok "--import a W3C collection: one line saying 3 added"

"$d" --export json --store "$A" > "$TMPD/a.json" &&
    python3 -c '
import json, sys
items = json.load(open(sys.argv[1]))["first"]["items"]
assert [a["id"][9:17] for a in items] == ["6f1c2b9e", "7a2d3c4b", "8b3e4d5c"], items
assert items[0]["creator"]["name"] == "ana"
assert items[0]["created"] == "2024-06-19T08:30:00.000Z"
assert items[0]["modified"] == "2024-06-19T08:45:00.000Z"
assert [b["value"] for b in items[0]["body"] if b["purpose"] == "tagging"] == ["seminar", "treaty"]
assert items[1]["created"] == "2024-06-20T00:00:00.000Z"
assert items[2]["created"] == items[2]["modified"] == "2024-06-21T10:00:00.750Z"
assert len(items[1]["target"]) == 2
assert items[1]["target"][1]["source"].startswith("https://globalnk.org/")
# The essay positions are found: a quote is where TextPositionSelector says.
for a in items:
    for t in a["target"]:
        q, p = t["selector"]
        assert p["end"] - p["start"] == len(q["exact"]), t
' "$TMPD/a.json"
ok "the notes keep their ids, authors, times (to the millisecond), tags and link"

"$d" --import "$TMPD/a.json" --store "$B" > "$TMPD/out" &&
    "$d" --export json --store "$B" > "$TMPD/b.json" &&
    cmp -s "$TMPD/a.json" "$TMPD/b.json"
ok "--export json, --import into a new store, --export json: the same file"

"$d" --export csv --store "$B" > "$TMPD/b1.csv" &&
    "$d" --import "$TMPD/a.json" --store "$B" > "$TMPD/out" &&
    grep -q ": 0 added, 0 updated, 3 unchanged, 0 skipped$" "$TMPD/out" &&
    "$d" --export csv --store "$B" > "$TMPD/b2.csv" &&
    cmp -s "$TMPD/b1.csv" "$TMPD/b2.csv"
ok "importing the same file twice changes nothing"

# A newer version of one note wins; an older one does not.
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
a = d["first"]["items"][2]
a["modified"] = "2024-07-01T12:00:00Z"
a["body"][0]["value"] = "Koga has two aims, and a third. #revised"
b = d["first"]["items"][0]
b["modified"] = "2024-06-19T08:40:00Z"
b["body"][0]["value"] = "an older version"
json.dump(d, open(sys.argv[2], "w"))
' "$TMPD/a.json" "$TMPD/newer.json"
"$d" --import "$TMPD/newer.json" --store "$B" > "$TMPD/out" &&
    grep -q ": 0 added, 1 updated, 2 unchanged, 0 skipped$" "$TMPD/out" &&
    "$d" --export csv --store "$B" > "$TMPD/b.csv" &&
    grep -q 'Koga has two aims, and a third' "$TMPD/b.csv" &&
    grep -q '#revised' "$TMPD/b.csv" &&
    grep -q 'Assistance now, alliance later' "$TMPD/b.csv" &&
    ! grep -q 'an older version' "$TMPD/b.csv"
ok "a newer version wins, an older one is left out"

# --- replies ------------------------------------------------------------------
# A note and a reply naming it as its target; a reply to the reply,
# before it in the file; a reply to a note that is not in the file.
R1=urn:uuid:1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f
R2=urn:uuid:2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a
NOTE=urn:uuid:6f1c2b9e-4a3d-4e8f-9b1a-2c3d4e5f6a7b
cat > "$TMPD/thread.json" <<EOF
{"type": "AnnotationPage", "items": [
  {"id": "$R2", "type": "Annotation", "motivation": "replying",
   "creator": {"type": "Person", "name": "ana"},
   "created": "2024-06-19T10:00:00.005Z",
   "body": {"type": "TextualBody", "value": "Later, as the essay says."},
   "target": "$R1"},
  {"id": "$NOTE", "type": "Annotation",
   "creator": {"type": "Person", "name": "ana"},
   "created": "2024-06-19T08:30:00.250Z",
   "bodyValue": "Assistance now, alliance later. #treaty",
   "target": {"source": "$OGI",
              "selector": {"type": "TextQuoteSelector",
                           "exact": "mutual military assistance and strengthened cooperation"}}},
  {"id": "$R1", "type": "Annotation", "motivation": "replying",
   "creator": {"type": "Person", "name": "ben"},
   "created": "2024-06-19T09:15:00.999Z", "modified": "2024-06-19T09:16:00.001Z",
   "body": {"type": "TextualBody", "value": "An alliance? #doubt"},
   "target": "$NOTE"},
  {"id": "urn:uuid:3e4f5a6b-7c8d-4e9f-8a1b-2c3d4e5f6a7b", "type": "Annotation",
   "motivation": "replying", "bodyValue": "To a note not in this file.",
   "target": {"id": "urn:uuid:4f5a6b7c-8d9e-4f0a-9b2c-3d4e5f6a7b8c"}}
]}
EOF
"$d" --import "$TMPD/thread.json" --store "$TMPD/t.db" > "$TMPD/out" &&
    grep -qx "diptych: imported $TMPD/thread.json: 3 added, 0 updated, 0 unchanged, 1 skipped (with no passage)" "$TMPD/out"
ok "--import a note and its replies: 3 added; a reply to a note not in the file, skipped"

"$d" --export json --store "$TMPD/t.db" > "$TMPD/t1.json" &&
    python3 -c '
import json, sys
items = {a["id"][9:17]: a for a in json.load(open(sys.argv[1]))["first"]["items"]}
assert sorted(items) == ["1c2d3e4f", "2d3e4f5a", "6f1c2b9e"], items
note, r1, r2 = items["6f1c2b9e"], items["1c2d3e4f"], items["2d3e4f5a"]
assert note["motivation"] == "commenting"
assert r1["motivation"] == r2["motivation"] == "replying"
assert r1["target"] == note["id"] and r2["target"] == r1["id"]
assert r1["creator"]["name"] == "ben"
assert r1["created"] == "2024-06-19T09:15:00.999Z"
assert r1["modified"] == "2024-06-19T09:16:00.001Z"
assert r2["created"] == r2["modified"] == "2024-06-19T10:00:00.005Z"
assert [(b["purpose"], b["value"]) for b in r1["body"]] == \
    [("commenting", "An alliance? #doubt"), ("tagging", "doubt")]
' "$TMPD/t1.json" &&
    "$d" --import "$TMPD/t1.json" --store "$TMPD/t2.db" > "$TMPD/out" &&
    grep -q ": 3 added, 0 updated, 0 unchanged, 0 skipped$" "$TMPD/out" &&
    "$d" --export json --store "$TMPD/t2.db" > "$TMPD/t2.json" &&
    cmp -s "$TMPD/t1.json" "$TMPD/t2.json"
ok "replies: --export json (replying, the note's id the target), --import into a new store, --export json: the same file"

"$d" --export csv --store "$TMPD/t2.db" > "$TMPD/t.csv" &&
    python3 -c '
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
assert rows[0][-1] == "reply_to" and all(len(r) == 12 for r in rows)
by = {r[0][:8]: r for r in rows[1:]}
assert by["6f1c2b9e"][11] == ""
assert by["1c2d3e4f"][11].startswith("6f1c2b9e-")
assert by["2d3e4f5a"][11].startswith("1c2d3e4f-")
assert by["2d3e4f5a"][6] == by["6f1c2b9e"][6]    # on the note passage
' "$TMPD/t.csv"
ok "--export csv: reply_to, the replies on their note's passage"

"$d" --export markdown --store "$TMPD/t2.db" > "$TMPD/t.md" &&
    [ "$(grep -c '^> mutual military assistance' "$TMPD/t.md")" -eq 1 ] &&
    [ "$(grep -c 'An alliance?' "$TMPD/t.md")" -eq 1 ] &&
    [ "$(grep -c 'Later, as the essay says' "$TMPD/t.md")" -eq 1 ] &&
    grep -A4 '^\*\\#treaty — ana, 2024-06-19\*$' "$TMPD/t.md" > "$TMPD/under" &&
    grep -qx '  - ↳ ben, 2024-06-19: An alliance? \\#doubt' "$TMPD/under" &&
    grep -qx '  - ↳ ana, 2024-06-19: Later, as the essay says.' "$TMPD/under"
ok "--export markdown: the replies under their note, once, not as notes of their own"

# --- bad files --------------------------------------------------------------
cp "$B" "$TMPD/b.before"
printf '{\n  "type": "AnnotationPage",\n  "items": [\n    {"id": "x",, }\n  ]\n}\n' \
    > "$TMPD/broken.json"
"$d" --import "$TMPD/broken.json" --store "$B" > "$TMPD/out" 2> "$TMPD/err"
[ $? -eq 1 ] && [ ! -s "$TMPD/out" ] && [ "$(wc -l < "$TMPD/err")" -eq 1 ] &&
    grep -q "^diptych: $TMPD/broken.json:4: " "$TMPD/err" &&
    cmp -s "$B" "$TMPD/b.before"
ok "not JSON: exit 1, FILE:LINE: what, the store's bytes unchanged"

python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
d["first"]["items"][0]["body"][0]["value"] = "would be an update"
d["first"]["items"][0]["modified"] = "2030-01-01T00:00:00Z"
del d["first"]["items"][1]["target"][1]["selector"][0]["type"]
json.dump(d, open(sys.argv[2], "w"), indent=1)
' "$TMPD/a.json" "$TMPD/shape.json"
"$d" --import "$TMPD/shape.json" --store "$B" 2> "$TMPD/err"
[ $? -eq 1 ] &&
    grep -qx "diptych: $TMPD/shape.json: item 2: target 2 has no TextQuoteSelector" "$TMPD/err" &&
    cmp -s "$B" "$TMPD/b.before"
ok "the wrong shape: exit 1, FILE: item N: what, nothing imported (not even item 1)"

"$d" --import "$TMPD/broken.json" --store "$TMPD/never.db" 2> /dev/null
[ $? -eq 1 ] && [ ! -e "$TMPD/never.db" ]
ok "a bad file does not even make the store"

printf '[{"type": "Annotation", "id": "x", "target": \033[2J}]\n' > "$TMPD/esc.json"
"$d" --import "$TMPD/esc.json" --store "$B" 2> "$TMPD/err"
[ $? -eq 1 ] && grep -q 'esc.json:1: ' "$TMPD/err" &&
    ! LC_ALL=C grep -q "$(printf '\033')" "$TMPD/err"
ok "the file's bytes never reach the terminal as control characters"

# Sizes: a file over 16 MiB is refused unread; one under it whose JSON
# would take too much memory (empty objects) is refused once it does.
python3 -c 'import sys; sys.stdout.write("[" + "{},"*(15*1024*1024//3) + "{}]")' \
    > "$TMPD/objects.json"
"$d" --import "$TMPD/objects.json" --store "$B" 2> "$TMPD/err"
[ $? -eq 1 ] && grep -q 'objects.json: too big to import: more than 256 MiB once read' "$TMPD/err" &&
    cmp -s "$B" "$TMPD/b.before"
ok "a flood of empty objects: too big once read, exit 1, nothing imported"
head -c $((16 * 1024 * 1024 + 1)) /dev/zero > "$TMPD/huge.json"
"$d" --import "$TMPD/huge.json" --store "$B" 2> "$TMPD/err"
[ $? -eq 1 ] && grep -q 'huge.json: larger than 16 MiB: not imported' "$TMPD/err"
ok "a file over 16 MiB: refused"
rm -f "$TMPD/objects.json" "$TMPD/huge.json"

printf 'my thesis, chapter 1\n' > "$TMPD/thesis.txt"
cp "$TMPD/thesis.txt" "$TMPD/thesis.orig"
"$d" --import "$TMPD/a.json" --store "$TMPD/thesis.txt" 2> "$TMPD/err"
[ $? -eq 1 ] && grep -q 'not a diptych annotation store' "$TMPD/err" &&
    cmp -s "$TMPD/thesis.txt" "$TMPD/thesis.orig"
ok "a file that is not a store: refused and left alone"

"$d" --import 2> /dev/null; [ $? -eq 2 ] &&
    "$d" --import "$TMPD/a.json" --export json 2> /dev/null; [ $? -eq 2 ] &&
    "$d" --import "$TMPD/nosuch.json" --store "$B" 2> "$TMPD/err"; [ $? -eq 1 ] &&
    grep -q 'nosuch.json: No such file or directory' "$TMPD/err"
ok "usage: --import takes a file and goes alone; a missing file, exit 1"

# Notes on a copy of an essay elsewhere: placed by their quote when it says
# whose it is (32 bytes or more without context), else skipped.
cat > "$TMPD/copy.json" <<EOF
[{"id": "urn:uuid:1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e", "type": "Annotation",
  "bodyValue": "On a PDF copy.",
  "target": {"source": "https://example.org/ogi-copy.pdf",
             "selector": {"type": "TextQuoteSelector",
                          "exact": "mutual military assistance and strengthened cooperation"}}},
 {"id": "urn:uuid:2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f", "type": "Annotation",
  "bodyValue": "Too short to tell.",
  "target": {"source": "https://example.org/ogi-copy.pdf",
             "selector": {"type": "TextQuoteSelector", "exact": "Relative Gains"}}}]
EOF
"$d" --import "$TMPD/copy.json" --store "$TMPD/copy.db" > "$TMPD/out" &&
    grep -q ": 1 added, 0 updated, 0 unchanged, 1 skipped (not one of these essays)$" "$TMPD/out" &&
    "$d" --export csv --store "$TMPD/copy.db" | grep -q '"ogi-2024",.*"mutual military assistance and strengthened cooperation"'
ok "a note on a copy elsewhere: placed by a quote that tells whose, else skipped"

# Another page's note is not read further: a fault in it is not ours.
cat > "$TMPD/other.json" <<EOF
{"total": 1, "rows": [{"id": "xYz1", "uri": "https://example.org/elsewhere",
  "references": "oops", "text": "On another page.",
  "target": [{"source": "https://example.org/elsewhere"}]}]}
EOF
"$d" --import "$TMPD/other.json" --store "$TMPD/other.db" > "$TMPD/out" &&
    grep -q ": 0 added, 0 updated, 0 unchanged, 1 skipped (not one of these essays)$" "$TMPD/out"
ok "another page's note with a fault in it: skipped, not an error"

# --- Hypothesis ---------------------------------------------------------------
H="$SRCDIR/tests/data/hypothesis.json"
"$d" --import "$H" --store "$TMPD/h.db" --author tester > "$TMPD/out" &&
    grep -qx "diptych: imported $H: 6 added, 0 updated, 0 unchanged, 2 skipped (not one of these essays)" "$TMPD/out" &&
    "$d" --import "$H" --store "$TMPD/h.db" > "$TMPD/out" &&
    grep -q ": 0 added, 0 updated, 6 unchanged, 2 skipped" "$TMPD/out"
ok "a Hypothesis API response: 6 added by their quotes, 2 skipped; again, nothing new"

"$d" --export csv --store "$TMPD/h.db" > "$TMPD/h.csv" &&
    python3 -c '
import csv, json, sys
rows = {r[0]: r for r in csv.reader(open(sys.argv[1], newline=""))}
want = []
for r in json.load(open(sys.argv[2]))["rows"]:
    for t in r["target"]:
        for s in t.get("selector", []):
            if s["type"] == "TextQuoteSelector" and "38north" not in t["source"]:
                want.append(s["exact"])
del rows["id"]
quotes = [r[6] for r in rows.values()]
assert sorted(set(quotes)) == sorted(want), (want, quotes)
assert len(quotes) == 6     # five passages and the reply on its thread
authors = sorted(set(r[1] for r in rows.values()))
assert authors == ["jun.park", "mina_seo"], authors
assert any(r[4] == "koga-2023" and r[8] == "#deterrence" for r in rows.values())
assert any(r[8] == "#alliance #treaty #deterrence" for r in rows.values())
' "$TMPD/h.csv" "$H"
ok "--export csv shows the Hypothesis quotes on their essays, authors, tags"

"$d" --export markdown --store "$TMPD/h.db" > "$TMPD/h.md" &&
    ! grep -q 'Notes whose passage was not found' "$TMPD/h.md" &&
    grep -q '^> if Russia’s technical assistance enhances' "$TMPD/h.md"
ok "every Hypothesis quote is found in the essay (no orphans in the handout)"

# --- two files of one's own -----------------------------------------------------
printf -- '---\nid: left-essay\nsource: https://example.org/left\n---\n\nAlpha beta gamma.\n' \
    > "$TMPD/l.md"
printf -- '---\nid: right-essay\n---\n\nDelta epsilon.\n' > "$TMPD/r.md"
cat > "$TMPD/mine.json" <<'EOF'
[{"type": "Annotation", "id": "urn:uuid:9c4f5e6d-7a8b-4c3d-8e4f-5a6b7c8d9e0f",
  "created": "2024-06-19T08:30:00Z", "bodyValue": "on the left",
  "target": {"source": "https://example.org/left",
             "selector": {"type": "TextQuoteSelector", "exact": "beta"}}},
 {"type": "Annotation", "id": "urn:uuid:0d5a6f7e-8b9c-4d4e-9f5a-6b7c8d9e0f1a",
  "created": "2024-06-19T08:31:00Z", "bodyValue": "on the right",
  "target": {"source": "urn:diptych:right-essay",
             "selector": {"type": "TextQuoteSelector", "exact": "epsilon"}}}]
EOF
"$d" --import "$TMPD/mine.json" --store "$TMPD/m.db" "$TMPD/l.md" "$TMPD/r.md" > "$TMPD/out" &&
    grep -q ': 2 added, 0 updated, 0 unchanged, 0 skipped$' "$TMPD/out" &&
    "$d" --export csv --store "$TMPD/m.db" "$TMPD/l.md" "$TMPD/r.md" > "$TMPD/m.csv" &&
    grep -q '"left-essay",.*"beta","on the left"' "$TMPD/m.csv" &&
    grep -q '"right-essay",.*"epsilon","on the right"' "$TMPD/m.csv"
ok "LEFT.md RIGHT.md: sources matched to those essays"
"$d" --import "$TMPD/mine.json" --store "$TMPD/m2.db" > "$TMPD/out" &&
    grep -q ': 0 added, 0 updated, 0 unchanged, 2 skipped (not one of these essays)$' "$TMPD/out"
ok "the same file against the bundled essays: skipped, not one of these essays"

done_testing
