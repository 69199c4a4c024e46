"""A report ``Document`` as PDF: a Django template printed by WeasyPrint.

Reports are a few pages (a desa's recipients, a region's tables), so a plain HTML table is fast enough here;
the decree annex, with 10,000 rows, needs the hand-made layout of ``decrees.documents.annex``. WeasyPrint
repeats a table's header on every page and counts the pages for the footer ("Halaman X dari Y").
"""

from django.template.loader import render_to_string

from .documents.cells import printed
from .documents.model import Document, Kind, Table, Withheld

_RIGHT = frozenset({Kind.COUNT, Kind.MONEY, Kind.PERCENT})
#: Values that must not break across lines: a NIK or KPJ cut in two is misread.
_WHOLE = _RIGHT | {Kind.ID, Kind.DATE, Kind.MONTH}


def document_pdf(doc: Document) -> bytes:
    from weasyprint import HTML  # loading Pango costs about a second: only when a PDF is asked for

    return HTML(string=document_html(doc)).write_pdf()


def document_html(doc: Document) -> str:
    sections = [{"section": s, "table": _table(s.table) if s.table else None} for s in doc.sections]
    return render_to_string("monitoring/reports_pdf.html", {"doc": doc, "sections": sections})


def _table(table: Table) -> dict:
    widths = sum(c.width for c in table.columns)
    return {
        "columns": [
            {"title": c.title, "width": f"{100 * c.width / widths:.1f}%", "num": c.kind in _RIGHT}
            for c in table.columns
        ],
        "rows": [_cells(table, values) for values in table.rows],
        "total": _cells(table, table.total) if table.total is not None else None,
        "empty": table.empty,
    }


def _cells(table: Table, values: list) -> list[dict]:
    return [_cell(value, column.kind) for column, value in zip(table.columns, values, strict=True)]


def _cell(value, kind: Kind) -> dict:
    right = kind in _RIGHT or isinstance(value, Withheld)
    return {
        "text": printed(value, kind),
        "css": " ".join(c for c, on in (("num", right), ("whole", kind in _WHOLE)) if on),
    }
