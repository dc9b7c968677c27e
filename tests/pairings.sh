#!/bin/sh
# Stored pairings from the command line: --sections and --dump pair the
# passages of a pairing like file marks; --check says when one crosses
# the files' marks (which win); --export writes it "linking" and
# --import reads it back.
. "$(dirname "$0")/lib.sh"

d="$DIPTYCH"
tab=$(printf '\t')
for f in ogi-2024 koga-2023; do
	grep -v '^<!-- section:' "$SRCDIR/texts/$f.md" > "$TMPD/$f.md"
done
L="$TMPD/ogi-2024.md" R="$TMPD/koga-2023.md"

# pairing FILE LABEL LEFT-QUOTE RIGHT-QUOTE: a W3C file of one pairing.
pairing() {
	cat > "$1" <<EOF
{"type": "AnnotationCollection", "first": {"type": "AnnotationPage", "items": [
 {"id": "urn:uuid:8a5c3a52-6a1e-4c7b-9d55-0c0ffee00001",
  "type": "Annotation", "motivation": "linking",
  "creator": {"type": "Person", "name": "ana"},
  "created": "2026-12-07T10:00:00Z",
  "body": [{"type": "TextualBody", "purpose": "commenting",
            "value": "$2 #pairing"},
           {"type": "TextualBody", "purpose": "tagging", "value": "pairing"}],
  "target": [
   {"source": "urn:diptych:ogi-2024",
    "selector": {"type": "TextQuoteSelector", "exact": "$3"}},
   {"source": "urn:diptych:koga-2023",
    "selector": {"type": "TextQuoteSelector", "exact": "$4"}}]}]}}
EOF
}

# Two texts whose marks are gone pair nothing but their openings.
"$d" --sections --width 120 "$L" "$R" > "$TMPD/before"
! grep -q "Treaty in Ogi" "$TMPD/before"
ok "without a pairing, the texts pair no passage of theirs"

pairing "$TMPD/p.json" "Treaty in Ogi, Kim in Koga" \
    "According to North Korea’s Korean Central News Agency" \
    "North Korea’s leader, Kim Jong Un"
"$d" --import "$TMPD/p.json" --store "$TMPD/p.db" "$L" "$R" \
    > "$TMPD/out" 2>&1 && grep -q '1 added' "$TMPD/out"
ok "a pairing is imported into a store"
"$d" --sections --width 120 --store "$TMPD/p.db" "$L" "$R" > "$TMPD/s"
line=$(grep "${tab}Treaty in Ogi, Kim in Koga$tab" "$TMPD/s")
l=$(echo "$line" | cut -f3) r=$(echo "$line" | cut -f4)
[ -n "$line" ] && [ "$l" = "$r" ] && [ "$l" -gt 1 ]
ok "--sections lists the paired section, both sides on row $l"
"$d" --dump --width 120 --store "$TMPD/p.db" "$L" "$R" > "$TMPD/dump"
sed -n "${l}p" "$TMPD/dump" | awk -F ' │ ' '
    index($1, "According to North Korea’s Korean") > 0 &&
    index($2, "North Korea’s leader, Kim") == 1 { found = 1 }
    END { exit !found }'
ok "--dump shows the paired passages from that row on"
DIPTYCH_STORE="$TMPD/p.db" "$d" --sections --width 120 "$L" "$R" |
    cmp -s - "$TMPD/s"
ok "\$DIPTYCH_STORE names the store as --store does"

"$d" --export json --store "$TMPD/p.db" "$L" "$R" > "$TMPD/out.json"
grep -q '"motivation": "linking"' "$TMPD/out.json" &&
    grep -q '"purpose": "tagging", "value": "pairing"' "$TMPD/out.json"
ok "--export json writes it as a linking annotation tagged pairing"
"$d" --import "$TMPD/out.json" --store "$TMPD/q.db" "$L" "$R" \
    > /dev/null 2>&1 &&
    "$d" --sections --width 120 --store "$TMPD/q.db" "$L" "$R" |
    cmp -s - "$TMPD/s"
ok "--import reads it back: the same sections"

# The bundled essays: their marks win over a pairing that crosses them
# (here Ogi's china section against Koga's partnership; a pairing of a
# passage within one section with another's first is one too).
"$d" --sections --width 120 > "$TMPD/marked"
pairing "$TMPD/x.json" "Across the marks" \
    "An even more cautious response has been shown by China" \
    "North Korea’s leader, Kim Jong Un"
"$d" --import "$TMPD/x.json" --store "$TMPD/x.db" > /dev/null 2>&1
"$d" --sections --width 120 --store "$TMPD/x.db" | cmp -s - "$TMPD/marked"
ok "a pairing that crosses the essays' marks is left out of --sections"
"$d" --check --store "$TMPD/x.db" > "$TMPD/out" 2>&1
[ $? -eq 1 ] && grep -q "x.db: pairing 'Across the marks' crosses the files' section marks" "$TMPD/out"
ok "--check says so, naming the store and the pairing, and exits 1"
"$d" --check > /dev/null 2>&1
ok "--check without that store passes"

# Within a pair of marked sections, a pairing divides them.
pairing "$TMPD/w.json" "Within the partnership" \
    "According to North Korea’s Korean Central News Agency" \
    "The emergence of this cordial relationship between Russia"
"$d" --import "$TMPD/w.json" --store "$TMPD/w.db" > /dev/null 2>&1
"$d" --sections --width 120 --store "$TMPD/w.db" > "$TMPD/s"
[ "$(wc -l < "$TMPD/s")" -eq 7 ] &&
    grep -q "${tab}Within the partnership$tab" "$TMPD/s" &&
    "$d" --check --store "$TMPD/w.db" > /dev/null 2>&1
ok "one within the marked partnership sections divides them, and checks"

# Suggested pairings laid out: Ogi's first heading against Kim's trip.
"$d" --dump --pair suggest --width 120 "$L" "$R" > "$TMPD/sd"
awk -F ' │ ' 'index($1, "The Russia-North Korea Partnership") == 1 &&
    index($2, "North Korea’s leader, Kim") == 1 { found = 1 }
    END { exit !found }' "$TMPD/sd" &&
    ! "$d" --dump --width 120 "$L" "$R" | cmp -s "$TMPD/sd" -
ok "--dump --pair suggest lays the texts out with the suggestions"

done_testing
