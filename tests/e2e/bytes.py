#!/usr/bin/env python3
"""bytes.py: how many bytes a full-screen program sends per key.

Runs a command on a pseudo-terminal of a given size, waits for its first
screen to be drawn and the output to stop, then sends keys one at a time,
each time waiting for the output to stop again, and prints how many bytes
each step wrote:

    init 9512
    j 412
    j 398

Only counts are reported, never times: the waiting is there so that each
key's bytes are told from the next's, and a slow machine only waits
longer.  Standard library only.

    bytes.py [--cols 160] [--rows 48] [--quiet 0.3] [--raw DIR]
             [--check | --check-each] [--margins] [--screen]
             [-k KEY [-n TIMES]]... -- COMMAND [ARG...]

A KEY is sent as written, with \\e, \\r, \\n and \\xHH understood, or
by a name: Space, Enter, Esc, Down, Up, PgDn, PgUp, C-L, C-F, C-E;
@COLSxROWS resizes the terminal instead (@80x24).  -n repeats the key
before it.  --raw DIR keeps each step's bytes
(DIR/00-init, ...), to read what was sent.

The bytes also go through a model of the terminal (vt.py).  --check
compares the screen they leave at the end with the one a full redraw
leaves (the program gets SIGCONT, as after fg, which redraws whole
without a key that could change what is shown); --check-each does so
after every key.  --margins makes the model a terminal with left and
right margins that says so when asked (DECRQM), as xterm does; without
it the model answers nothing and ignores margins, as most terminals.

Exit status 0; 1 when a check found the screens differ; 2 when the
program never drew.
"""

import argparse
import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import vt  # noqa: E402

NAMES = {
    "Space": b" ", "Enter": b"\r", "Esc": b"\x1b", "Down": b"\x1b[B",
    "Up": b"\x1b[A", "PgDn": b"\x1b[6~", "PgUp": b"\x1b[5~", "C-L": b"\x0c",
    "C-F": b"\x06", "C-E": b"\x05",
}


class KeyStep(argparse.Action):
    """-k KEY: a step, sent once unless -n follows."""

    def __call__(self, parser, ns, value, option=None):
        ns.steps.append([value, 1])


class Times(argparse.Action):
    """-n TIMES: the step before, that many times."""

    def __call__(self, parser, ns, value, option=None):
        if not ns.steps:
            parser.error("-n comes after a -k")
        ns.steps[-1][1] = value


def key_bytes(spec):
    """A key as the terminal would send it."""
    if spec in NAMES:
        return NAMES[spec]
    spec = spec.replace("\\e", "\\x1b")
    return spec.encode("utf-8").decode("unicode_escape").encode("latin-1")


def spawn(argv, cols, rows, env):
    """The command on a new pty of cols x rows: (pid, master fd)."""
    pid, fd = pty.fork()
    if pid == 0:
        # The child: its terminal is the pty, already its stdin/out/err.
        fcntl.ioctl(0, termios.TIOCSWINSZ,
                    struct.pack("HHHH", rows, cols, 0, 0))
        try:
            os.execvpe(argv[0], argv, env)
        finally:
            os._exit(127)
    # Set on the master side too, before the child can ask.
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    return pid, fd


def drain(fd, quiet, first_wait):
    """
    The bytes read until none came for quiet seconds, after the first
    byte (waited for at most first_wait seconds); b"" when none came or
    the program ended.
    """
    out = bytearray()
    timeout = first_wait
    while True:
        r, _, _ = select.select([fd], [], [], timeout)
        if not r:
            return bytes(out)
        try:
            data = os.read(fd, 65536)
        except OSError:
            return bytes(out)
        if not data:
            return bytes(out)
        out += data
        timeout = quiet


def main():
    ap = argparse.ArgumentParser(
        usage="%(prog)s [options] [-k KEY [-n TIMES]]... -- COMMAND...")
    ap.add_argument("--cols", type=int, default=160)
    ap.add_argument("--rows", type=int, default=48)
    ap.add_argument("--quiet", type=float, default=0.3,
                    help="seconds without output that end a step")
    ap.add_argument("--wait", type=float, default=10.0,
                    help="seconds to wait for a step's first byte")
    ap.add_argument("--raw", help="keep each step's bytes in this folder")
    ap.add_argument("--check", action="store_true",
                    help="at the end, the screen as drawn must be what "
                    "a full redraw (after SIGCONT) draws")
    ap.add_argument("--check-each", action="store_true",
                    help="... and after every key")
    ap.add_argument("--margins", action="store_true",
                    help="the terminal has left and right margins "
                    "(DECLRMM) and says so when asked (DECRQM)")
    ap.add_argument("--screen", action="store_true",
                    help="print the screen at the end")
    ap.add_argument("-k", dest="steps", action=KeyStep, default=[],
                    metavar="KEY", help="send KEY (a step)")
    ap.add_argument("-n", dest="steps", action=Times, type=int,
                    metavar="TIMES", help="... TIMES times, one at a time")
    ap.add_argument("argv", nargs="+")
    args = ap.parse_args()
    steps = args.steps
    env = dict(os.environ)
    env.setdefault("TERM", "xterm-256color")
    scr = vt.Screen(args.cols, args.rows, margins=args.margins)
    pid, fd = spawn(args.argv, args.cols, args.rows, env)
    if args.raw:
        os.makedirs(args.raw, exist_ok=True)

    def step(kb):
        """Send kb, return what came back, answering the terminal's
        queries as the model terminal would."""
        if kb:
            os.write(fd, kb)
        data = drain(fd, args.quiet, args.wait)
        scr.feed(data)
        while scr.answers and args.margins:
            os.write(fd, bytes(scr.answers))
            scr.answers.clear()
            more = drain(fd, args.quiet, args.quiet)
            scr.feed(more)
            data += more
        scr.answers.clear()
        return data

    def check(what):
        """0 when the screen is what a full redraw draws.  SIGCONT asks
        for one (as after fg) without a key, which would end messages
        shown until the next key."""
        before = scr.snapshot()
        os.kill(pid, signal.SIGCONT)
        step(b"")
        bad = vt.diff(before, scr.snapshot())
        if bad:
            print("# the screen after %s is not what a redraw draws:" % what,
                  file=sys.stderr)
            for line in bad:
                print("#   " + line, file=sys.stderr)
            return 1
        return 0

    rc = 0
    try:
        data = step(b"")
        print("init", len(data), flush=True)
        if args.raw:
            keep(args.raw, 0, "init", data)
        if not data:
            rc = 2
        i = 1
        for spec, times in steps:
            kb = key_bytes(spec)
            for _ in range(times):
                if spec.startswith("@"):
                    # The terminal's new size, as a window resized.
                    cols, rows = (int(v) for v in spec[1:].split("x"))
                    fcntl.ioctl(fd, termios.TIOCSWINSZ,
                                struct.pack("HHHH", rows, cols, 0, 0))
                    scr.resize(cols, rows)
                    os.kill(pid, signal.SIGWINCH)
                    kb = b""
                data = step(kb)
                print(spec, len(data), flush=True)
                if args.raw:
                    keep(args.raw, i, spec, data)
                if args.check_each and check("%s (step %d)" % (spec, i)):
                    rc = rc or 1
                i += 1
        if args.check and not args.check_each and check("the last key"):
            rc = rc or 1
        if args.screen:
            for y in range(scr.rows):
                print(scr.text(y).rstrip())
    finally:
        stop(pid, fd)
    return rc


def keep(folder, i, name, data):
    """Step i's bytes in folder/NN-name."""
    name = name.replace("/", "_")
    with open(os.path.join(folder, "%02d-%s" % (i, name)), "wb") as f:
        f.write(data)


def stop(pid, fd):
    """End the program: SIGTERM, then SIGKILL."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            break
        deadline = time.monotonic() + 2
        while time.monotonic() < deadline:
            # Read what it says on the way out: a full pty blocks it.
            r, _, _ = select.select([fd], [], [], 0.05)
            if r:
                try:
                    os.read(fd, 65536)
                except OSError:
                    pass
            if os.waitpid(pid, os.WNOHANG)[0] == pid:
                os.close(fd)
                return
    os.close(fd)


if __name__ == "__main__":
    sys.exit(main())
