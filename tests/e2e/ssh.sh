#!/bin/sh
# End to end: diptych read over real SSH.  A throwaway sshd of the
# test's own on 127.0.0.1 (its own host key, a user key made here, no
# PAM, no password), and `ssh -t` to it in tmux: read, write a note,
# then the connection drops (the ssh client is killed): the note is in
# the store and the remote diptych is gone within seconds.  Then a
# normal quit with q: exit status 0, and the terminal is left sane on
# both ends of the connection.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.sh"

# ssh_skip REASON: skip the whole test.
ssh_skip() {
	echo "1..0 # SKIP $1"
	exit 0
}

SSHD_PID=
# ssh_cleanup: end the test's sshd and any session it still has.
ssh_cleanup() {
	[ -n "$SSHD_PID" ] || return 0
	pkill -TERM -P "$SSHD_PID" 2>/dev/null
	kill "$SSHD_PID" 2>/dev/null
	SSHD_PID=
}
trap 'stop_server; ssh_cleanup; rm -rf "$TMPD"' EXIT
# A hangup or a closed pipe (| head) must not leave the sshd behind.
trap 'exit 1' HUP INT PIPE TERM

# sshd re-executes itself, so it must be named by an absolute path; it
# lives in sbin, which a user's PATH may not hold.
SSHD=$(PATH="$PATH:/usr/sbin:/usr/local/sbin:/sbin" command -v sshd)
[ -n "$SSHD" ] || ssh_skip "no sshd (Debian: openssh-server)"
command -v ssh >/dev/null 2>&1 || ssh_skip "no ssh (Debian: openssh-client)"
command -v ssh-keygen >/dev/null 2>&1 || ssh_skip "no ssh-keygen"
command -v python3 >/dev/null 2>&1 || ssh_skip "no python3 to find a port"
command -v pgrep >/dev/null 2>&1 || ssh_skip "no pgrep"

# The privilege separation directory Debian's sshd wants at start (a
# fresh machine or container may not have it until the service runs).
if [ ! -d /run/sshd ] && [ "$(id -u)" -eq 0 ]; then
	mkdir -p -m 755 /run/sshd
fi

ME=$(id -un)
S="$TMPD/sshd"
mkdir -p "$S"
ssh-keygen -q -t ed25519 -N '' -C diptych-test-host -f "$S/host_key" &&
    ssh-keygen -q -t ed25519 -N '' -C diptych-test-user -f "$S/user_key" &&
    cp "$S/user_key.pub" "$S/authorized_keys" ||
	ssh_skip "ssh-keygen cannot make the keys"
PORT=$(python3 -c 'import socket; s = socket.socket();
s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# sshd_start PAM: write the server's configuration (UsePAM PAM) and
# start it in the foreground of a background job, its pid in SSHD_PID.
# Only the key made here lets anyone in, and only this user.  The temp
# folder sits in a world-writable /tmp, which StrictModes refuses.  Run
# unprivileged, sshd can still let in the user it runs as.
sshd_start() {
	cat > "$S/sshd_config" <<-EOF
		ListenAddress 127.0.0.1
		Port $PORT
		HostKey $S/host_key
		PidFile $S/sshd.pid
		AuthorizedKeysFile $S/authorized_keys
		AllowUsers $ME
		PermitRootLogin prohibit-password
		PubkeyAuthentication yes
		PasswordAuthentication no
		KbdInteractiveAuthentication no
		UsePAM $1
		StrictModes no
		X11Forwarding no
		AllowTcpForwarding no
		AllowAgentForwarding no
		PrintMotd no
		PrintLastLog no
		LogLevel VERBOSE
	EOF
	"$SSHD" -t -f "$S/sshd_config" 2>"$S/log" ||
		ssh_skip "sshd refuses the test's configuration: $(tail -1 "$S/log")"
	"$SSHD" -D -e -f "$S/sshd_config" 2>"$S/log" &
	SSHD_PID=$!
	i=0
	while ! grep -q 'Server listening' "$S/log" 2>/dev/null &&
	    [ $i -lt 50 ]; do
		kill -0 "$SSHD_PID" 2>/dev/null || break
		sleep 0.1
		i=$((i + 1))
	done
	grep -q 'Server listening' "$S/log" ||
		ssh_skip "sshd does not start: $(tail -1 "$S/log")"
}

SSH="ssh -F /dev/null -i '$S/user_key' -p $PORT -o BatchMode=yes \
-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
-o IdentitiesOnly=yes -o LogLevel=ERROR"
login() { eval "$SSH" "$ME@127.0.0.1" true </dev/null 2>"$TMPD/ssh.err"; }

sshd_start no
# Without PAM, sshd turns away an account whose password is locked with
# "!" (root on some systems), key or not; PAM lets the key decide.
if ! login && grep -q 'account is locked' "$S/log"; then
	ssh_cleanup
	sshd_start yes
fi
if ! login; then
	echo "Bail out! cannot log in over ssh: $(tail -1 "$TMPD/ssh.err")"
	sed 's/^/# sshd: /' "$S/log"
	exit 1
fi
# An unprivileged sshd gives the pseudo-terminal to its user only where
# /dev/pts does it by itself (mounted gid=5): not in every container.
if ! eval "$SSH" -tt "$ME@127.0.0.1" true </dev/null >/dev/null 2>&1; then
	[ "$(id -u)" -eq 0 ] ||
		ssh_skip "sshd run as $ME cannot set up a terminal here: $(grep -m1 -i 'failed' "$S/log")"
	echo "Bail out! ssh -t gets no terminal"
	sed 's/^/# sshd: /' "$S/log"
	exit 1
fi

# over_ssh NAME STORE [AFTER]: a W x H tmux session NAME in which
# `ssh -t` runs diptych on STORE remotely (AFTER is a remote shell
# command run once it ends).  The session saves ssh's exit status and
# the terminal's modes in $TMPD/NAME.exit and NAME.stty, and says EXIT.
# ssh -t carries the pane's TERM over; the environment is set by hand
# since the server accepts none from the client.
over_ssh() {
	remote="env LC_ALL=C.UTF-8 XDG_DATA_HOME='$TMPD/remote-data' \
XDG_CONFIG_HOME='$TMPD/config'${VG_BIN:+ VG_BIN='$VG_BIN' VG_LOGS='$VG_LOGS'} \
'$DIPTYCH' --store '$2'${3:+; $3}"
	T -f /dev/null new-session -d -s "$1" -x $W -y $H \
	    "$SSH -t $ME@127.0.0.1 \"$remote\"; echo \$? > '$TMPD/$1.exit'; \
stty -a > '$TMPD/$1.stty'; echo EXIT; sleep 60"
	T set-option -g status off 2>/dev/null
}

# remote_pid STORE: the remote diptych on STORE (not the ssh client,
# whose command line names it too).  Under a wrapper (make
# check-valgrind), DIPTYCH_MATCH is what its command line holds.
remote_pid() { pgrep -f "${DIPTYCH_MATCH:-^$DIPTYCH} --store $1\$"; }
# readers: the remote readers, for idle (children of sshd, not of a
# pane).
readers() { pgrep -f "${DIPTYCH_MATCH:-^$DIPTYCH} --store "; }

W=160 H=40

# --- the connection drops -------------------------------------------------
STORE="$TMPD/over-ssh.db"
over_ssh drop "$STORE"
within 8 drop 'Dealing with North Korea' && ready drop &&
    scr drop | tail -1 | grep 'Ogi 2024' | grep -q 'Koga 2023'
ok "diptych opens over ssh -t on both essays"
before=$(scr drop | tail -1)
k drop ']' ']'
[ "$(scr drop | tail -1)" != "$before" ] &&
    scr drop | tail -1 | grep -q 'Koga 2023 · Japan and trilateral' &&
    scr drop | head -1 | grep -q ' │ '
ok "] jumps through the sections, side by side"
k drop v a
scr drop | grep -q 'Enter: save'
ok "v a opens the note editor"
T send-keys -t drop -l 'Read over ssh, kept when the line drops.'
k drop Enter
within 3 drop 'saved'
ok "Enter says saved"

rpid=$(remote_pid "$STORE")
cpid=$(pgrep -f "^ssh .*$STORE")
[ -n "$rpid" ] && [ -n "$cpid" ]
ok "the ssh client and the remote diptych are found"
t0=$(date +%s)
[ -n "$cpid" ] && kill -9 $cpid
# 5 s, times SLOW for a slow reader (under valgrind its end is a leak
# check).
i=0
while [ -n "$(remote_pid "$STORE")" ] && [ $i -lt $((50 * SLOW)) ]; do
	sleep 0.1
	i=$((i + 1))
done
[ -z "$(remote_pid "$STORE")" ]
ok "the ssh client killed: the remote diptych exits within 5 s"
diag "it took $(($(date +%s) - t0)) s"
"$DIPTYCH" --export json --store "$STORE" > "$TMPD/drop.json" &&
    grep -q 'Read over ssh, kept when the line drops.' "$TMPD/drop.json"
ok "the note survived: --export json has it"
python3 -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
assert c.execute("pragma integrity_check").fetchone()[0] == "ok"
notes = [n for (n,) in c.execute("select note from anno")]
assert notes == ["Read over ssh, kept when the line drops."], notes
' "$STORE"
ok "the store is whole and holds the note once"

# --- a normal quit ----------------------------------------------------------
STORE2="$TMPD/quit.db"
over_ssh quit "$STORE2" "echo remote-exit=\\\$?; stty -a > '$TMPD/remote.stty'"
within 8 quit 'Dealing with North Korea' && ready quit
k quit ']'
k quit q
within 5 quit 'EXIT'
ok "q over ssh: the session ends"
scr quit | grep -q 'remote-exit=0' && [ "$(cat "$TMPD/quit.exit")" = 0 ]
ok "diptych exits 0 remotely, and so does ssh"
grep -Eq '(^| )icanon( |$)' "$TMPD/remote.stty" &&
    grep -Eq '(^| )echo( |$)' "$TMPD/remote.stty"
ok "the remote terminal is left sane (icanon echo)"
grep -Eq '(^| )icanon( |$)' "$TMPD/quit.stty" &&
    grep -Eq '(^| )echo( |$)' "$TMPD/quit.stty"
ok "and so is the local one once ssh returns"
[ -z "$(remote_pid "$STORE2")" ]
ok "no diptych is left running"
stop_server

done_testing
