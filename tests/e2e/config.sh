#!/bin/sh
# End to end: a configuration file changes keys, colours and the sync
# lock; its bad lines are reported, with file and line, on the status
# row and on stderr, and the rest of it applies; --config /dev/null
# reads none.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.sh"

ESC=$(printf '\033')
CONF="$TMPD/config"
mkdir -p "$CONF/diptych"
cat > "$CONF/diptych/config" <<'EOF'
# diptych, as one reader likes it
set sync off
color title = red on blue underline
colour status-focus = black on cyan   # the focused pane's status row
mono title = reverse
bind read J down
unbind read j
bind read Q quit
color match = magneta
bind read Z quux
EOF

# --- the file read: its errors first ----------------------------------
start 100 30 "XDG_CONFIG_HOME=$CONF"
row 30 | grep -q "config/diptych/config:9: unknown colour or attribute 'magneta' (and 1 more)"
ok "the first bad line, with file and line, is on the status row"

screen_e | tail -1 | grep -q "$ESC\[30m$ESC\[46m.*config:9"
ok "... in the focused status row's look: black on cyan"

screen_e | head -1 | grep -q "$ESC\[4m$ESC\[31m$ESC\[44mJapan-U.S.-South Korea" &&
    ! screen_e | head -1 | grep -q "$ESC\[35m"
ok "color title = red on blue underline: the titles are so"

top=$(left 1)
keys J
[ "$(left 1)" != "$top" ] && row 30 | grep -q 'free.*free' &&
    ! row 30 | grep -q 'magneta'
ok "bind read J down: J scrolls; set sync off: the panes start free; a key clears the message"

screen_e | tail -1 | grep -q "^$ESC\[30m$ESC\[46m Ogi 2024"
ok "the focused pane's status row is black on cyan"

before=$(screen)
keys j
[ "$(screen)" = "$before" ]
ok "unbind read j: j does nothing"

keys '?'
screen | grep -q ' Down Ctrl-E J  *scroll down one row' &&
    ! screen | grep -q ' j Down'
ok "? shows the keys as bound"
keys Escape

keys Q
[ "$(wait_exit)" = 0 ]
ok "bind read Q quit: Q quits"

screen | grep -q "^diptych: .*/config/diptych/config:9: unknown colour or attribute 'magneta'$" &&
    screen | grep -q "^diptych: .*/config/diptych/config:10: unknown command 'quux'$"
ok "every bad line is on stderr, with file and line"

# --- without colours: mono lines --------------------------------------
start 100 30 "XDG_CONFIG_HOME=$CONF" NO_COLOR=1
screen_e | head -1 | grep -q "$ESC\[7mJapan-U.S.-South Korea" &&
    ! screen_e | grep -q "$ESC\[3[0-7]m"
ok "NO_COLOR: mono title = reverse, and no colour anywhere"
keys Q

# --- --config FILE, and /dev/null for none ----------------------------
DIPTYCH_ARGS="--config /dev/null" start 100 30 "XDG_CONFIG_HOME=$CONF"
screen_e | head -1 | grep -q "$ESC\[35m" && ! row 30 | grep -q config
ok "--config /dev/null: the default colours, no message"
top=$(right 1)
keys j
[ "$(right 1)" != "$top" ] && row 30 | grep -q 'sync.*sync'
ok "... and the default keys and sync lock"
keys q

printf 'bind list x close\nset sync on\nset mouse maybe\n' > "$TMPD/other"
DIPTYCH_ARGS="--config $TMPD/other" start 100 30 "XDG_CONFIG_HOME=$CONF"
row 30 | grep -q "other:3: set mouse takes on or off, not 'maybe'$"
ok "--config FILE reads that file instead"
keys S x
! screen | grep -q 'Sections'
ok "bind list x close: x closes a list"
keys q

DIPTYCH_ARGS="--config $TMPD/nothing" start 100 30
row 30 | grep -q "nothing: No such file or directory"
ok "--config with no such file: said, and the reader starts"
keys q

# --- a broken glossary of one's own: a warning, and the reader opens ------
printf '## A\n\nDef.\n\n## B\n\nAlso: b\n' > "$TMPD/badg.md"
DIPTYCH_ARGS="--config /dev/null --glossary $TMPD/badg.md" start 100 30
row 30 | grep -q "badg.md:5: term 'B' has no definition (the bundled glossary only)" &&
    screen | grep -q 'Dealing with North Korea'
ok "a broken glossary: the reader opens, the line named on its status row"
keys q

# --- --help shows the default keys whatever the file says ---------------
XDG_CONFIG_HOME="$CONF" "$DIPTYCH" --help | grep -q '^  j Down Ctrl-E  *scroll down' &&
    XDG_CONFIG_HOME="$CONF" "$DIPTYCH" --help | grep -q '^  s  *sync lock'
ok "--help ignores the configuration"

done_testing
