#!/usr/bin/env python3
# tests/bench/bench.py: `make bench` (issue #12).  Measures diptych
# against less, vim, cmark and lowdown and prints a Markdown table of
# ratios with the goal of each row.  Not part of `make check`.
#
#   python3 bench.py DIPTYCH TEXTS_DIR FLOOR  (BENCH_RUNS=5 by default)
#
# The harness, the same for every program:
#
# - Each interactive program is forked on a pseudo-terminal of 160x48
#   with a clean environment: TERM=xterm-256color, LANG=C.UTF-8, HOME
#   and XDG_* in a temporary folder (no vimrc, lesskey, lesspipe or
#   diptych configuration), nothing else from the caller but PATH,
#   USER and LOGNAME.  Every byte it writes to the terminal is read and
#   counted; the harness never answers a terminal query.
#
# - First full frame: the clock starts just before the fork.  The
#   harness reads until a marker known to be on every program's first
#   screen, the word "Koga" (Kei Koga's name in the essay's front matter
#   or title block, and diptych's status row), has appeared in the
#   output with the escape sequences taken out, and then until the
#   output has been quiet for FRAME_QUIET (200 ms).  The first frame is
#   the time of the last byte before that quiet spell: the marker says
#   the screen is no longer a preamble (the alternate screen, a
#   "loading" line), the quiet says it is complete, and the quiet
#   itself is not counted.
#
# - Settling after a key or a resize: the harness waits for the first
#   byte of the answer (at most KEY_WAIT) and then until the output has
#   been quiet for KEY_QUIET (20 ms), and only then sends the next key:
#   one key at a time, so no program can fold several keys into one
#   redraw.  Bytes per key are the bytes written from the end of the
#   first frame to the settling of the last key, divided by the number
#   of keys (what quitting writes is not counted).
#
# - A one-row scroll is `j` down and `k` up in diptych and less, and
#   vim's scroll keys Ctrl-E and Ctrl-Y (its `j` moves the cursor and
#   scrolls only at the window's edge).  200 of them: 40 down, 40 up,
#   40 down, 40 up, 40 down, so that every key scrolls every pane and
#   no program meets the end of its text (less on one essay at 160
#   columns has about 155 rows to scroll; vim's windows hold 58 and 89
#   lines of the files).  vim scrolls a line of the file, a wrapped
#   paragraph or a blank line, and redraws both windows whole for
#   either; with 'smoothscroll' it would scroll one screen row but leave
#   the other window behind until the paragraph is passed, which is not
#   the sync diptych keeps, so it is not set.  A page is Space (vim:
#   Ctrl-F), back is b (vim: Ctrl-B): 5 down and 5 up, twice.  vim runs
#   as `vim -u NONE -i NONE -N -n -O OGI KOGA -c 'windo set
#   scrollbind'` (no vimrc, viminfo or swap file, so no prompt), which
#   leaves the cursor in the right, the longer, window.
#
# - The 400 mixed keys are 20 rounds of j j j k k Space b ] [, a search
#   typed key by key (/ t r e a t y Enter), n n and Tab.  A resize sets
#   the terminal's size on the pty (TIOCSWINSZ), 120x40 and 160x48 in
#   turn, and the kernel sends SIGWINCH to the program, as it does for
#   a terminal emulator's resize (the harness sends no second one); it
#   settles as a key does.
#
# - Each program is quit as a user would (q, or :qa! in vim), read to
#   the end of its output and reaped with os.wait4, which gives its CPU
#   time (user + system) and its peak resident memory.  A program that
#   does not start, exits non-zero, never shows its first frame or does
#   not quit is a failure: the table says so and the script exits 1.  A
#   missed goal is only a note: the exit status is 0.
#
# - Batch programs (--dump, cmark, lowdown) run with standard output to
#   /dev/null, not on the terminal; their figure is the wall time from
#   fork to reaping, and --dump's peak memory (ru_maxrss from wait4)
#   is compared with the size of its input, BIG.md and koga-2023.md.
#   A child's ru_maxrss starts at the resident size of the process that
#   forks it, so they are forked by a bare `python3 -I -S` helper, not
#   by this script; the table's footer gives that floor (/bin/true).
#
# - Every figure is measured BENCH_RUNS times (5), each round running
#   every program once, the programs alternating (the order reversed in
#   every other round), after a warm-up round that is not counted (each
#   start and each batch program once: the files in the page cache, the
#   stores made); a figure is the median of its runs.  The first frames,
#   a few milliseconds each and the figures that vary the most, are
#   measured FRAME_STARTS times (5) a round, the starts of the programs
#   still alternating.  "Minus start-up"
#   is the CPU time the program used from the end of its first frame to
#   the settling of its last key or resize, read from the kernel's
#   account of it, /proc/PID/schedstat (nanoseconds on a CPU), at those
#   two moments: start-up is not counted at all.  (Subtracting the
#   median CPU of the runs that only start would leave the noise of two
#   start-ups, which for the 10 MB text is as large as the figure.)
#
# - The 10 MB text (BIG.md) is made from the bundled essays: front
#   matter and `<!-- section: ... -->` lines taken out, then Ogi and Koga
#   alternately until it holds at least 10 MiB.  The store of 10,000
#   annotations is made by `diptych --import` of a Hypothesis JSON file
#   whose rows quote passages of the two essays (unique runs of 4 to 12
#   words of the paragraphs, without markup).
#
# Standard library only.  The peers come from Debian packages (less,
# vim, cmark, lowdown) and are installed with apt-get when missing.

import datetime
import fcntl
import json
import os
import pty
import random
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time

COLS, ROWS = 160, 48
ALT_COLS, ALT_ROWS = 120, 40          # the other size of the resizes
MARKER = b"Koga"
FRAME_QUIET = 0.200
FRAME_TIMEOUT = 120.0
KEY_QUIET = 0.020
KEY_WAIT = 5.0
QUIT_TIMEOUT = 10.0
BIG_SIZE = 10 * 1024 * 1024
NOTES = 10000
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
FRAME_STARTS = 5

PEERS = ["less", "vim", "cmark", "lowdown"]    # Debian package = command

ESCAPES = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]"        # CSI
                     rb"|\x1b[\]P_^][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC, DCS
                     rb"|\x1b[()*+#][0-9A-Za-z]"
                     rb"|\x1b.", re.S)


class Failure(Exception):
    """A program that did not run as it should: not a missed goal."""


def log(msg):
    print(msg, file=sys.stderr, flush=True)


# --- the terminal -------------------------------------------------------

class Term:
    """One program on a pseudo-terminal, its output read and counted."""

    def __init__(self, name, argv, env):
        self.name = name
        self.out = bytearray()
        self.status = None
        self.rusage = None
        self.t0 = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ,
                            struct.pack("HHHH", ROWS, COLS, 0, 0))
                os.execve(argv[0], argv, env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        self.eof = False

    def _read(self, timeout):
        """Read what is there within timeout; False at the end."""
        if self.eof:
            return False
        r, _, _ = select.select([self.fd], [], [], max(timeout, 0))
        if not r:
            return True
        try:
            data = os.read(self.fd, 1 << 16)
        except OSError:             # EIO: the program has gone
            data = b""
        if not data:
            self.eof = True
            return False
        self.out += data
        self.last = time.perf_counter()
        return True

    def settle(self, quiet, wait, ready=lambda: True):
        """Read until ready() holds and the output has been quiet for
        quiet seconds after a byte that came in within wait seconds
        from now.  Returns the time of that last byte, or None when no
        byte came (or ready() never held) in time."""
        start = time.perf_counter()
        n0 = len(self.out)
        self.last = None
        while True:
            now = time.perf_counter()
            got = self.last is not None and len(self.out) > n0
            if got and ready():
                if now - self.last >= quiet:
                    return self.last
                timeout = quiet - (now - self.last)
            else:
                if now - start >= wait:
                    return None
                timeout = min(0.05, wait - (now - start))
            if not self._read(timeout):
                return self.last if got and ready() else None

    def first_frame(self):
        """Seconds from the fork to the first full frame."""
        def marked():
            return MARKER in ESCAPES.sub(b"", bytes(self.out))
        t = self.settle(FRAME_QUIET, FRAME_TIMEOUT, marked)
        if t is None:
            self.kill()
            raise Failure("%s: no first frame (%d bytes written, exit "
                          "status %d)" % (self.name, len(self.out),
                                          os.waitstatus_to_exitcode(
                                              self.status)))
        return t - self.t0

    def key(self, k):
        """Send one key and wait for the answer to settle; False when
        no answer came."""
        try:
            os.write(self.fd, k)
        except OSError as e:
            self.kill()
            raise Failure("%s: gone before a key (%s)" % (self.name, e))
        return self.settle(KEY_QUIET, KEY_WAIT) is not None

    def resize(self, cols, rows):
        # The kernel sends SIGWINCH to the terminal's foreground process
        # group when the size changes, as a terminal emulator's resize
        # does; the harness sends no second one.
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ,
                    struct.pack("HHHH", rows, cols, 0, 0))
        return self.settle(KEY_QUIET, KEY_WAIT) is not None

    def _reap(self, timeout):
        end = time.perf_counter() + timeout
        while time.perf_counter() < end:
            self._read(0.05)
            pid, status, ru = os.wait4(self.pid, os.WNOHANG)
            if pid == self.pid:
                n = -1
                while n != len(self.out):       # what is left to read
                    n = len(self.out)
                    self._read(0)
                self.status, self.rusage = status, ru
                return True
        return False

    def quit(self, keys):
        """Quit with keys (sent again if the program stays); returns
        the child's CPU seconds (user + system)."""
        for _ in range(3):
            if not self.eof:
                try:
                    os.write(self.fd, keys)
                except OSError:
                    pass
            if self._reap(QUIT_TIMEOUT / 3):
                break
        else:
            self.kill()
            raise Failure("%s: did not quit" % self.name)
        os.close(self.fd)
        code = os.waitstatus_to_exitcode(self.status)
        if code != 0:
            raise Failure("%s: exit status %d" % (self.name, code))
        return self.rusage.ru_utime + self.rusage.ru_stime

    def kill(self):
        if self.status is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            _, self.status, self.rusage = os.wait4(self.pid, 0)
            os.close(self.fd)


# The batch programs are forked by a bare interpreter (python3 -I -S),
# which reports what wait4 says: a child's ru_maxrss starts at the
# resident size of the process that forks it, so its floor is this
# helper's few MiB rather than this script's tens.
BATCH_HELPER = """
import os, sys, time
t0 = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        fd = os.open(os.devnull, os.O_RDWR)
        os.dup2(fd, 0)
        os.dup2(fd, 1)
        os.execve(sys.argv[1], sys.argv[1:], os.environ)
    finally:
        os._exit(127)
_, status, ru = os.wait4(pid, 0)
print(os.waitstatus_to_exitcode(status), time.perf_counter() - t0,
      ru.ru_maxrss * 1024, ru.ru_utime + ru.ru_stime)
"""


def batch(name, argv, env):
    """Run argv with its output to /dev/null: (wall s, peak RSS bytes)."""
    r = subprocess.run([sys.executable, "-I", "-S", "-c", BATCH_HELPER]
                       + argv, env=env, capture_output=True, text=True)
    try:
        code, wall, rss, _ = r.stdout.split()
        code, wall, rss = int(code), float(wall), int(rss)
    except ValueError:
        raise Failure("%s: could not be run (%s)" % (name, r.stderr.strip()))
    if code == 127:
        raise Failure("%s: could not be run" % name)
    if code != 0:
        raise Failure("%s: exit status %d" % (name, code))
    return wall, rss


# --- the programs -------------------------------------------------------

class Program:
    """How to start one program, quit it, and which keys it uses."""

    def __init__(self, name, argv, quit_keys, keys=None):
        self.name, self.argv, self.quit_keys = name, argv, quit_keys
        self.keys = keys or {}

    def start(self, env):
        return Term(self.name, self.argv, env)


DIPTYCH_KEYS = {"down": b"j", "up": b"k", "pgdn": b" ", "pgup": b"b"}
LESS_KEYS = DIPTYCH_KEYS
VIM_KEYS = {"down": b"\x05", "up": b"\x19", "pgdn": b"\x06",
            "pgup": b"\x02"}

SCROLLS = (["down"] * 40 + ["up"] * 40) * 2 + ["down"] * 40
PAGES = (["pgdn"] * 5 + ["pgup"] * 5) * 2
# 400 mixed keys: 20 rounds of scroll, page, section, an incremental
# search typed key by key, next match and Tab; each round ends a row
# further on, and wherever its matches took it.
MIXED = [b"j", b"j", b"j", b"k", b"k", b" ", b"b", b"]", b"[", b"/",
         b"t", b"r", b"e", b"a", b"t", b"y", b"\r", b"n", b"n",
         b"\t"] * 20
RESIZES = 20


def m_frame(p, env):
    """Start, first frame, quit at once: {frame s, cpu s}."""
    t = p.start(env)
    frame = t.first_frame()
    cpu = t.quit(p.quit_keys)
    return {"frame": frame, "cpu": cpu}


def on_cpu(pid):
    """Seconds process pid has been on a CPU, as the kernel counts."""
    with open("/proc/%d/schedstat" % pid) as f:
        return int(f.read().split()[0]) / 1e9


def m_keys(p, env, keys):
    """Bytes per key of a key sequence after the first frame, and CPU
    (all of it, and that of the keys)."""
    t = p.start(env)
    t.first_frame()
    n0 = len(t.out)
    c0 = on_cpu(t.pid)
    silent = 0
    for k in keys:
        if not t.key(p.keys.get(k, k) if isinstance(k, str) else k):
            silent += 1
    n = len(t.out) - n0
    keys_cpu = on_cpu(t.pid) - c0
    cpu = t.quit(p.quit_keys)
    return {"bytes": n / len(keys), "cpu": cpu, "keys_cpu": keys_cpu,
            "silent": silent}


def m_resize(p, env):
    t = p.start(env)
    t.first_frame()
    c0 = on_cpu(t.pid)
    silent = 0
    for i in range(RESIZES):
        cols, rows = (ALT_COLS, ALT_ROWS) if i % 2 == 0 else (COLS, ROWS)
        if not t.resize(cols, rows):
            silent += 1
    keys_cpu = on_cpu(t.pid) - c0
    cpu = t.quit(p.quit_keys)
    return {"cpu": cpu, "keys_cpu": keys_cpu, "silent": silent}


def m_batch(name, argv, env):
    wall, rss = batch(name, argv, env)
    return {"wall": wall, "rss": rss}


# --- the inputs -------------------------------------------------------

def essay_body(path):
    """An essay without its front matter and section marks."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if text.startswith("---\n"):
        text = text[text.index("\n---\n", 4) + 5:]
    lines = [l for l in text.splitlines(True)
             if not re.match(r"\s*<!--\s*section:.*-->\s*$", l)]
    return "".join(lines).strip("\n") + "\n\n"


def make_big(texts, path):
    parts = [essay_body(os.path.join(texts, "ogi-2024.md")),
             essay_body(os.path.join(texts, "koga-2023.md"))]
    size, i = 0, 0
    with open(path, "w", encoding="utf-8") as f:
        while size < BIG_SIZE:
            f.write(parts[i % 2])
            size += len(parts[i % 2].encode())
            i += 1
    return size


def front(path, key):
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith(key + ":"):
                return line.split(":", 1)[1].strip()
    raise Failure("%s: no %s in its front matter" % (path, key))


def address(path):
    """What notes name the essay by: its source, else urn:diptych:ID."""
    try:
        return front(path, "source")
    except Failure:
        return "urn:diptych:" + front(path, "id")


def quotes_of(path):
    """Unique runs of 4 to 12 words from the paragraphs of an essay,
    with nothing CommonMark would turn into markup."""
    body = essay_body(path)
    paras = [l.strip() for l in body.split("\n")
             if l.strip() and not re.match(r"[#>\-*+|<\d]", l.strip())]
    safe = re.compile(r"^[\w ,;:’“”]+$")
    out = []
    for para in paras:
        # Not the link destinations and titles: they are not text.
        para = re.sub(r'\]\([^ )]*(?: "[^"]*")?\)', "] ", para)
        words = para.split(" ")
        for i in range(len(words)):
            for n in (4, 7, 12):
                q = " ".join(words[i:i + n])
                if len(words[i:i + n]) == n and safe.match(q) and \
                        body.count(q) == 1:
                    out.append(q)
    return out


def make_notes(texts, path):
    """A Hypothesis API response with NOTES rows on the two essays."""
    rng = random.Random(12)
    rows = []
    sides = []
    for f in ("ogi-2024.md", "koga-2023.md"):
        p = os.path.join(texts, f)
        sides.append((address(p), quotes_of(p)))
    for i in range(NOTES):
        src, qs = sides[i % 2]
        rows.append({
            "id": "bench%05d" % i,
            "created": "2024-07-01T10:%02d:%02d.000000+00:00"
                       % (i // 60 % 60, i % 60),
            "updated": "2024-07-01T10:%02d:%02d.000000+00:00"
                       % (i // 60 % 60, i % 60),
            "user": "acct:reader%d@hypothes.is" % (i % 7),
            "uri": src,
            "text": "Note %d on this passage. #bench" % i,
            "tags": ["bench"],
            "target": [{"source": src, "selector": [
                {"type": "TextQuoteSelector", "exact": rng.choice(qs)}]}],
        })
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"total": len(rows), "rows": rows}, f)


def peers():
    """The peers' paths, installing the missing with apt-get."""
    missing = [p for p in PEERS if shutil.which(p) is None]
    if missing:
        cmd = ["apt-get", "install", "-y"] + missing
        if os.geteuid() != 0:
            cmd = ["sudo"] + cmd
        log("bench: installing %s" % " ".join(missing))
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        if subprocess.call(cmd, env=env, stdout=sys.stderr) != 0:
            up = cmd[:-len(missing) - 2] + ["update"]
            subprocess.call(up, env=env, stdout=sys.stderr)
            if subprocess.call(cmd, env=env, stdout=sys.stderr) != 0:
                raise Failure("apt-get could not install %s"
                              % " ".join(missing))
    paths = {}
    for p in PEERS:
        paths[p] = shutil.which(p)
        if paths[p] is None:
            raise Failure("%s: not found after apt-get install" % p)
    return paths


def version(argv):
    try:
        out = subprocess.run(argv, capture_output=True, text=True,
                             timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return "?"
    return out.splitlines()[0].strip() if out else "?"


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return os.uname().machine


def debian_version(pkg):
    return version(["dpkg-query", "-W", "-f", "${Version}\n", pkg])


# --- the table --------------------------------------------------------

def fmt_time(s):
    return "%.1f ms" % (s * 1e3) if s < 1 else "%.2f s" % s


def fmt_bytes(b):
    if b >= 1 << 20:
        return "%.1f MiB" % (b / (1 << 20))
    return "%.0f B" % b


def main():
    if len(sys.argv) != 4:
        print("usage: bench.py DIPTYCH TEXTS_DIR FLOOR", file=sys.stderr)
        return 2
    binary = os.path.abspath(sys.argv[1])
    texts = os.path.abspath(sys.argv[2])
    floor = os.path.abspath(sys.argv[3])
    for b in (binary, floor):
        if not os.access(b, os.X_OK):
            print("bench: %s: not an executable" % b, file=sys.stderr)
            return 1
    ogi = os.path.join(texts, "ogi-2024.md")
    koga = os.path.join(texts, "koga-2023.md")
    failures = []
    try:
        paths = peers()
    except Failure as e:
        print("bench: %s" % e, file=sys.stderr)
        return 1

    tmp = tempfile.mkdtemp(prefix="diptych-bench.")
    try:
        return run(binary, floor, texts, ogi, koga, paths, tmp, failures)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def first_screen(binary, env, path):
    """diptych's first screen of the bundled essays as text, a line a
    row, the status row last (its words, in the place of its marks):
    what the floor program shows."""
    r = subprocess.run([binary, "--dump", "--width", str(COLS)], env=env,
                       capture_output=True, text=True)
    if r.returncode != 0:
        raise Failure("diptych --dump: %s" % r.stderr.strip())
    rows = r.stdout.split("\n")[:ROWS - 1]
    half = COLS // 2
    status = (" Ogi 2024 · Front matter".ljust(half - 6) + "sync  "
              + " Koga 2023 · Front matter".ljust(half - 6) + "sync  ")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(rows + [status]) + "\n")


def run(binary, floor_bin, texts, ogi, koga, paths, tmp, failures):
    started = time.time()
    home = os.path.join(tmp, "home")
    for d in ("", "/data", "/config", "/cache"):
        os.makedirs(home + d, mode=0o700, exist_ok=True)
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"),
           "HOME": home, "TERM": "xterm-256color", "LANG": "C.UTF-8",
           "XDG_DATA_HOME": home + "/data",
           "XDG_CONFIG_HOME": home + "/config",
           "XDG_CACHE_HOME": home + "/cache", "LESSHISTFILE": "-",
           "TMPDIR": tmp}
    for k in ("USER", "LOGNAME"):
        if k in os.environ:
            env[k] = os.environ[k]

    big = os.path.join(tmp, "BIG.md")
    big_size = make_big(texts, big)
    in_size = big_size + os.path.getsize(koga)
    log("bench: %s: %d bytes" % (big, big_size))

    stores = {k: os.path.join(tmp, k + ".db")
              for k in ("essays", "big", "notes")}
    notes_json = os.path.join(tmp, "notes.json")
    make_notes(texts, notes_json)
    t0 = time.perf_counter()
    r = subprocess.run([binary, "--import", notes_json, "--store",
                        stores["notes"]], env=env, capture_output=True,
                       text=True)
    log("bench: %s (%.1f s)" % (r.stderr.strip() or r.stdout.strip(),
                                time.perf_counter() - t0))
    if r.returncode != 0:
        print("bench: diptych --import failed: %s" % r.stderr.strip(),
              file=sys.stderr)
        return 1

    d = [binary, "--top", "--store"]
    essays = Program("diptych", d + [stores["essays"]], b"q",
                     DIPTYCH_KEYS)
    dbig = Program("diptych BIG.md", d + [stores["big"], big, koga], b"q",
                   DIPTYCH_KEYS)
    dnotes = Program("diptych (10,000 notes)", d + [stores["notes"]],
                     b"q", DIPTYCH_KEYS)
    less = Program("less", [paths["less"], koga], b"q", LESS_KEYS)
    screen = os.path.join(tmp, "screen.txt")
    try:
        first_screen(binary, env, screen)
    except Failure as e:
        print("bench: %s" % e, file=sys.stderr)
        return 1
    floor = Program("floor", [floor_bin, screen], b"q")
    vim = Program("vim", [paths["vim"], "-u", "NONE", "-i", "NONE", "-N",
                          "-n", "-O", ogi, koga,
                          "-c", "windo set scrollbind"],
                  b":qa!\r", VIM_KEYS)
    dump = [binary, "--dump", "--width", str(COLS), big, koga]
    rss_floor = batch("true", [shutil.which("true") or "/bin/true"],
                      env)[1]
    cmark = [paths["cmark"], "-t", "html", big]
    lowdown = [paths["lowdown"], "-tterm", big]

    # Each step: (figure key, thunk).  A round runs them all once.
    frames = [
        ("frame essays", lambda: m_frame(essays, env)),
        ("frame less", lambda: m_frame(less, env)),
        ("frame floor", lambda: m_frame(floor, env)),
        ("frame big", lambda: m_frame(dbig, env)),
        ("frame notes", lambda: m_frame(dnotes, env)),
    ]
    steps = frames * FRAME_STARTS + [
        ("scroll essays", lambda: m_keys(essays, env, SCROLLS)),
        ("scroll vim", lambda: m_keys(vim, env, SCROLLS)),
        ("scroll less", lambda: m_keys(less, env, SCROLLS)),
        ("page essays", lambda: m_keys(essays, env, PAGES)),
        ("page vim", lambda: m_keys(vim, env, PAGES)),
        ("dump", lambda: m_batch("diptych --dump", dump, env)),
        ("cmark", lambda: m_batch("cmark", cmark, env)),
        ("lowdown", lambda: m_batch("lowdown", lowdown, env)),
        ("mixed big", lambda: m_keys(dbig, env, MIXED)),
        ("mixed essays", lambda: m_keys(essays, env, MIXED)),
        ("resize big", lambda: m_resize(dbig, env)),
        ("resize essays", lambda: m_resize(essays, env)),
    ]
    res = {k: [] for k, _ in steps}
    # The warm-up round (not counted) reads the files into the page
    # cache and makes the stores, so that every counted start opens one.
    WARM_UP = {"frame essays", "frame less", "frame floor", "frame big",
               "frame notes", "dump", "cmark", "lowdown"}
    failed = {}
    for rnd in range(RUNS + 1):
        order = steps if rnd % 2 == 0 else list(reversed(steps))
        log("bench: %s %d/%d" % ("round" if rnd else "warm-up", rnd, RUNS))
        warmed = set()
        for k, thunk in order:
            if k in failed or (rnd == 0 and (k not in WARM_UP or
                                             k in warmed)):
                continue
            warmed.add(k)
            t0 = time.perf_counter()
            try:
                v = thunk()
                log("bench:   %s: %.1f s" % (k, time.perf_counter() - t0))
            except Failure as e:
                failed[k] = str(e)
                log("bench: FAILED: %s" % e)
                continue
            if rnd > 0:
                res[k].append(v)

    def med(k, field):
        if k in failed or not res[k]:
            return None
        return statistics.median(v[field] for v in res[k])

    rows = []

    def row(fig, mine, against, ratio, goal, fmt_mine, fmt_against,
            note=None):
        # goal None: a figure to read the others by, with no goal.
        want = "-" if goal is None else "≤ %g" % goal
        if mine is None or against is None or ratio is None:
            rows.append((fig, "failed" if mine is None else fmt_mine(mine),
                         "failed" if against is None
                         else fmt_against(against), "-", want,
                         "did not run"))
            return
        if note is None:
            note = "misses goal" if goal is not None and ratio > goal \
                else ""
        rows.append((fig, fmt_mine(mine), fmt_against(against),
                     "%.3f" % ratio if ratio < 0.1 else "%.2f" % ratio,
                     want, note))

    def ratio(a, b):
        return None if a is None or b is None or b <= 0 else a / b

    def keys_cpu(run):
        return med(run, "keys_cpu")

    fe, fl = med("frame essays", "frame"), med("frame less", "frame")
    row("1. first full frame, both essays, store open", fe,
        fl, ratio(fe, fl), 1.0, fmt_time, lambda v: "less, one essay: "
        + fmt_time(v))
    ff = med("frame floor", "frame")
    row("1a. the text of the first screen (as --dump lays it out) shown "
        "by a curses program that does nothing else (tests/bench/floor.c)",
        ff, fl, ratio(ff, fl), None,
        lambda v: "floor: " + fmt_time(v),
        lambda v: "less, one essay: " + fmt_time(v),
        "the floor under 1.")
    se, sv, sl = (med("scroll essays", "bytes"), med("scroll vim", "bytes"),
                  med("scroll less", "bytes"))
    row("2. bytes per one-row scroll, sync on", se, sv, ratio(se, sv), 0.03,
        fmt_bytes, lambda v: "vim -O scrollbind: " + fmt_bytes(v))
    row("3. bytes per one-row scroll", se, sl, ratio(se, sl), 1.3,
        fmt_bytes, lambda v: "less, one essay: " + fmt_bytes(v))
    pe, pv = med("page essays", "bytes"), med("page vim", "bytes")
    row("4. bytes per page", pe, pv, ratio(pe, pv), 1.0, fmt_bytes,
        lambda v: "vim -O scrollbind: " + fmt_bytes(v))
    dw, cw, lw = (med("dump", "wall"), med("cmark", "wall"),
                  med("lowdown", "wall"))
    row("5. --dump of the 10 MB text", dw, cw, ratio(dw, cw), 2.0,
        fmt_time, lambda v: "cmark -t html: " + fmt_time(v))
    row("6. --dump of the 10 MB text", dw, lw, ratio(dw, lw), 0.7,
        fmt_time, lambda v: "lowdown -tterm: " + fmt_time(v))
    rss = med("dump", "rss")
    row("7. peak memory, --dump of the 10 MB text", rss, in_size,
        ratio(rss, in_size), 4.0, fmt_bytes,
        lambda v: "input: " + fmt_bytes(v))
    fb = med("frame big", "frame")
    row("8. first full frame, the 10 MB text", fb, cw, ratio(fb, cw), 1.5,
        fmt_time, lambda v: "cmark -t html: " + fmt_time(v))
    kb, ke = keys_cpu("mixed big"), keys_cpu("mixed essays")
    row("9. CPU of 400 mixed keys, minus start-up", kb, ke, ratio(kb, ke),
        1.5, lambda v: "10 MB: " + fmt_time(v),
        lambda v: "essays: " + fmt_time(v))
    rb, re_ = keys_cpu("resize big"), keys_cpu("resize essays")
    row("10. CPU of %d resizes, minus start-up" % RESIZES, rb, re_,
        ratio(rb, re_), 1.5, lambda v: "10 MB: " + fmt_time(v),
        lambda v: "essays: " + fmt_time(v))
    fn = med("frame notes", "frame")
    row("11. first full frame, 10,000 annotations", fn, fe, ratio(fn, fe),
        1.2, fmt_time, lambda v: "empty store: " + fmt_time(v))

    print("## diptych benchmark (make bench)")
    print()
    print("- date: %s" % datetime.datetime.now().astimezone()
          .strftime("%Y-%m-%d %H:%M %Z"))
    print("- command: `make bench` (`%s %s %s %s %s`), BENCH_RUNS=%d"
          % (os.path.basename(sys.executable), "tests/bench/bench.py",
             sys.argv[1], sys.argv[2], sys.argv[3], RUNS))
    print("- machine: %s, nproc %d" % (cpu_model(), os.cpu_count()))
    print("- %s; less %s, vim %s, cmark %s, lowdown %s (Debian)"
          % (version([binary, "--version"]), debian_version("less"),
             debian_version("vim"), debian_version("cmark"),
             debian_version("lowdown")))
    print("- 10 MB text: %d bytes; %dx%d pty, TERM=xterm-256color; "
          "medians of %d runs (first frames: %d starts)"
          % (big_size, COLS, ROWS, RUNS, RUNS * FRAME_STARTS))
    print()
    print("| figure | diptych | against | ratio | goal | note |")
    print("|---|---:|---|---:|---:|---|")
    for r in rows:
        print("| %s |" % " | ".join(r))
    print()
    silent = [(k, max(v["silent"] for v in res[k])) for k in res
              if res[k] and "silent" in res[k][0]]
    silent = [(k, n) for k, n in silent if n]
    if silent:
        print("Keys or resizes that got no output within %g s: %s"
              % (KEY_WAIT, ", ".join("%s %d" % s for s in silent)))
    print("Peak memory is ru_maxrss, which is never below the size of "
          "the process that forks the program: %s here (/bin/true)."
          % fmt_bytes(rss_floor))
    for k, e in failed.items():
        print("FAILED (%s): %s" % (k, e))
    print("(%.0f s)" % (time.time() - started))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
