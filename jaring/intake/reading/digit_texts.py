"""Which long strings of digits a workbook holds as text, noted while the zip check decompresses it.

A 16-digit NIK typed as a number loses its last digit to Excel, which keeps 15 significant digits, so the reader
must say which such cells were numbers. fastexcel's all-string load prints the number 3503011204850000 and the
text "3503011204850000" alike, and only a second, typed load tells them apart: a whole second parse of the
sheet, which costs half again the reading time. The XML says it for free: a text cell's value is in the shared
strings, a number's never is. So a cell whose text is 16 or more digits that no shared string holds was a number.

Text can also sit in the sheet itself: inline strings (``t="inlineStr"``, written by XlsxWriter in constant
memory mode, as the problem report is) and formula results (``t="str"``). A workbook with either, or with XML
this scan cannot read as bytes (UTF-16), gets no answer here, and the reader falls back to the typed load.
Left alone: a shared string split into formatted runs (rich text) is not seen whole, so a NIK kept that way
counts as a number; the worst that does is a needless warning, and only when it ends in 0.
"""

import functools
import itertools
import re
from collections.abc import Iterator

#: A cell text that may be a long number; fastexcel prints a number's integral value without sign or exponent.
LONG_DIGITS = r"^-?\d{16,}$"
#: The root of the shared strings part, whatever the part's name; some writers prefix it (``<x:sst>``).
_SHARED_STRINGS_ROOT = re.compile(rb"<(\w+:)?sst\b")
_CELL_TEXT = (b"inlineStr", b't="str"')
#: Bytes at the start of a part that hold its root element, after the XML declaration.
_HEAD = 4096
#: Longer than any marker, so that one cut between two chunks is still seen.
_SEAM = 16
#: A shared string longer than this cannot come from Excel (32,767 characters): the XML is not what we expect.
_MAX_CARRY = 1024 * 1024


class DigitTexts:
    """Reads the members of an .xlsx one by one; ``texts()`` then gives the digit texts, or None when unknown."""

    def __init__(self) -> None:
        self._texts: list[bytes] = []  # repeats are harmless, and cheaper than a set
        self._known = True

    def read(self, name: str, chunks: Iterator[bytes]) -> None:
        """Take in one member, chunk by chunk; every chunk is consumed, read or not."""
        head = _head(chunks)
        rest = itertools.chain([head], chunks)
        if not (self._known and name.lower().endswith(".xml")):
            _drain(rest)
        elif b"\x00" in head[:_HEAD]:
            self._known = False
            _drain(rest)
        elif root := _SHARED_STRINGS_ROOT.search(head, 0, _HEAD):
            self._shared_strings(rest, _shared_text(root.group(1) or b""))
        else:
            self._cell_texts(rest)

    def texts(self) -> list[bytes] | None:
        """As bytes (ASCII digits): polars turns a list of them into text several times faster than Python."""
        return self._texts if self._known else None

    def _shared_strings(self, chunks: Iterator[bytes], patterns: tuple[re.Pattern[bytes], ...]) -> None:
        # A text may be cut between two chunks: scan up to the last <si>, </si> (or <x:si>) tag and carry the
        # rest over; a text of digits never holds "si>", so none is cut in two.
        carry = b""
        for chunk in chunks:
            buffer = carry + chunk
            cut = buffer.rfind(b"si>") + 3 if b"si>" in buffer else 0
            for pattern in patterns:
                self._texts.extend(pattern.findall(buffer, 0, cut))
            carry = buffer[cut:]
            if len(carry) > _MAX_CARRY:
                self._known = False
                _drain(chunks)
                return

    def _cell_texts(self, chunks: Iterator[bytes]) -> None:
        tail = b""
        for chunk in chunks:
            seam = tail + chunk[:_SEAM]  # a marker cut between two chunks
            if any(marker in chunk or marker in seam for marker in _CELL_TEXT):
                self._known = False
                _drain(chunks)
                return
            tail = chunk[-_SEAM:] if len(chunk) >= _SEAM else seam[-_SEAM:]


@functools.cache
def _shared_text(prefix: bytes) -> tuple[re.Pattern[bytes], ...]:
    """A shared string of digits; spaces around them come with ``xml:space="preserve"``. Two searches that each
    start from a fixed opening tag run a quarter faster than one general pattern; so does spelling the prefix out."""
    tag = re.escape(prefix) + b"t"
    plain = b"<" + tag + rb">(-?\d{16,})</" + tag + b">"
    spaced = b"<" + tag + rb' xml:space="preserve">\s*(-?\d{16,})\s*</' + tag + b">"
    return re.compile(plain), re.compile(spaced)


def _head(chunks: Iterator[bytes]) -> bytes:
    head = b""
    for chunk in chunks:
        head += chunk
        if len(head) >= _HEAD:
            break
    return head


def _drain(chunks: Iterator[bytes]) -> None:
    for _chunk in chunks:
        pass
