#!/bin/sh
# Synchronized sections from the command line: --sections, --dump and
# --check agree with each other and with the designed pairing.
. "$(dirname "$0")/lib.sh"

d="$DIPTYCH"
tab=$(printf '\t')

# The designed pairing of the bundled essays, in order.
"$d" --sections --width 120 | cut -f1,3,4 |
    sed -E "s/$tab[0-9]+/${tab}N/g" > "$TMPD/got"
printf 'front\tN\tN\npartnership\tN\tN\njapan-trilateral\t-\tN\nchina\tN\tN\njapan-response\tN\tN\nback\tN\tN\n' > "$TMPD/want"
cmp -s "$TMPD/got" "$TMPD/want"
ok "--sections lists the six sections; japan-trilateral is Koga's alone"

# --sections rows are where --dump shows each section start.
agree() {
	w=$1
	"$d" --sections --width "$w" > "$TMPD/s" || return 1
	"$d" --dump --width "$w" > "$TMPD/dump" || return 1
	while IFS="$tab" read -r id label lrow rrow; do
		for side in 1 2; do
			[ $side = 1 ] && r=$lrow || r=$rrow
			[ "$r" = - ] && continue
			col=$(sed -n "${r}p" "$TMPD/dump" | awk -F ' │ ' -v s=$side '{ print $s }')
			other=$(sed -n "${r}p" "$TMPD/dump" | awk -F ' │ ' -v s=$((3 - side)) '{ print $s }')
			echo "$col" | grep -q '[^ ]' ||
			    { diag "$id: dump row $r, column $side is blank"; return 1; }
			if [ "$lrow" = - ] || [ "$rrow" = - ]; then
				echo "$other" | grep -q 'no counterpart' ||
				    { diag "$id: no note at row $r"; return 1; }
			else
				[ "$lrow" = "$rrow" ] ||
				    { diag "$id: $lrow != $rrow"; return 1; }
			fi
		done
	done < "$TMPD/s"
}
for w in 80 160 300; do
	agree $w
	ok "width $w: --sections rows are where --dump starts each section"
done

"$d" --sections --width 160 > "$TMPD/s"
"$d" --dump --width 160 > "$TMPD/dump"
r=$(awk -F "$tab" '$1 == "partnership" { print $3 }' "$TMPD/s")
sed -n "${r}p" "$TMPD/dump" | grep -q '^The Russia-North Korea Partnership.*│ North Korea’s leader, Kim Jong Un'
ok "partnership: Ogi's heading beside Kim's trip to Russia"
r=$(awk -F "$tab" '$1 == "japan-response" { print $3 }' "$TMPD/s")
sed -n "${r}p" "$TMPD/dump" | grep -q '^Deploy a Japan-US-South Korea.*│ China holds the key'
ok "japan-response: Ogi's third heading beside \"China holds the key\""

# --check ----------------------------------------------------------------

"$d" --check > "$TMPD/out" 2>&1 && [ ! -s "$TMPD/out" ]
ok "--check passes the bundled essays silently"

printf '# T\n\n<!-- section: a Alpha -->\n\nText.\n' > "$TMPD/malformed.md"
"$d" --check "$TMPD/malformed.md" 2> "$TMPD/err"; [ $? -eq 1 ] &&
    grep -q "malformed.md:3: malformed section mark" "$TMPD/err"
ok "--check: a malformed mark, with file and line, exit 1"

printf -- '---\ntitle: x\n---\n\n<!-- section: a "A" -->\n\nOne.\n\n<!-- section: a "Again" -->\n\nTwo.\n' > "$TMPD/dup.md"
"$d" --check "$TMPD/dup.md" 2> "$TMPD/err"; [ $? -eq 1 ] &&
    grep -q "dup.md:9: section ID 'a' is already used at line 5" "$TMPD/err"
ok "--check: a duplicate ID, with both lines"

printf 'Start of a paragraph\n<!-- section: b "B" -->\nand its end.\n' > "$TMPD/split.md"
"$d" --check "$TMPD/split.md" 2> "$TMPD/err"; [ $? -eq 1 ] &&
    grep -q "split.md:2: section mark splits a paragraph" "$TMPD/err"
ok "--check: a mark that splits a paragraph"

printf 'Text <!-- section: c "C" --> more.\n' > "$TMPD/inline.md"
"$d" --check "$TMPD/inline.md" 2> "$TMPD/err"; [ $? -eq 1 ] &&
    grep -q "inline.md:1: section mark inside a paragraph" "$TMPD/err"
ok "--check: a mark inside a paragraph"

"$d" --check "$TMPD/malformed.md" "$TMPD/dup.md" "$TMPD/split.md" 2> "$TMPD/err"
[ $? -eq 1 ] && [ "$(wc -l < "$TMPD/err")" -eq 3 ]
ok "--check reports every file's problems"

printf '<!-- section: a "A" -->\n\nA.\n\n<!-- section: b "B" -->\n\nB.\n' > "$TMPD/ab.md"
printf '<!-- section: b "B" -->\n\nB.\n\n<!-- section: a "A" -->\n\nA.\n' > "$TMPD/ba.md"
"$d" --check "$TMPD/ab.md" "$TMPD/ba.md" 2> "$TMPD/err"; [ $? -eq 1 ] &&
    grep -q "ab.md:.*section '.*' is out of order with .*ba.md:" "$TMPD/err"
ok "--check: sections paired out of order between two files"

"$d" --dump --width 80 "$TMPD/dup.md" "$TMPD/ab.md" > /dev/null 2> "$TMPD/err"
[ $? -eq 1 ] && grep -q "dup.md:9:" "$TMPD/err"
ok "a file with a bad mark is refused, with the problem named"

# Files without marks ----------------------------------------------------

printf 'Intro.\n\n## Background\n\nOne.\n\nTwo.\n\nThree.\n\n## Findings\n\nLeft.\n' > "$TMPD/h1.md"
printf 'Intro.\n\n## Background\n\nUno.\n\n## Findings\n\nRight.\n' > "$TMPD/h2.md"
"$d" --dump --width 80 "$TMPD/h1.md" "$TMPD/h2.md" | grep -q '^Findings  *│ Findings'
ok "headings with the same text pair"

printf '# Alpha\n\nA.\n' > "$TMPD/n1.md"
printf '# Omega\n\nZ.\n\nZZ.\n' > "$TMPD/n2.md"
"$d" --sections --width 80 "$TMPD/n1.md" "$TMPD/n2.md" > "$TMPD/s" &&
    grep -q "^alpha${tab}Alpha${tab}1${tab}-\$" "$TMPD/s" &&
    grep -q "^omega${tab}Omega${tab}-${tab}1\$" "$TMPD/s"
ok "nothing in common: each file is its own section, side by side"

# Headings that pair out of order are reported too.
printf '## Methods\n\nM.\n\n## Results\n\nR.\n' > "$TMPD/o1.md"
printf '## Results\n\nR.\n\n## Methods\n\nM.\n' > "$TMPD/o2.md"
"$d" --check "$TMPD/o1.md" "$TMPD/o2.md" 2> "$TMPD/err"; [ $? -eq 1 ] &&
    grep -q "o1.md:.*section '.*' is out of order" "$TMPD/err"
ok "--check: headings that pair out of order"

# Files with neither marks nor headings: their starts stand side by side.
printf 'Plain text.\n\nMore.\n' > "$TMPD/p1.md"
printf 'Other text.\n' > "$TMPD/p2.md"
"$d" --sections --width 80 "$TMPD/p1.md" "$TMPD/p2.md" > "$TMPD/s" &&
    [ "$(cat "$TMPD/s")" = "(start)${tab}p1.md${tab}1${tab}1" ]
ok "no marks, no headings: one section each, side by side, named by file"

# Empty files and files with only front matter.
: > "$TMPD/empty.md"
printf -- '---\ntitle: Only a title\n---\n' > "$TMPD/fm.md"
"$d" --sections --width 40 "$TMPD/empty.md" "$TMPD/fm.md" > /dev/null &&
    "$d" --dump --width 40 "$TMPD/empty.md" "$TMPD/fm.md" | grep -q 'Only a title' &&
    "$d" --terms "$TMPD/empty.md" "$TMPD/empty.md" > /dev/null &&
    "$d" --check "$TMPD/empty.md" "$TMPD/fm.md"
ok "empty files and front matter alone: no crash, nothing to report"

# Suggested pairs (issue #13) -------------------------------------------

# The essays without their marks: --sections --pair suggest lists
# "ID LABEL LEFT RIGHT SCORE", LEFT and RIGHT lines of the files.
for f in ogi-2024 koga-2023; do
	sed '/^<!-- section:/d' "$SRCDIR/texts/$f.md" > "$TMPD/$f.md"
done
L="$TMPD/ogi-2024.md" R="$TMPD/koga-2023.md"
"$d" --sections --pair suggest "$L" "$R" > "$TMPD/sug" &&
    [ -s "$TMPD/sug" ] &&
    awk -F "$tab" 'NF != 5 || $1 != "s" NR || $2 == "" ||
	$3 !~ /^([0-9]+|-)$/ || $4 !~ /^([0-9]+|-)$/ ||
	($3 == "-" || $4 == "-") != ($5 == "-") ||
	($5 != "-" && $5 !~ /^[01][.][0-9][0-9]$/) { bad = 1 }
	END { exit bad }' "$TMPD/sug"
ok "--pair suggest: ID, label, a line or - each side, a score (- one-sided)"

# line FILE TEXT: the number of the line of FILE that starts with TEXT.
line() {
	grep -n -m1 -F -- "$2" "$1" | cut -d: -f1
}
pl=$(line "$L" "## The Russia-North Korea Partnership")
pr=$(line "$R" "North Korea’s leader, Kim")
bl=$(line "$L" "## Hirohito Ogi")
br=$(line "$R" "## References")
awk -F "$tab" -v l="$pl" -v r="$pr" '$3 == l && $4 == r { f = 1 }
    END { exit !f }' "$TMPD/sug"
ok "suggested: Ogi's first heading beside Kim's trip to Russia (partnership)"
awk -F "$tab" -v l="$bl" -v r="$br" '$3 == l && $4 == r { f = 1 }
    END { exit !f }' "$TMPD/sug"
ok "suggested: Ogi's author note beside Koga's references (back)"
el=$(line "$R" "## Editor's Note")
awk -F "$tab" -v r="$el" 'NR == 1 && $3 == "-" && $4 == r { f = 1 }
    END { exit !f }' "$TMPD/sug"
ok "suggested: Koga's editor's note first, on its own"

# Every line given starts a block: the lines of the files are not blank,
# and the sections go down both files.
awk -F "$tab" '{ print $3 "\t" $4 }' "$TMPD/sug" | {
	pl=0 pr=0 good=1
	while IFS="$tab" read -r a b; do
		if [ "$a" != - ]; then
			[ "$a" -gt "$pl" ] && sed -n "${a}p" "$L" | grep -q . ||
			    good=0
			pl=$a
		fi
		if [ "$b" != - ]; then
			[ "$b" -gt "$pr" ] && sed -n "${b}p" "$R" | grep -q . ||
			    good=0
			pr=$b
		fi
	done
	[ $good = 1 ]
}
ok "suggested sections start on lines of text, in order in both files"

# Marks make no difference to a suggestion: the bundled essays, marks and
# all, give the same sections at the same text.
"$d" --sections --pair suggest > "$TMPD/sug-marked" &&
    [ "$(cut -f1,2,5 "$TMPD/sug")" = "$(cut -f1,2,5 "$TMPD/sug-marked")" ] &&
    paste "$TMPD/sug" "$TMPD/sug-marked" | {
	good=1
	while IFS="$tab" read -r i1 l1 a1 b1 s1 i2 l2 a2 b2 s2; do
		[ "$a1" = - ] || [ "$(sed -n "${a1}p" "$L")" = \
		    "$(sed -n "${a2}p" "$SRCDIR/texts/ogi-2024.md")" ] || good=0
		[ "$b1" = - ] || [ "$(sed -n "${b1}p" "$R")" = \
		    "$(sed -n "${b2}p" "$SRCDIR/texts/koga-2023.md")" ] || good=0
	done
	[ $good = 1 ]
}
ok "--pair suggest ignores section marks"

LC_ALL=C "$d" --sections --pair suggest > "$TMPD/sug-c" &&
    ! LC_ALL=C grep -q "$(printf '[\200-\377]')" "$TMPD/sug-c" &&
    [ "$(wc -l < "$TMPD/sug-c")" -eq "$(wc -l < "$TMPD/sug")" ]
ok "--pair suggest in the C locale: ASCII only"

printf '# Comets\n\nComets shed icy dust near the sun.\n' > "$TMPD/c.md"
printf '# Bread\n\nBakers knead rye flour by hand.\n' > "$TMPD/b.md"
"$d" --sections --pair suggest "$TMPD/c.md" "$TMPD/b.md" > "$TMPD/s" &&
    [ "$(cat "$TMPD/s")" = "$(printf 's1\tComets\t1\t-\t-\ns2\tBread\t-\t1\t-')" ]
ok "--pair suggest: texts with no words in common pair nothing"

"$d" --sections --pair suggest "$TMPD/c.md" "$TMPD/c.md" > "$TMPD/s" &&
    [ "$(cat "$TMPD/s")" = "$(printf 's1\tComets\t1\t1\t1.00')" ]
ok "--pair suggest: a file against itself pairs whole, score 1.00"

: > "$TMPD/empty.md"
"$d" --sections --pair suggest "$TMPD/empty.md" "$TMPD/empty.md" > "$TMPD/s" &&
    [ ! -s "$TMPD/s" ]
ok "--pair suggest: empty files, no sections"

done_testing
