#!/bin/sh
# Each column of --dump holds its seed essay's words, all of them, in
# order: the seed minus the site debris must be a subsequence of the
# column (white space aside), and the column may add only its title
# block, bullets and rules.
. "$(dirname "$0")/lib.sh"

seeds="$SRCDIR/tests/data/seeds"

# Seed texts without debris, as the essays keep them.
# Ogi: the text up to the first "View Profile", less "Index Index".
awk '/^View Profile$/ { exit } $0 != "Index Index"' \
    "$seeds/000_4215d8aa514694a1.txt" > "$TMPD/ogi.txt"
# Koga: the text up to the typesetting line.
awk '/^Typeset by/ { exit } { print }' \
    "$seeds/004_f42a983d89263624.txt" > "$TMPD/koga.txt"

# squeeze FILE: the bytes of FILE without white space, bullets, rules.
squeeze() {
	LC_ALL=C sed -e 's/\xc2\xa0//g' -e 's/\xe2\x80\xa2//g' \
	    -e 's/\xe2\x94\x80//g' "$1" | LC_ALL=C tr -d ' \t\n\r'
}

# subseq WANT GOT MAXEXTRA: WANT's bytes appear in GOT in order, and GOT
# has at most MAXEXTRA bytes more.
subseq() {
	LC_ALL=C awk -v max="$3" '
	FNR == 1 && NR == 1 { want = $0; next }
	{ got = $0 }
	END {
		i = 1; n = length(want)
		for (j = 1; j <= length(got) && i <= n; j++)
			if (substr(got, j, 1) == substr(want, i, 1))
				i++
		if (i <= n) {
			printf "# missing from byte %d: %s\n", i, substr(want, i, 60)
			exit 1
		}
		extra = length(got) - n
		if (extra > max) {
			printf "# %d bytes more than the seed (at most %d)\n", extra, max
			exit 1
		}
	}' "$1" "$2"
}

for width in 300 100 61; do
	"$DIPTYCH" --dump --width "$width" > "$TMPD/dump" || exit 1
	awk -v FS=' │ ' '{ print $1 }' "$TMPD/dump" > "$TMPD/left"
	awk -v FS=' │ ' '{ print $2 }' "$TMPD/dump" > "$TMPD/right"
	squeeze "$TMPD/ogi.txt" > "$TMPD/want.l"; echo >> "$TMPD/want.l"
	squeeze "$TMPD/left" > "$TMPD/got.l"; echo >> "$TMPD/got.l"
	squeeze "$TMPD/koga.txt" > "$TMPD/want.r"; echo >> "$TMPD/want.r"
	squeeze "$TMPD/right" > "$TMPD/got.r"; echo >> "$TMPD/got.r"
	subseq "$TMPD/want.l" "$TMPD/got.l" 200
	ok "width $width: left column has Ogi's words in order"
	subseq "$TMPD/want.r" "$TMPD/got.r" 200
	ok "width $width: right column has Koga's words in order"
done

# The check itself must fail when a word is missing or moved.
sed 's/inseparable/separable/' "$TMPD/got.l" > "$TMPD/bad"
! subseq "$TMPD/want.l" "$TMPD/bad" 200 >/dev/null
ok "a changed word is caught"
awk 'NR == 1 { print substr($0, 2000) substr($0, 1, 1999) }' "$TMPD/got.l" \
    > "$TMPD/bad"
! subseq "$TMPD/want.l" "$TMPD/bad" 200 >/dev/null
ok "reordered text is caught"

done_testing
