"""The annex as a PDF (WeasyPrint): A4 landscape, the column header on every page, "Halaman X dari Y".

Why it is built this way (issue #6: 10,000 recipients in under 20 s on two cores). WeasyPrint spends its
time in Python, per box, per line box and per glyph. Measured on this machine (WeasyPrint 70, Pango 1.50):

- a ``<table>`` with a ``<td>`` per cell: ~6.5 ms a row, 65–90 s for 10,000 rows; a ``<p>`` a row ~1.2 ms;
  a row as one tab-aligned line in a one-cell table with ``<thead>``: ~2.5 ms.
- what is done here, ~1.3 ms a printed line all told: pages.py lays the table out in Python (column
  positions from measured text widths, long text wrapped, pages cut at a known number of lines) and each
  page reaches WeasyPrint as one ``white-space: pre`` block, the header line first. A line box costs
  ~0.35 ms to lay out whatever it holds, and each glyph ~2–3 µs to shape and draw; 40 lines a block is the
  cheapest (fewer blocks cost more per page, longer ones re-shape more text per line).
- columns are reached with spaces, not tabs: WeasyPrint 62–70 draws a tab 2.4% wider than Pango laid it
  out, so tab-aligned columns drift by up to 10 px towards the right edge; tabs also cost ~7 µs each
  against ~3 µs for an em space. See ``metrics.Face.fill``.
- the grid (row rules, column rules, shaded header and totals) is one SVG background per page, drawn with
  long segments (WeasyPrint parses SVG in Python, ~30 µs a segment): ~3 ms a page. A ``<div>`` per row for
  its border costs ~0.25 ms a row and cannot draw column rules.
- the footer ("Lampiran Keputusan … Nomor …", "Halaman X dari Y") is a line of each page, written here
  since the page count is known: ``@page`` margin boxes with ``counter(pages)`` cost ~9 ms a page.

Alignment rests on two facts the tests check: WeasyPrint uses the very font files metrics.py measured
(declared with ``@font-face`` below, kerning and ligatures off), and every line box is ``LINE_PX`` high.
"""

import base64
from collections.abc import Iterable, Iterator
from html import escape

from .. import titles
from ..contract import AnnexRow, DecreeText
from . import table
from .metrics import font_file
from .pages import (
    FOOTER_PT,
    GAP_PX,
    GRID_PX,
    HEADING_PT,
    HEADING_UNITS,
    LINE_PX,
    PAGE_LINES,
    TABLE_PT,
    Grid,
    Line,
    Page,
    layout,
)

PAD_PX = 3  # between the table's outer rule and its first/last column
SHADED = {"header": "#e4e4e4", "district": "#f0f0f0", "total": "#e4e4e4"}
BOLD = frozenset({"header", "village", "district", "total"})


def annex_pdf(text: DecreeText, rows: Iterable[AnnexRow], *, public: bool = False) -> bytes:
    """The annex by name by address as PDF bytes; for ``public``, the caller passes NIKs already masked."""
    from weasyprint import HTML  # imported here: loading Pango costs ~1 s, and the .xlsx needs none of it
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    return HTML(string=annex_html(text, rows, public=public)).write_pdf(font_config=fonts)


def annex_html(text: DecreeText, rows: Iterable[AnnexRow], *, public: bool = False) -> str:
    pages = layout(text, rows, public=public)
    grid = Grid.of(table.columns(public=public, amendment=text.is_amendment))
    body = "".join(_page(page, grid) for page in pages)
    title = escape(f"Lampiran Keputusan {titles.regent(text)} Nomor {titles.number(text)}")
    head = f"<meta charset=utf-8><title>{title}</title><style>{_css(grid)}</style>"
    return f"<!doctype html><html lang=id><head>{head}</head><body>{body}</body></html>"


def _page(page: Page, grid: Grid) -> str:
    parts = []
    if page.heading:
        parts.append(_block("heading", page.heading))
        parts.append(_block("caption", page.caption))
    if page.lines:
        background = base64.b64encode(_grid_svg(page.lines, grid).encode()).decode()
        lines = "\n".join(_line(line) for line in page.lines)
        style = f"height:{len(page.lines) * LINE_PX}px;background-image:url(data:image/svg+xml;base64,{background})"
        parts.append(f'<div class="grid" style="{style}">{lines}</div>')
    if page.signature:
        parts.append(_block("signature", page.signature))
    spare = (PAGE_LINES - page.used + 1) * LINE_PX  # + 1: the blank line above the footer
    parts.append(f'<div class="footer" style="margin-top:{spare}px">{escape(page.footer)}</div>')
    return f"<section>{''.join(parts)}</section>"


def _block(name: str, lines: list[str]) -> str:
    """A block of plain lines, its height fixed to what pages.py counted for it."""
    return f'<div class="{name}" style="height:{len(lines) * LINE_PX}px">{escape(chr(10).join(lines))}</div>'


def _line(line: Line) -> str:
    text = escape(line.text)
    return f"<b>{text}</b>" if line.kind in BOLD else text


def _grid_svg(lines: list[Line], grid: Grid) -> str:
    """The page's grid: shaded header and totals, a rule under each row, column rules beside the header and
    person rows (a subtotal spans the columns after No.).

    WeasyPrint draws SVG in Python, ~30 µs a path segment: rules are drawn as few, long segments."""
    width, height = grid.width + 2 * PAD_PX, len(lines) * LINE_PX
    fills, rules, heavy = [], [f"M0 0H{width}V{height}H0Z"], []
    columns = [PAD_PX + s - GAP_PX / 2 for s in grid.starts[1:]]
    for kind, first, last in _runs(lines):
        top, bottom = first * LINE_PX, (last + 1) * LINE_PX
        if kind in SHADED:
            fills.append(f'<rect y="{top}" width="{width}" height="{bottom - top}" fill="{SHADED[kind]}"/>')
        spans = columns if kind in ("header", "person") else columns[:1]
        rules.extend(f"M{x} {top}V{bottom}" for x in spans)
    for k, line in enumerate(lines[:-1]):
        if line.ruled:
            (heavy if line.kind == "header" else rules).append(f"M0 {(k + 1) * LINE_PX}H{width}")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}">'
        f'{"".join(fills)}<path d="{"".join(rules)}" fill="none" stroke="#444" stroke-width="0.6"/>'
        f'<path d="{"".join(heavy)}" stroke="#000" stroke-width="1.2"/></svg>'
    )


def _runs(lines: list[Line]) -> Iterator[tuple[str, int, int]]:
    """(kind, first, last) of each run of consecutive lines of one kind."""
    first = 0
    for k in range(1, len(lines) + 1):
        if k == len(lines) or lines[k].kind != lines[first].kind:
            yield lines[first].kind, first, k - 1
            first = k


def _css(grid: Grid) -> str:
    regular, bold = font_file("normal").as_uri(), font_file("bold").as_uri()
    heading_left = grid.width + 2 * PAD_PX - HEADING_UNITS * GRID_PX
    return f"""
@font-face {{ font-family: JaringAnnex; src: url("{regular}"); font-weight: normal; }}
@font-face {{ font-family: JaringAnnex; src: url("{bold}"); font-weight: bold; }}
@page {{ size: A4 landscape; margin: 12mm 10mm 10mm 10mm; }}
html {{ font-family: JaringAnnex; font-size: {TABLE_PT}pt; font-kerning: none; font-variant-ligatures: none; }}
body {{ margin: 0; }}
section {{ break-before: page; }}
section:first-child {{ break-before: auto; }}
div {{ white-space: pre; tab-size: 1px; line-height: {LINE_PX}px; margin: 0; }}
.heading {{ margin-left: {heading_left}px; font-size: {HEADING_PT}pt; }}
.caption, .signature {{ font-size: {HEADING_PT}pt; font-weight: bold; text-align: center; }}
.caption {{ width: {grid.width + 2 * PAD_PX}px; padding: {LINE_PX}px 0; }}
.grid {{ width: {grid.width}px; padding: 0 {PAD_PX}px; background-repeat: no-repeat; }}
.signature {{ margin-left: {heading_left}px; width: {HEADING_UNITS * GRID_PX}px; padding-top: {LINE_PX}px; }}
.footer {{ font-size: {FOOTER_PT}pt; height: {LINE_PX}px; padding: 0 {PAD_PX}px; }}
"""
