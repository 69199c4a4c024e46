"""The entry point: an upload's bytes to a Table, or FileRefused with the reason for the operator."""

from .csv import _read_csv
from .excel import _read_workbook
from .limits import MB
from .refusals import FileRefused, _empty, _size
from .sniff import _check_workbook_zip, _sniff
from .table import Table


def read_table(
    data: bytes, filename: str, *, max_bytes: int = 50 * MB, max_rows: int = 500_000, sheet: str | None = None
) -> Table:
    """Read an upload into a Table, or raise FileRefused.

    ``sheet`` names the sheet to read; by default the first visible sheet with a header and data. ``filename``
    only names the file in messages: the content decides the type.
    """
    if len(data) > max_bytes:
        raise FileRefused(
            f"Berkas lebih dari {_size(max_bytes)}. Pecah menjadi beberapa berkas, lalu unggah satu per satu.",
            reason="too_large",
        )
    if not data or data.isspace():
        raise _empty()
    kind = _sniff(data, filename)
    if kind == "csv":
        return _read_csv(data, filename, max_rows)
    digit_texts = _check_workbook_zip(data, filename) if kind == "xlsx" else None
    return _read_workbook(data, kind, sheet, max_rows, digit_texts)
