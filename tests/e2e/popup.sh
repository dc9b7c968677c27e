#!/bin/sh
# End to end: citation popups and glossary terms in a real terminal.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.sh"

export XDG_CONFIG_HOME="$TMPD/config"
esc=$(printf '\033')

# selected TEXT: TEXT is shown in reverse video (the selection).
selected() {
	screen_e | grep -Eq "$esc\[([0-9]+;)*7(;[0-9]+)*m($esc\[[0-9;]*m)*$1"
}

H=40
start 160 $H
T set-option -g set-clipboard on

# Koga's first citation, selected with Tab in the right pane.
keys ']' l Tab
selected 'AP Seoul'
ok "Tab selects the first citation, shown in reverse video"

before=$(screen)
keys Enter
screen | grep -q 'Koga 2023: reference' &&
    screen | grep -q 'Associated Press in Seoul. 2023.' &&
    screen | grep -Eq '│ https://www\.theguardian\.com/world/2023/sep/17/kim-jong-un-returns-north- *│'
ok "Enter opens the full entry, its URL on a line of its own"

keys y
[ "$(T show-buffer 2>/dev/null)" = \
    'https://www.theguardian.com/world/2023/sep/17/kim-jong-un-returns-north-korea-russia-trip-putin-weapon-transfer-deals' ]
ok "y copies the URL to the clipboard with OSC 52"

keys Y
T show-buffer 2>/dev/null | sed -n 2p | grep -q '^— Kei Koga, “Dealing with North Korea Beyond the Korean Peninsula: .*”, East Asia Institute, Global NK commentary, 2023 (§ The Russia-North Korea partnership)$'
ok "Y copies it with a line saying where it is cited"

keys Escape
[ "$(screen)" = "$before" ]
ok "Esc closes the popup; the text beneath is exactly as before"

# A selection copied is plain text, and Y says where it is from.
keys Escape v y
n=$(row $H | sed -n 's/^ *copied \([0-9]*\) bytes of the selection.*/\1/p')
[ -n "$n" ] && [ "$(T show-buffer | wc -c)" = "$n" ] &&
    T show-buffer | grep -q '\.$'
ok "y in a selection copies its text, the bytes it says"
keys Escape v Y
[ "$(T show-buffer | wc -l)" = 1 ] &&
    T show-buffer | tail -1 | grep -q '^— Kei Koga, .*, 2023 (§ '
ok "Y adds a line saying where it is from"
keys Escape Escape Tab

keys Tab
selected Trevelyan
ok "Tab again selects the next citation"

keys BTab
selected 'AP Seoul'
ok "Shift-Tab goes back"

# A citation whose label and entry disagree says so.
keys g
i=0
while [ $i -lt 100 ] && ! selected 'MOFA Japan 2019'; do
	T send-keys Tab
	sleep 0.05
	i=$((i + 1))
done
settle
keys Enter
screen | grep -q 'Ministry of Foreign Affairs of Japan. 2022a.' &&
    screen | grep -q 'Cited as 2019, but no 2019 entry is listed'
ok "MOFA Japan 2019 leads to the 2022a entry, with a one-line note"
keys q

# Glossary terms in Ogi's essay.
keys h g ']'
screen_e | grep -Eq "$esc\[33m(KN-23|G7)" 
ok "terms are highlighted in colour"

keys T
screen | grep -q ' glossary ' &&
    screen | grep 'KN-23' | grep -Eq 'Ogi 2024 +4 · Koga 2023 +0'
ok "T lists every term with its count in each essay"

keys Enter
screen | grep -q ' KN-23: 4 in Ogi 2024, 0 in Koga 2023 ' &&
    [ "$(screen | grep -c '│ Ogi 2024 ')" = 4 ]
ok "Enter in the index opens the term's concordance: each mention a line"

keys Enter
row $H | grep -q 'KN-23: 1 of 4 in Ogi 2024' && selected 'KN-23'
ok "Enter on a line goes to that mention, selected"

keys Enter
screen | grep -q ' glossary ' && screen | grep -q 'Hwasong-11' &&
    screen | grep -q 'In Ogi 2024: 4 times; in Koga 2023: 0 times.' &&
    screen | grep -q 'kyivindependent.com'
ok "Enter on a term opens its definition, counts and source"
keys Escape

keys T Enter G Enter
row $H | grep -q 'KN-23: 4 of 4 in Ogi 2024' && selected 'KN-23'
ok "G Enter in the concordance goes to the last mention"

# A word that is no term: T, then / and the word, in both essays.
keys T / t r i l a t e r a l Enter
screen | grep -q ' trilateral: 1 in Ogi 2024, 15 in Koga 2023 ' &&
    screen | grep -Eq '│ Koga 2023 +Japan and trilat.* the Japan-US-South Korea trilateral summit was held'
ok "T then /word: the word's concordance, mentions centred with section"
keys y
[ "$(T show-buffer | wc -l)" = 16 ] &&
    T show-buffer | head -1 | grep -q '^Ogi 2024 (§ Front matter): .*\[Trilateral\] Cooperation'
ok "y copies the concordance's lines, each mention in brackets"
keys Escape

# A term typed by name; the sync lock off, Enter takes the other pane to
# the paired section.
keys s T / G S O M I A Enter
screen | grep -q ' GSOMIA: 0 in Ogi 2024, 3 in Koga 2023 ' &&
    screen | grep -q 'GSOMIA (General Security of Military Information Agreement)'
ok "/GSOMIA in T: the term's concordance, spelled out and acronym one line"
keys G Enter
row $H | grep -q 'GSOMIA: 3 of 3 in Koga 2023 (References and authors)' &&
    screen | grep -q '^Hirohito Ogi '
ok "Enter with the lock off: the other pane at the paired section"
keys s
keys T / z z q x Enter
row $H | grep -q 'zzqx: in neither essay' && screen | grep -q ' glossary '
ok "a word in neither essay: said, the index stays"
keys Escape

# Term counts equal what is highlighted: the whole of Ogi's essay on
# one tall screen, its KN-23 and Hwasong-11 highlights counted.
keys q
wait_exit > /dev/null
start 200 200
keys s g
n=$(screen_e | grep -oE "$esc\[33m(KN-23|Hwasong-11)" | wc -l)
[ "$n" -eq "$(env XDG_CONFIG_HOME="$XDG_CONFIG_HOME" "$DIPTYCH" --terms | awk -F '\t' '$1 == "KN-23" { print $2 }')" ]
ok "--terms counts equal the highlighted occurrences ($n)"
keys q
wait_exit > /dev/null

# Monochrome: terms bold, citations underlined: told apart without colour.
start 160 40 NO_COLOR=1
keys ']'
screen_e | grep -Eq "$esc\[1m(G7|KN-23)" &&
    screen_e | grep -Eq "$esc\[4m\(?AP Seoul" &&
    ! screen_e | grep -Eq "$esc\[[0-9;]*4[0-9;]*m(G7|KN-23)"
ok "NO_COLOR: terms are bold, citations underlined"
keys q
wait_exit > /dev/null

# 80x24: the popup fits on the screen.
H=24
start 80 $H
keys ']' l Tab Tab Enter
screen | grep -q '┌' && screen | grep -q '└' &&
    screen | grep -q 'Trevelyan, Mark. 2023.' &&
    ! screen | grep -Eq '^.{81}'
ok "80x24: the popup is whole and on screen"
keys Escape q
[ "$(wait_exit)" = 0 ]
ok "quits cleanly after popups"

# Search: / in the focused pane, n and N, matches highlighted.
H=30
start 120 $H
keys / t r e a t y Enter
row $H | grep -q '/treaty: match 1/19 · ' && selected '[Tt]reaty'
ok "/ finds the first match from the top, selected, with a count"
keys n n
row $H | grep -q '/treaty: match 3/19 · '
ok "n goes to the next match"
keys N
row $H | grep -q '/treaty: match 2/19 · '
ok "N goes back"
screen_e | grep -Eq "$esc\[[0-9;]*4[0-9;]*m($esc\[[0-9;]*m)*[Tt]reaty"
ok "the other matches are highlighted"
keys / Z z q Enter
row $H | grep -q '/Zzq: not found'
ok "a pattern with capitals that is nowhere: not found"
keys l / '北朝鮮' Enter
row $H | grep -q '/北朝鮮: match 1/1 ' && selected '北朝鮮'
ok "Japanese text is found in the right pane"
keys / a b c BSpace BSpace
row $H | grep -Eq '^/a +match '
ok "the pattern can be edited"
keys Escape Escape q
[ "$(wait_exit)" = 0 ]
ok "Esc cancels the prompt; quits"

# A popup taller than a small terminal scrolls.
H=10
start 80 $H
keys T Enter Enter Enter
first=$(row 2)
screen | grep -q 'j k: more' && echo "$first" | grep -q 'KN-23'
ok "a long popup on a small terminal says there is more"
keys j j
[ "$(row 2)" != "$first" ] && row 2 | grep -q 'Also: Hwasong-11'
ok "j scrolls the popup"
keys k k
[ "$(row 2)" = "$first" ]
ok "k scrolls it back"
keys G
! screen | grep -q 'j k: more' && screen | grep -q 'kyivindependent'
ok "G shows the end of the popup, its URL"
keys q q
[ "$(wait_exit)" = 0 ]
ok "q closes the popup, then quits"

# A terminal with no clipboard escape, outside tmux: y says so, and
# claims nothing copied.
H=24
start 80 $H TMUX= TERM=vt100
keys l Tab Enter y
row $H | grep -q 'not copied: this terminal (TERM=vt100) has no clipboard'
ok "TERM=vt100 outside tmux: y says it cannot copy, not \"copied\""
keys q q

done_testing
