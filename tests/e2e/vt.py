"""vt.py: a small model of an xterm's screen, for tests/e2e/bytes.py.

Enough of xterm to follow what curses sends it (TERM=xterm-256color,
-mono, vt100 and the like): printing with autowrap and wide characters,
cursor motion, erasing (with the background colour, as xterm's bce),
scroll regions, left and right margins (DECLRMM and DECSLRM, optional),
line and character insertion and deletion, REP, and SGR.  Each cell
holds its character and its rendition, so two screens can be compared
exactly: what a program left after drawing bit by bit against what it
draws from scratch.

Sequences it does not know are skipped whole, never printed.
"""

import ctypes
import unicodedata

try:
    _libc = ctypes.CDLL(None)
    _libc.setlocale(6, b"C.UTF-8")      # LC_ALL
    _wcwidth = _libc.wcwidth
    _wcwidth.argtypes = [ctypes.c_wchar]
    _wcwidth.restype = ctypes.c_int
except (OSError, AttributeError):
    _wcwidth = None


def width(ch):
    """Display columns of ch as the C library counts them (curses does)."""
    if _wcwidth is not None:
        w = _wcwidth(ch)
        if w >= 0:
            return w
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


# A rendition: (bold, dim, italic, underline, blink, reverse, invisible,
# fg, bg), colours as strings ("d" default, "3" index 3, ...).
PLAIN = (False,) * 7 + ("d", "d")
BLANK = (" ", PLAIN)
WIDE_TAIL = ""      # the cell under a wide character's right half


class Screen:
    """A terminal of cols x rows, fed bytes with feed()."""

    def __init__(self, cols, rows, margins=True):
        self.cols, self.rows = cols, rows
        self.margins_ok = margins     # knows DECLRMM/DECSLRM
        self.reset()
        self.answers = bytearray()    # what it would reply (DECRQM)

    def reset(self):
        self.grid = [[BLANK] * self.cols for _ in range(self.rows)]
        self.x = self.y = 0
        self.pending = False          # autowrap due at the next print
        self.top, self.bot = 0, self.rows - 1
        self.lrmm = False
        self.left, self.right = 0, self.cols - 1
        self.attr = list(PLAIN)
        self.saved = (0, 0, tuple(PLAIN))
        self.state = "text"
        self.buf = bytearray()
        self.utf8 = bytearray()
        self.acs = False
        self.last = ""                # the last character printed (REP)

    def resize(self, cols, rows):
        """As xterm: the text stays at the top left, cut or widened."""
        grid = [[BLANK] * cols for _ in range(rows)]
        for y in range(min(rows, self.rows)):
            grid[y][:min(cols, self.cols)] = self.grid[y][:cols]
            if cols < self.cols and grid[y][cols - 1][0] and \
                    width(grid[y][cols - 1][0][0]) > 1:
                grid[y][cols - 1] = BLANK
        self.grid, self.cols, self.rows = grid, cols, rows
        self.x, self.y = min(self.x, cols - 1), min(self.y, rows - 1)
        self.top, self.bot = 0, rows - 1
        self.left, self.right = 0, cols - 1
        self.pending = False

    # --- cells ---------------------------------------------------------

    def blank(self):
        """An erased cell: blank, with the background colour only."""
        return (" ", PLAIN[:8] + (self.attr[8],))

    def put_cell(self, y, x, cell):
        row = self.grid[y]
        # Writing over half of a wide character blanks the other half.
        if row[x][0] == WIDE_TAIL and x > 0:
            row[x - 1] = (" ", row[x - 1][1])
        if x + 1 < self.cols and row[x + 1][0] == WIDE_TAIL:
            row[x + 1] = (" ", row[x + 1][1])
        row[x] = cell

    def print_char(self, ch):
        w = width(ch)
        if w == 0:
            # A combining mark joins the character before it.
            x = self.x - 1 if not self.pending else self.x
            if x >= 0:
                c, a = self.grid[self.y][x]
                if c == WIDE_TAIL and x > 0:
                    x -= 1
                    c, a = self.grid[self.y][x]
                self.grid[self.y][x] = (c + ch, a)
            return
        right = self.right if self.lrmm else self.cols - 1
        if self.pending or self.x + w - 1 > right:
            self.x = self.left if self.lrmm else 0
            self.linefeed()
            self.pending = False
        self.last = ch
        a = tuple(self.attr)
        self.put_cell(self.y, self.x, (ch, a))
        if w == 2:
            self.put_cell(self.y, self.x + 1, (WIDE_TAIL, a))
        if self.x + w - 1 >= right:
            self.x = right
            self.pending = True
        else:
            self.x += w

    # --- scrolling -----------------------------------------------------

    def hspan(self):
        """The columns a scroll moves: the margins when they are on."""
        if self.lrmm:
            return self.left, self.right
        return 0, self.cols - 1

    def scroll_up(self, n, top=None):
        top = self.top if top is None else top
        l, r = self.hspan()
        for _ in range(n):
            for y in range(top, self.bot):
                self.grid[y][l:r + 1] = self.grid[y + 1][l:r + 1]
            self.grid[self.bot][l:r + 1] = [self.blank()] * (r - l + 1)

    def scroll_down(self, n, top=None):
        top = self.top if top is None else top
        l, r = self.hspan()
        for _ in range(n):
            for y in range(self.bot, top, -1):
                self.grid[y][l:r + 1] = self.grid[y - 1][l:r + 1]
            self.grid[top][l:r + 1] = [self.blank()] * (r - l + 1)

    def in_margins(self):
        return not self.lrmm or self.left <= self.x <= self.right

    def linefeed(self):
        if self.y == self.bot:
            if self.in_margins():
                self.scroll_up(1)
        elif self.y < self.rows - 1:
            self.y += 1

    def reverse_index(self):
        if self.y == self.top:
            if self.in_margins():
                self.scroll_down(1)
        elif self.y > 0:
            self.y -= 1

    # --- input ---------------------------------------------------------

    def feed(self, data):
        for b in data:
            self.byte(b)

    def byte(self, b):
        st = self.state
        if st == "text":
            if b == 0x1b:
                self.flush_utf8()
                self.state = "esc"
                self.buf = bytearray()
            elif b < 0x20 or b == 0x7f:
                self.flush_utf8()
                self.control(b)
            elif b < 0x80 and not self.utf8:
                ch = chr(b)
                if self.acs:
                    ch = ACS.get(ch, ch)
                self.print_char(ch)
            else:
                self.utf8.append(b)
                self.try_utf8()
        elif st == "esc":
            if b == ord("["):
                self.state = "csi"
            elif b == ord("]"):
                self.state = "osc"
            elif b in (ord("P"), ord("_"), ord("^")):
                self.state = "dcs"
            elif 0x20 <= b <= 0x2f:
                self.buf.append(b)
                self.state = "escint"
            else:
                self.state = "text"
                self.esc(chr(b))
        elif st == "escint":
            self.state = "text"
            if self.buf[:1] == b"(":
                self.acs = b == ord("0")
        elif st == "csi":
            if 0x40 <= b <= 0x7e:
                self.state = "text"
                self.csi(self.buf.decode("latin-1"), chr(b))
            else:
                self.buf.append(b)
        elif st in ("osc", "dcs"):
            # To BEL or ST (ESC \).
            if b == 0x07 and st == "osc":
                self.state = "text"
            elif b == 0x1b:
                self.state = st + "esc"
        elif st in ("oscesc", "dcsesc"):
            self.state = "text" if b == ord("\\") else st[:3]

    def try_utf8(self):
        try:
            s = self.utf8.decode("utf-8")
        except UnicodeDecodeError as e:
            if e.reason == "unexpected end of data":
                return
            s = "\ufffd"
        self.utf8 = bytearray()
        for ch in s:
            self.print_char(ch)

    def flush_utf8(self):
        if self.utf8:
            self.utf8 = bytearray()
            self.print_char("\ufffd")

    def control(self, b):
        if b == 0x0d:
            self.x = self.left if self.lrmm and self.x >= self.left else 0
            self.pending = False
        elif b in (0x0a, 0x0b, 0x0c):
            self.linefeed()
            self.pending = False
        elif b == 0x08:
            if self.pending:
                self.pending = False
            elif self.x > 0:
                self.x -= 1
        elif b == 0x09:
            self.x = min(self.cols - 1, (self.x // 8 + 1) * 8)
            self.pending = False
        elif b == 0x0e:
            self.acs = True
        elif b == 0x0f:
            self.acs = False

    def esc(self, c):
        if c == "7":
            self.saved = (self.x, self.y, tuple(self.attr))
        elif c == "8":
            self.x, self.y, a = self.saved
            self.attr = list(a)
            self.pending = False
        elif c == "D":
            self.linefeed()
        elif c == "E":
            self.x = 0
            self.linefeed()
        elif c == "M":
            self.reverse_index()
        elif c == "c":
            self.reset()

    def csi(self, params, final):
        private = params[:1] in ("?", ">", "<", "=")
        inter = ""
        while params and params[-1] in " !\"#$%&'()*+,-./":
            inter = params[-1] + inter
            params = params[:-1]
        body = params[1:] if private else params
        args = [int(p) if p.isdigit() else 0 for p in body.split(";")] \
            if body else []

        def arg(i, default=1):
            v = args[i] if i < len(args) else 0
            return v if v else default

        if private:
            if final in "hl" and not inter:
                on = final == "h"
                for a in args:
                    if a == 69 and self.margins_ok:
                        self.lrmm = on
                        self.left, self.right = 0, self.cols - 1
                    elif a in (1049, 47, 1047) and on:
                        self.grid = [[BLANK] * self.cols
                                     for _ in range(self.rows)]
            elif final == "p" and inter == "$" and args:
                # DECRQM: 2 reset, 1 set, 0 unknown.
                mode = args[0]
                v = (1 if self.lrmm else 2) if mode == 69 and \
                    self.margins_ok else 0
                self.answers += b"\x1b[?%d;%d$y" % (mode, v)
            return
        if inter:
            return
        self.pending = final in "m" and self.pending
        if final in "Hf":
            self.y = min(arg(0), self.rows) - 1
            self.x = min(arg(1), self.cols) - 1
        elif final == "d":
            self.y = min(arg(0), self.rows) - 1
        elif final in "G`":
            self.x = min(arg(0), self.cols) - 1
        elif final == "A":
            lo = self.top if self.y >= self.top else 0
            self.y = max(lo, self.y - arg(0))
        elif final in "Be":
            hi = self.bot if self.y <= self.bot else self.rows - 1
            self.y = min(hi, self.y + arg(0))
        elif final in "Ca":
            self.x = min(self.cols - 1, self.x + arg(0))
        elif final == "D":
            self.x = max(0, self.x - arg(0))
        elif final == "K":
            self.erase_line(arg(0, 0))
        elif final == "J":
            self.erase_display(arg(0, 0))
        elif final == "r":
            t, b = arg(0), arg(1, self.rows)
            if t < b <= self.rows:
                self.top, self.bot = t - 1, b - 1
                self.x = self.y = 0
        elif final == "s":
            if self.lrmm:
                l, r = arg(0), arg(1, self.cols)
                if l < r <= self.cols:
                    self.left, self.right = l - 1, r - 1
                    self.x = self.y = 0
            else:
                self.saved = (self.x, self.y, tuple(self.attr))
        elif final == "u":
            self.x, self.y, a = self.saved
        elif final == "L":
            if self.top <= self.y <= self.bot and self.in_margins():
                self.scroll_down(arg(0), top=self.y)
                self.x = self.left if self.lrmm else 0
        elif final == "M":
            if self.top <= self.y <= self.bot and self.in_margins():
                self.scroll_up(arg(0), top=self.y)
                self.x = self.left if self.lrmm else 0
        elif final == "S":
            self.scroll_up(arg(0))
        elif final == "T":
            self.scroll_down(arg(0))
        elif final == "P":
            self.delete_chars(arg(0))
        elif final == "@":
            self.insert_chars(arg(0))
        elif final == "X":
            for x in range(self.x, min(self.cols, self.x + arg(0))):
                self.put_cell(self.y, x, self.blank())
        elif final == "b":
            # REP: the character printed last, again.
            if self.last:
                for _ in range(arg(0)):
                    self.print_char(self.last)
        elif final == "m":
            self.sgr(args or [0])

    def erase_line(self, how):
        lo, hi = {0: (self.x, self.cols), 1: (0, self.x + 1),
                  2: (0, self.cols)}.get(how, (0, 0))
        for x in range(lo, hi):
            self.put_cell(self.y, x, self.blank())

    def erase_display(self, how):
        rows = {0: range(self.y + 1, self.rows), 1: range(0, self.y),
                2: range(self.rows), 3: range(0)}.get(how, range(0))
        if how in (0, 1):
            self.erase_line(how)
        for y in rows:
            self.grid[y] = [self.blank()] * self.cols

    def delete_chars(self, n):
        r = self.right if self.lrmm else self.cols - 1
        row = self.grid[self.y]
        seg = row[self.x:r + 1]
        seg = seg[n:] + [self.blank()] * min(n, len(seg))
        row[self.x:r + 1] = seg

    def insert_chars(self, n):
        r = self.right if self.lrmm else self.cols - 1
        row = self.grid[self.y]
        seg = row[self.x:r + 1]
        seg = ([self.blank()] * n + seg)[:len(seg)]
        row[self.x:r + 1] = seg

    def sgr(self, args):
        a = self.attr
        i = 0
        while i < len(args):
            p = args[i]
            if p == 0:
                a[:] = PLAIN
            elif 1 <= p <= 8 and p != 6:
                a[{1: 0, 2: 1, 3: 2, 4: 3, 5: 4, 7: 5, 8: 6}[p]] = True
            elif p == 22:
                a[0] = a[1] = False
            elif p in (23, 24, 25, 27, 28):
                a[{23: 2, 24: 3, 25: 4, 27: 5, 28: 6}[p]] = False
            elif 30 <= p <= 37:
                a[7] = str(p - 30)
            elif 40 <= p <= 47:
                a[8] = str(p - 40)
            elif 90 <= p <= 97:
                a[7] = str(p - 90 + 8)
            elif 100 <= p <= 107:
                a[8] = str(p - 100 + 8)
            elif p == 39:
                a[7] = "d"
            elif p == 49:
                a[8] = "d"
            elif p in (38, 48) and i + 1 < len(args):
                k = 7 if p == 38 else 8
                if args[i + 1] == 5 and i + 2 < len(args):
                    a[k] = str(args[i + 2])
                    i += 2
                elif args[i + 1] == 2 and i + 4 < len(args):
                    a[k] = "#%02x%02x%02x" % tuple(args[i + 2:i + 5])
                    i += 4
            i += 1

    # --- reading -------------------------------------------------------

    def text(self, y):
        """Row y as text (a wide character once)."""
        return "".join(c for c, _ in self.grid[y])

    def snapshot(self):
        return [list(r) for r in self.grid]


# The DEC line drawing set, as "\e(0" selects it.
ACS = dict(zip("jklmnqtuvwxa`~", "┘┐┌└┼─├┤┴┬│▒◆·"))


def diff(a, b, rows_shown=4):
    """Lines saying where snapshots a and b differ ([] when the same)."""
    out = []
    for y, (ra, rb) in enumerate(zip(a, b)):
        if ra == rb:
            continue
        xs = [x for x in range(len(ra)) if ra[x] != rb[x]]
        out.append("row %d, columns %d-%d differ:" % (y + 1, xs[0] + 1,
                                                       xs[-1] + 1))
        out.append("  drawn bit by bit: %r" % "".join(c for c, _ in ra))
        out.append("  drawn whole:      %r" % "".join(c for c, _ in rb))
        x = xs[0]
        if ra[x][0] == rb[x][0]:
            out.append("  column %d: %r against %r" % (x + 1, ra[x], rb[x]))
        if len(out) >= rows_shown * 4:
            break
    return out
