#!/bin/sh
# Glossary terms and citations from the command line.
. "$(dirname "$0")/lib.sh"

d="$DIPTYCH"
tab=$(printf '\t')
# No user glossary from the machine running the tests.
export XDG_CONFIG_HOME="$TMPD/config"

"$d" --terms > "$TMPD/terms"
ok "--terms runs"

# "Japan-South Korea GSOMIA (General Security of Military Information
# Agreement)" is one mention, and Quad in a URL (quad-leaders-joint-
# statement) none.
for want in "KN-23${tab}4${tab}0" "GSOMIA${tab}0${tab}3" \
    "TCOG${tab}0${tab}1" "Iskander${tab}1${tab}0" "Quad${tab}0${tab}2" \
    "Article 51${tab}2${tab}0" "UN Charter${tab}2${tab}0" \
    "National Security Strategy${tab}1${tab}2"; do
	grep -qxF "$want" "$TMPD/terms"
	ok "--terms: $(echo "$want" | tr '\t' ' ')"
done

for t in KN-23 Iskander GSOMIA TCOG ISR ICBM IRBM SLBM KCNA \
    'Conflict Armament Research' 'UN Panel of Experts on North Korea' \
    'Article 51' 'UN Charter' 'Camp David documents' \
    'Free and Open Indo-Pacific' 'ASEAN Outlook on the Indo-Pacific' Quad \
    ASEAN IAEA BRICS G7 G20 'National Security Strategy'; do
	grep -q "^$t$tab" "$TMPD/terms" || { diag "missing: $t"; missing=1; }
done
[ -z "${missing:-}" ]
ok "the glossary has every term the essays need"

n=$(wc -l < "$TMPD/terms")
[ "$n" -ge 40 ] || diag "$n terms"
[ "$n" -ge 40 ]
ok "--terms lists at least 40 terms"

nowhere=$(awk -F "$tab" '$2 == 0 && $3 == 0 { print $1 }' "$TMPD/terms")
[ -z "$nowhere" ] || diag "found in neither essay: $nowhere"
[ -z "$nowhere" ]
ok "every term of the glossary is found in an essay"

# The concordance: every mention, in context, tab-separated.
"$d" --concordance GSOMIA > "$TMPD/gsomia"
[ "$(wc -l < "$TMPD/gsomia")" = 3 ] &&
    awk -F "$tab" 'NF != 5 || $1 != "Koga 2023" { bad = 1 } END { exit bad }' \
    "$TMPD/gsomia" &&
    grep -qF "Japan and trilateral cooperation${tab}reached its nadir—the Japan-South Korea ${tab}GSOMIA (General Security of Military Information Agreement)${tab} was threatened" "$TMPD/gsomia"
ok "--concordance GSOMIA: 3 mentions, section and context, one for the name and acronym"

"$d" --concordance trilateral | cut -f1 | sort | uniq -c > "$TMPD/tri"
grep -Eq '^ +1 Ogi 2024$' "$TMPD/tri" && grep -Eq '^ +15 Koga 2023$' "$TMPD/tri"
ok "--concordance trilateral: a word, both authors' uses"

"$d" --concordance hwasong-11 | cut -f4 | sort -u > "$TMPD/kn"
[ "$(cat "$TMPD/kn")" = "$(printf 'Hwasong-11\nKN-23')" ]
ok "--concordance by an alias, case aside: the term's mentions"

"$d" --concordance 'deter*' | cut -f4 | sort -u | tr '\n' ' ' |
    grep -qx 'deter deterrence deterring '
ok "--concordance deter*: any ending, the whole word"

"$d" --concordance Quad | grep -q 'quad-leaders' && bad=1
[ -z "${bad:-}" ] && [ "$("$d" --concordance Quad | wc -l)" = 2 ]
ok "--concordance: no mention inside a URL"

"$d" --concordance zzqx > "$TMPD/none" 2> "$TMPD/err"
[ $? -eq 1 ] && [ ! -s "$TMPD/none" ] && grep -q 'zzqx: found in neither essay' "$TMPD/err"
ok "--concordance of a word in neither essay: said, exit 1"

awk -F "$tab" 'NF != 3 || $2 !~ /^[0-9]+$/ || $3 !~ /^[0-9]+$/ { bad = 1 }
    END { exit bad }' "$TMPD/terms"
ok "--terms lines are TERM<TAB>LEFT<TAB>RIGHT"

# A user's glossary adds and overrides.
mkdir -p "$TMPD/config/diptych"
printf '## Pyongyang\n\nThe capital of North Korea.\n\n## KN-23\n\nMine.\n' \
    > "$TMPD/config/diptych/glossary.md"
"$d" --terms > "$TMPD/terms2" &&
    grep -qxF "Pyongyang${tab}1${tab}0" "$TMPD/terms2" &&
    grep -qxF "KN-23${tab}3${tab}0" "$TMPD/terms2"
ok "\$XDG_CONFIG_HOME/diptych/glossary.md adds terms and overrides (no alias)"

printf '## Kharkiv\n\nA city in Ukraine.\n' > "$TMPD/mine.md"
"$d" --glossary "$TMPD/mine.md" --terms | grep -qxF "Kharkiv${tab}1${tab}0" &&
    ! "$d" --glossary "$TMPD/mine.md" --terms | grep -q '^Pyongyang'
ok "--glossary FILE is used instead of the default user glossary"

printf '## A\n\nDef.\n\n## B\n\nAlso: b\n' > "$TMPD/bad.md"
"$d" --glossary "$TMPD/bad.md" --terms > /dev/null 2> "$TMPD/err"
[ $? -eq 1 ] && grep -q "bad.md:5: term 'B' has no definition" "$TMPD/err"
ok "a malformed glossary: file:line, exit 1"

"$d" --glossary "$TMPD/nosuch.md" --terms > /dev/null 2> "$TMPD/err"
[ $? -eq 1 ] && grep -q "nosuch.md: No such file" "$TMPD/err"
ok "a missing --glossary file is an error"

"$d" --glossary "$TMPD/bad.md" --check 2> "$TMPD/err"
[ $? -eq 1 ] && grep -q "bad.md:5:" "$TMPD/err"
ok "--check checks the glossary"

# Citations must lead somewhere.
printf 'As argued ([Smith 2020](#ref-smith-2020)).\n\n## References\n\n- <a id="ref-smyth-2020"></a>Smyth. 2020.\n' > "$TMPD/cite.md"
"$d" --check "$TMPD/cite.md" 2> "$TMPD/err"
[ $? -eq 1 ] && grep -q "cite.md:1: citation 'Smith 2020' leads to '#ref-smith-2020'" "$TMPD/err"
ok "--check: a citation that resolves to nothing"

# A broken glossary of one's own (--terms and --check refuse it, above):
# the reader and --dump warn, naming the line, and use the bundled one.
"$d" --glossary "$TMPD/bad.md" --dump --width 80 > "$TMPD/out" 2> "$TMPD/err"
[ $? -eq 0 ] && grep -q "^diptych: warning: .*bad.md:5:.*(the bundled glossary only)" "$TMPD/err" &&
    grep -q 'Dealing with North Korea' "$TMPD/out"
ok "--dump warns of a broken glossary and goes on with the bundled one"

"$d" --dump --width 100 | grep -q '(AP Seoul 2023)' &&
    ! "$d" --dump --width 300 | grep -q '<a id'
ok "citations read as written; anchors are not shown"

done_testing
