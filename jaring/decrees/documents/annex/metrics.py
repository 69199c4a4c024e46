"""Text widths measured the way Pango will lay the text out, so that the PDF's columns line up. No Django.

The PDF moves each column's text to its place with spaces (see pages.py and pdf.py), which only works if
we know, before WeasyPrint runs, exactly where each piece of text ends. We read the advance widths of
DejaVu Sans (Regular and Bold) with fontTools and tell WeasyPrint to use those very files (``@font-face``)
with kerning and ligatures off; the widths then agree with Pango's to within 0.02 pt, measured over a few
hundred strings (the tests check a few against WeasyPrint's own layout).
"""

import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont

FILES = {"normal": "DejaVuSans.ttf", "bold": "DejaVuSans-Bold.ttf"}
#: Debian/Ubuntu (fonts-dejavu-core), Fedora, Alpine, macOS with Homebrew fonts; then a search.
FONT_DIRS = (
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/dejavu-sans-fonts",
    "/usr/share/fonts/dejavu",
    "/usr/share/fonts/TTF",
    "/usr/local/share/fonts",
    "/opt/homebrew/share/fonts",
)
SEARCH_ROOTS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts")
PX_PER_PT = 4 / 3  # CSS: 1pt = 1/72 in, 1px = 1/96 in


class FontMissing(RuntimeError):
    pass


@cache
def font_file(weight: str) -> Path:
    name = FILES[weight]
    for folder in FONT_DIRS:
        if (path := Path(folder) / name).is_file():
            return path
    for root in SEARCH_ROOTS:
        if (base := Path(root).expanduser()).is_dir() and (found := next(base.rglob(name), None)):
            return found
    raise FontMissing(f"Fon {name} tidak ditemukan; pasang paket fonts-dejavu-core untuk mencetak lampiran PDF.")


#: Space characters whose sums move the pen to a column, widest first (DejaVu Sans has them all).
SPACES = "\u2003\u2007\u2002\u2004\u0020\u2005\u205f\u2009\u2006\u200a"
#: How far from a column's start its text may begin: 0.07 mm, not to be seen.
TOLERANCE_PX = 0.25
FILL_STEP = 100  # fills are tabulated per 1/100 px


@dataclass(frozen=True, slots=True)
class Face:
    """One font at one size: advance width in CSS px of every character it has."""

    weight: str
    size_pt: float
    advances: dict[str, float]
    fills: list[str | None]  # see ``fill``

    def width(self, text: str) -> float:
        return sum(map(self.advances.__getitem__, text))

    def printable(self, text: str) -> str:
        """``text`` as one line this font can draw: whitespace (tabs, newlines) becomes one space, and a
        character the font lacks becomes "?" (Pango would borrow it from another font, of another width,
        and the columns after it would shift). The .xlsx keeps the original."""
        if text.isascii() and text.isprintable() and "  " not in text and text == text.strip():
            return text  # the usual case, checked at C speed
        text = " ".join(unicodedata.normalize("NFC", text).split())
        if all(c in self.advances for c in text):
            return text
        return "".join(c if c in self.advances else "?" for c in text)

    def fill(self, gap: float) -> str:
        """Spaces that move the pen ``gap`` px to the right, to within ``TOLERANCE_PX``: em spaces, then
        the fewest (at most four) of the narrower spaces.

        Not tabs, though Pango would place a tab exactly: WeasyPrint 70 draws a tab 2.4% wider than Pango
        laid it out (it divides Pango units, 1/1024 px, by the font size as if they were 1/1000), so after a
        few tabs a column drifts by several px; and a tab costs a Pango run of its own: for 10,000 rows,
        tab-snapped columns took 16.0 s where spaces alone take 13.5 s. Spaces are drawn at their true width.
        """
        em = self.advances[SPACES[0]]
        ems = max(0, int((gap - em) // em))  # leaves one to two ems for the table
        spaces = self.fills[round((gap - ems * em) * FILL_STEP)] if gap > 0 else None
        if spaces is None:
            raise ValueError(f"celah {gap:.2f} px terlalu sempit untuk ditata")
        return SPACES[0] * ems + spaces


@cache
def face(weight: str, size_pt: float) -> Face:
    font = TTFont(font_file(weight), lazy=True)
    scale = size_pt * PX_PER_PT / font["head"].unitsPerEm
    hmtx = font["hmtx"]
    advances = {
        chr(code): hmtx[glyph][0] * scale
        for code, glyph in font.getBestCmap().items()
        if unicodedata.category(chr(code))[0] not in "CZ" or chr(code) in SPACES
    }
    return Face(weight, size_pt, advances, _fills([advances[c] for c in SPACES]))


def _fills(widths: list[float]) -> list[str | None]:
    """For each gap up to two ems (per 1/100 px), the fewest spaces whose width is within
    ``TOLERANCE_PX`` of it: sums of up to five spaces, tabulated once per face."""
    sums: dict[int, str] = {0: ""}
    for _ in range(5):
        for total, chars in list(sums.items()):
            for char, width in zip(SPACES, widths, strict=True):
                sums.setdefault(total + round(width * FILL_STEP), chars + char)
    fills: list[str | None] = [None] * (round(2 * widths[0] * FILL_STEP) + 1)
    tolerance = round(TOLERANCE_PX * FILL_STEP) - 3  # less the rounding of four widths and of the gap
    for total, chars in sorted(sums.items(), key=lambda item: len(item[1])):
        for gap in range(max(total - tolerance, 0), min(total + tolerance + 1, len(fills))):
            if fills[gap] is None:
                fills[gap] = chars
    return fills  # None for a few gaps under 1 px that no sum reaches: a gap no column leaves (see ``fill``)


def wrap(text: str, width: float, font: Face) -> list[str]:
    """``text`` broken into lines no wider than ``width`` px: at spaces, and inside a word only when the
    word alone is wider than the column. Nothing is cut: a name or an address is printed whole."""
    if font.width(text) <= width:
        return [text]
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if font.width(candidate) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = word
        while font.width(current) > width:
            head = _longest_prefix(current, width, font)
            lines.append(head)
            current = current[len(head) :]
    if current or not lines:
        lines.append(current)
    return lines


def _longest_prefix(word: str, width: float, font: Face) -> str:
    """At least one character, so that even a column narrower than a letter makes progress."""
    used = 0.0
    for end, char in enumerate(word):
        used += font.advances[char]
        if used > width:
            return word[: max(end, 1)]
    return word
