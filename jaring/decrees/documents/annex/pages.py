"""The PDF annex laid out in Python: every printed line, its columns placed by spaces, cut into pages.

WeasyPrint lays a table out cell by cell in Python, about 6 ms a row; 10,000 rows would take over a minute.
So the table reaches it already laid out: each printed line is one string in which spaces of measured
widths carry each column to its place (``Face.fill``: columns start on whole px, ``GRID_PX`` apart), with
text longer than its column wrapped here into continuation lines. Every line is ``LINE_PX`` high, so we
know how many fit on a page and cut the pages ourselves; pdf.py then only draws them, with the rules of the
grid behind the text. No Django, no WeasyPrint: tested without rendering.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .. import titles
from ..contract import AnnexRow, DecreeText
from . import table
from .metrics import Face, face, wrap

GRID_PX = 8  # columns start on multiples of this
LINE_PX = 16
GAP_PX = 6  # kept clear between a text and the next column
TABLE_PT = 8
HEADING_PT = 9
FOOTER_PT = 7
#: A4 landscape is 794 px high; less 12 mm top and 10 mm bottom margins, 710 px: 44 lines of 16 px, of which
#: the last two are a blank line and the footer.
PAGE_LINES = 42
HEADING_UNITS = 56  # the block "LAMPIRAN … NOMOR … TENTANG" at the top right, in grid units
HEADING_LABEL, HEADING_VALUE = 10, 12  # its ":" and value, in grid units from the block's left
SIGNATURE_BLANK = 4  # lines left for the signature and the seal


@dataclass(frozen=True, slots=True)
class Line:
    text: str  # one printed line, its columns placed by spaces
    kind: str  # header | person | village | district | total
    ruled: bool = False  # the last line of its row: a rule is drawn under it


@dataclass
class Page:
    number: int
    lines: list[Line] = field(default_factory=list)  # the column header first
    heading: list[str] = field(default_factory=list)  # page 1: the LAMPIRAN block
    caption: list[str] = field(default_factory=list)  # page 1: centred lines above the table
    signature: list[str] = field(default_factory=list)  # last page
    footer: str = ""  # "Lampiran … Nomor …", then "Halaman X dari Y" at the right

    @property
    def used(self) -> int:
        """Lines taken before the footer; the caption and the signature have a blank line around them."""
        caption = len(self.caption) + 2 if self.caption else 0
        signature = len(self.signature) + 1 if self.signature else 0
        return len(self.heading) + caption + len(self.lines) + signature


@dataclass(frozen=True, slots=True)
class Grid:
    """Where the columns start, in px from the table's left edge."""

    columns: list[table.Column]
    starts: list[int]

    @classmethod
    def of(cls, columns: list[table.Column]) -> "Grid":
        starts = [0]
        for column in columns[:-1]:
            starts.append(starts[-1] + column.units * GRID_PX)
        return cls(columns, starts)

    @property
    def width(self) -> int:
        return self.starts[-1] + self.columns[-1].units * GRID_PX

    def room(self, index: int) -> float:
        return self.columns[index].units * GRID_PX - GAP_PX


def aligned(cells: Iterable[tuple[int, str]], font: Face) -> str:
    """``(start px, text)`` pairs as one line, each text moved to its start by ``Face.fill``."""
    out: list[str] = []
    pen = 0.0
    for start, text in cells:
        if not text:
            continue
        if start:
            if start - pen < GAP_PX / 2:
                raise ValueError(f"teks melewati kolomnya: {text!r}")
            out.append(font.fill(start - pen))
            pen = start
        out.append(text)
        pen += font.width(text)
    return "".join(out)


def row_lines(grid: Grid, values: list[str], kind: str, font: Face) -> list[Line]:
    """One table row: each cell wrapped in its column, the row as tall as its tallest cell."""
    cells = [wrap(font.printable(v), grid.room(i), font) for i, v in enumerate(values)]
    height = max(map(len, cells))
    lines = [
        aligned(((grid.starts[i], c[k] if k < len(c) else "") for i, c in enumerate(cells)), font)
        for k in range(height)
    ]
    return [Line(text, kind, ruled=k == height - 1) for k, text in enumerate(lines)]


def label_lines(grid: Grid, label: str, kind: str, font: Face) -> list[Line]:
    """A subtotal or total: bold, from the Nama column to the right edge."""
    room = grid.width - grid.starts[1] - GAP_PX
    texts = wrap(font.printable(label), room, font)
    return [Line(aligned([(grid.starts[1], t)], font), kind, k == len(texts) - 1) for k, t in enumerate(texts)]


def blocks(grid: Grid, rows: Iterable[AnnexRow]) -> Iterator[list[Line]]:
    """Each person's lines, and each subtotal's, in the order printed."""
    normal, bold = face("normal", TABLE_PT), face("bold", TABLE_PT)
    keys = [c.key for c in grid.columns]
    for entry in table.entries(rows):
        if entry.kind == "person":
            values = [table.printed(table.cell(entry.row, key)) for key in keys]
            yield row_lines(grid, values, "person", normal)
        else:
            yield label_lines(grid, entry.label, entry.kind, bold)


def header(grid: Grid) -> list[Line]:
    return row_lines(grid, [c.title for c in grid.columns], "header", face("bold", TABLE_PT))


def heading_lines(text: DecreeText) -> list[str]:
    """The block at the top right of page 1, its colons aligned: LAMPIRAN, NOMOR, TANGGAL, TENTANG."""
    font = face("normal", HEADING_PT)
    room = (HEADING_UNITS - HEADING_VALUE) * GRID_PX - GAP_PX
    (first, value), *rest = table.heading(text)
    lines = wrap(font.printable(f"{first} {value}"), HEADING_UNITS * GRID_PX - GAP_PX, font)
    for label, value in rest:
        for k, part in enumerate(wrap(font.printable(value), room, font)):
            cells = [(0, label), (HEADING_LABEL * GRID_PX, ":")] if k == 0 else []
            lines.append(aligned([*cells, (HEADING_VALUE * GRID_PX, part)], font))
    return lines


def caption_lines(text: DecreeText, grid: Grid, *, public: bool) -> list[str]:
    font = face("bold", HEADING_PT)
    lines = table.caption(text, public=public)
    return [part for line in lines for part in wrap(font.printable(line), grid.width, font)]


def signature_lines(text: DecreeText) -> list[str]:
    font, room = face("bold", HEADING_PT), HEADING_UNITS * GRID_PX
    title = wrap(font.printable(f"{text.regent_title},"), room, font)
    return [*title, *[""] * SIGNATURE_BLANK, *wrap(font.printable(text.regent_name.upper()), room, font)]


def footer_line(text: DecreeText, grid: Grid, number: int, pages: int, *, public: bool) -> str:
    """Which decree the page belongs to, at the left, and "Halaman X dari Y" at the right; a running
    footer, so an overlong decree number is shortened here (the heading on page 1 prints it whole)."""
    font = face("normal", FOOTER_PT)
    words = f"Lampiran Keputusan {titles.regent(text)} Nomor {titles.number(text)}"
    words += (" (versi publik)" if public else "") + (" (DRAF)" if text.is_draft else "")
    page = f"Halaman {number} dari {pages}"
    start = int(grid.width - font.width(page))
    room = start - GAP_PX
    words = font.printable(words)
    if font.width(words) > room:
        words = wrap(words, room - font.width("…"), font)[0] + "…"
    return aligned([(0, words), (start, page)], font)


def layout(text: DecreeText, rows: Iterable[AnnexRow], *, public: bool) -> list[Page]:
    """The annex cut into pages: page 1 opens with the heading, every page with the column header, the
    last ends with the total and the signature. A row is never split across pages unless it alone is
    taller than a page, and a subtotal never opens a page (it stays with the row it counts)."""
    grid = Grid.of(table.columns(public=public, amendment=text.is_amendment))
    head = header(grid)
    first = Page(1, list(head), heading_lines(text), caption_lines(text, grid, public=public))
    signature = signature_lines(text)
    pages = _paginate(_units(blocks(grid, rows)), first, head, tail=len(signature) + 1)
    pages[-1].signature = signature
    for page in pages:
        page.footer = footer_line(text, grid, page.number, len(pages), public=public)
    return pages


def _units(row_blocks: Iterable[list[Line]]) -> list[list[Line]]:
    """Rows with the subtotals that follow them: what must stay on one page."""
    units: list[list[Line]] = []
    for block in row_blocks:
        if block[0].kind == "person" or not units:
            units.append(list(block))
        else:
            units[-1].extend(block)
    return units


def _paginate(units: list[list[Line]], first: Page, head: list[Line], *, tail: int) -> list[Page]:
    pages = [first]
    room = PAGE_LINES - first.used
    used = 0
    for k, unit in enumerate(units):
        need = len(unit) + (tail if k == len(units) - 1 else 0)
        if used and used + need > room:
            pages.append(Page(len(pages) + 1, list(head)))
            room, used = PAGE_LINES - len(head), 0
        for line in unit:  # a row taller than a page goes on over the next
            if used == room:
                pages.append(Page(len(pages) + 1, list(head)))
                room, used = PAGE_LINES - len(head), 0
            pages[-1].lines.append(line)
            used += 1
    if used + tail > room:
        pages.append(Page(len(pages) + 1))
    return pages
