"""The annex as a PDF (WeasyPrint): A4 landscape, the column header on every page, "Halaman X dari Y".

Why it is built this way (issue #6: 10,000 recipients in under 20 s on two cores). WeasyPrint spends its
time in Python, per box, per line box and per glyph. Measured on this machine (WeasyPrint 70, Pango 1.50):

- a ``<table>`` with a ``<td>`` per cell: ~6.5 ms a row, 65–90 s for 10,000 rows; a ``<p>`` a row ~1.2 ms;
  a row as one tab-aligned line in a one-cell table with ``<thead>``: ~2.5 ms.
- what is done here, ~1.3 ms a printed line all told: pages.py lays the table out in Python (column
  positions from measured text widths, long text wrapped, pages cut at a known number of lines) and each
  page reaches WeasyPrint as one ``white-space: pre`` block, the header line first. A line box costs
  ~0.35 ms to lay out whatever it holds, and each glyph ~2–3 µs to shape and draw; a block of 8 to 40
  lines costs the same a line, a ``<div>`` a line ~60% more.
- columns are reached with spaces, not tabs: WeasyPrint 70 draws a tab 2.4% wider than Pango laid it
  out, so tab-aligned columns drift by up to 10 px towards the right edge, and each tab is a Pango run of
  its own (for 10,000 rows: 16.0 s with tabs, 13.5 s with spaces). See ``metrics.Face.fill``.
- the grid is drawn behind the text: the row rules as one small SVG tile repeated down the block (drawn
  once, as a PDF pattern), over it a per-page SVG of a few rectangles and long segments (column rules,
  shaded header, subtotal bands, masks on the rules inside a row). WeasyPrint draws SVG in Python, ~30 µs
  a segment: a rule per row drawn in SVG cost ~6 ms a page, 1.5 s for 10,000 rows; a ``<div>`` per row
  for its border costs ~0.25 ms a row and cannot draw column rules.
- the footer ("Lampiran Keputusan … Nomor …", "Halaman X dari Y") is a line of each page, written here
  since the page count is known: ``@page`` margin boxes with ``counter(pages)`` cost several ms a page.

Alignment rests on two facts the tests check: WeasyPrint uses the very font files metrics.py measured
(declared with ``@font-face`` below, kerning and ligatures off), and every line box is ``LINE_PX`` high.
"""

import base64
from collections.abc import Iterable
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
INK, WHITE, RULE = "#444", "#fff", 0.6
SHADED = {"header": "#e4e4e4", "district": "#f0f0f0", "total": "#e4e4e4"}
SUBTOTALS = frozenset({"village", "district", "total"})
BOLD = SUBTOTALS | {"header"}


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
        lines = "\n".join(_line(line) for line in page.lines)
        images = f"url({_data_uri(_grid_svg(page.lines, grid))}),url({_data_uri(_rule_tile(grid))})"
        style = f"height:{len(page.lines) * LINE_PX}px;background-image:{images}"
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


def _data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def _svg(width: float, height: float, body: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}">{body}</svg>'
    )


def _rule_tile(grid: Grid) -> str:
    """One line's height with a rule at its foot, repeated down the table as a PDF pattern: a rule under
    every line for the cost of one image. ``_grid_svg`` hides those inside a row or a shaded band."""
    width = grid.width + 2 * PAD_PX
    return _svg(width, LINE_PX, f'<path d="M0 {LINE_PX - RULE / 2}H{width}" stroke="{INK}" stroke-width="{RULE}"/>')


def _grid_svg(lines: list[Line], grid: Grid) -> str:
    """The page's grid over the tiled rules: masks on the rules between the lines of one row, the shaded
    header, column rules, the subtotal and total bands across the columns after No., the outer frame.

    WeasyPrint draws SVG in Python, ~30 µs a path segment, and a rule drawn per row cost ~6 ms a page; so
    the row rules come from the tile and this image holds a few rectangles and long segments."""
    width, height = grid.width + 2 * PAD_PX, len(lines) * LINE_PX
    masks = "".join(_rect(0, (k + 1) * LINE_PX - 1.4, width, 1.8) for k, line in enumerate(lines) if not line.ruled)
    header = sum(line.kind == "header" for line in lines) * LINE_PX
    columns = "".join(f"M{PAD_PX + s - GAP_PX / 2} 0V{height}" for s in grid.starts[1:])
    after_no = PAD_PX + grid.starts[1] - GAP_PX / 2 + RULE
    bands: dict[str, list[str]] = {}
    feet = []  # a band's own rule, drawn again over the column rules that cross it
    for k, line in enumerate(lines):
        if line.kind in SUBTOTALS:
            bands.setdefault(SHADED.get(line.kind, WHITE), []).append(_rect(after_no, k * LINE_PX, width, LINE_PX))
            feet.append(f"M{after_no:g} {(k + 1) * LINE_PX - RULE / 2:g}H{width}")
    return _svg(
        width,
        height,
        f'<path d="{masks}" fill="{WHITE}"/>'
        f'<path d="{_rect(0, 0, width, header - RULE)}" fill="{SHADED["header"]}"/>'
        f'<path d="{columns}" stroke="{INK}" stroke-width="{RULE}"/>'
        + "".join(f'<path d="{"".join(rects)}" fill="{colour}"/>' for colour, rects in bands.items())
        + f'<path d="{"".join(feet)}" stroke="{INK}" stroke-width="{RULE}"/>'
        f'<path d="M0 {header}H{width}" stroke="#000" stroke-width="{2 * RULE}"/>'
        f'<path d="{_rect(0, 0, width, height)}" fill="none" stroke="{INK}" stroke-width="{2 * RULE}"/>',
    )


def _rect(x: float, y: float, width: float, height: float) -> str:
    return f"M{x:g} {y:g}h{width:g}v{height:g}h{-width:g}Z"


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
div {{ white-space: pre; line-height: {LINE_PX}px; margin: 0; }}
.heading {{ margin-left: {heading_left}px; font-size: {HEADING_PT}pt; }}
.caption, .signature {{ font-size: {HEADING_PT}pt; font-weight: bold; text-align: center; }}
.caption {{ width: {grid.width + 2 * PAD_PX}px; padding: {LINE_PX}px 0; }}
.grid {{ width: {grid.width}px; padding: 0 {PAD_PX}px; background-repeat: no-repeat, repeat-y; }}
.signature {{ margin-left: {heading_left}px; width: {HEADING_UNITS * GRID_PX}px; padding-top: {LINE_PX}px; }}
.footer {{ font-size: {FOOTER_PT}pt; height: {LINE_PX}px; padding: 0 {PAD_PX}px; }}
"""
