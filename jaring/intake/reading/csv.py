"""CSV and other delimited text, as Excel and web applications export it: any common encoding and delimiter."""

import codecs
import contextlib
import csv
import io
import re

from .refusals import _empty, _not_a_table, _too_many_rows, _unreadable
from .sniff import SAMPLE
from .table import HEADER_WINDOW, Table, _Grid, _table

DELIMITERS = (",", ";", "\t", "|")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def _read_csv(data: bytes, filename: str, max_rows: int) -> Table:
    text, encoding = _decode(data, filename)
    if len(CONTROL.findall(text[:SAMPLE])) > len(text[:SAMPLE]) // 100:
        raise _not_a_table(filename)  # binary that happened to decode
    text, delimiter = _delimiter(text)
    grid = _csv_grid(text, delimiter, max_rows)
    return _table(grid, kind="csv", sheet="", sheets=[], max_rows=max_rows, encoding=encoding, delimiter=delimiter)


def _decode(data: bytes, filename: str) -> tuple[str, str]:
    """UTF-16 (Excel's "Unicode text"), UTF-8 with or without BOM, else line by line UTF-8 or Windows-1252."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise _not_a_table(filename) from exc
    bom = data.startswith(codecs.BOM_UTF8)
    body = data[len(codecs.BOM_UTF8) :] if bom else data
    with contextlib.suppress(UnicodeDecodeError):
        return body.decode("utf-8"), "utf-8-sig" if bom else "utf-8"
    return _decode_lines(body, bom)


def _decode_lines(body: bytes, bom: bool) -> tuple[str, str]:
    """A list pasted together from several sources can mix encodings; decode each line on its own."""
    parts, utf8 = [], bom
    for line in body.splitlines(keepends=True):
        try:
            parts.append(line.decode("utf-8"))
            utf8 = utf8 or not line.isascii()
        except UnicodeDecodeError:
            parts.append(line.decode("cp1252", errors="replace"))  # five bytes are unassigned in cp1252
    return "".join(parts), ("utf-8+cp1252" if utf8 else "cp1252")


def _delimiter(text: str) -> tuple[str, str]:
    """Excel's ``sep=;`` first line wins; else the delimiter that gives most lines the same width (> 1)."""
    hint = re.match(r"sep=(.)\r?(?:\n|$)", text)
    if hint and hint.group(1) in DELIMITERS:
        return text[hint.end() :], hint.group(1)
    lines = text[:SAMPLE].splitlines()[:100]
    sample = "\n".join(lines[:-1] if len(text) > SAMPLE and len(lines) > 1 else lines)
    return text, max(DELIMITERS, key=lambda delimiter: _delimiter_score(sample, delimiter))


def _delimiter_score(sample: str, delimiter: str) -> tuple[int, int, int]:
    widths = []
    with contextlib.suppress(csv.Error):
        for record in csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter):
            if sum(1 for cell in record if cell.strip()) > 0 and len(record) > 1:
                widths.append(len(record))
    if not widths:
        return (0, 0, -DELIMITERS.index(delimiter))
    common = max(set(widths), key=widths.count)
    return (widths.count(common), common, -DELIMITERS.index(delimiter))


def _csv_grid(text: str, delimiter: str, max_rows: int) -> _Grid:
    rows, numbers = [], []
    try:
        for number, record in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), start=1):
            cells = [cell.strip() for cell in record]
            if any(cells):
                rows.append(cells)
                numbers.append(number)
                if len(rows) > max_rows + HEADER_WINDOW:
                    raise _too_many_rows(max_rows)  # stop reading: the rest cannot change the answer
    except csv.Error as exc:
        raise _unreadable("CSV") from exc
    if not rows:
        raise _empty()
    return _Grid(rows, numbers, list(range(1, max(map(len, rows)) + 1)))
