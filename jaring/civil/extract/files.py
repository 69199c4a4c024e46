"""A SIAK export read as a table of text cells, whatever it came as: CSV, XLSX/XLS or Parquet.

The kind is decided by the first bytes, never by the file name: SIAK operators rename files freely. Every
column comes back as text so that one set of vectorised rules (``values.py``) reads them all; NIKs in
particular must never pass through a float.
"""

import codecs
import io
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from .refusals import ExtractRefused

PARQUET = b"PAR1"
ZIP = b"PK\x03\x04"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SEPARATORS = (",", ";", "\t", "|")
SEPARATOR_NAMES = {",": "koma", ";": "titik koma", "\t": "tab", "|": "garis tegak"}


@dataclass(frozen=True, slots=True)
class RawTable:
    frame: pl.DataFrame  # every column String, headers as written
    kind: str  # "csv", "xlsx", "xls", "parquet"
    encoding: str = ""
    separator: str = ""


def read_raw(path: Path) -> RawTable:
    data = path.read_bytes()
    if not data.strip():
        raise ExtractRefused(f"Berkas {path.name} kosong.")
    if data.startswith(PARQUET):
        return RawTable(_as_text(_read(pl.read_parquet, io.BytesIO(data), "Parquet")), "parquet")
    if data.startswith((ZIP, OLE2)):
        kind = "xlsx" if data.startswith(ZIP) else "xls"
        frame = _read(pl.read_excel, io.BytesIO(data), "Excel", engine="calamine", infer_schema_length=0)
        return RawTable(_as_text(frame), kind)
    if b"\x00" in data[:65536] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ExtractRefused(f"Berkas {path.name} bukan CSV, Excel atau Parquet.")
    return _read_csv(data)


def _read(reader, source, label: str, **options) -> pl.DataFrame:
    try:
        return reader(source, **options)
    except Exception as exc:  # Polars and calamine raise many kinds; any of them means "cannot be read"
        raise ExtractRefused(f"Berkas {label} tidak terbaca ({type(exc).__name__}).") from exc


def _as_text(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.with_columns(pl.all().cast(pl.String))


def _read_csv(data: bytes) -> RawTable:
    text, encoding = _utf8(data)
    separator = _separator(text)
    frame = _read(
        pl.read_csv, io.BytesIO(text), "CSV", separator=separator, infer_schema=False, truncate_ragged_lines=True
    )
    return RawTable(frame, "csv", encoding, separator)


def _utf8(data: bytes) -> tuple[bytes, str]:
    """The bytes as UTF-8 for Polars, and the encoding they came in."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16").encode("utf-8"), "utf-16"
        except UnicodeDecodeError as exc:
            raise ExtractRefused("Berkas CSV UTF-16 rusak: ada byte yang tidak terbaca.") from exc
    bom = data.startswith(codecs.BOM_UTF8)
    body = data[len(codecs.BOM_UTF8) :] if bom else data
    try:
        body.decode("utf-8")
        return body, "utf-8-sig" if bom else "utf-8"
    except UnicodeDecodeError:
        return _mixed(body, bom)


def _mixed(body: bytes, bom: bool) -> tuple[bytes, str]:
    """Windows-1252 (Excel's "CSV" on Indonesian Windows), line by line: extracts pasted together can mix."""
    parts, utf8 = [], bom
    for line in body.splitlines(keepends=True):
        try:
            line.decode("utf-8")
            parts.append(line)
            utf8 = utf8 or not line.isascii()
        except UnicodeDecodeError:
            parts.append(line.decode("cp1252", errors="replace").encode("utf-8"))
    return b"".join(parts), ("utf-8+cp1252" if utf8 else "cp1252")


def _separator(text: bytes) -> str:
    """The separator that splits the header line into most columns (ties: the order of SEPARATORS)."""
    header = text.split(b"\n", 1)[0].decode("utf-8", errors="replace")
    return max(SEPARATORS, key=lambda sep: (header.count(sep), -SEPARATORS.index(sep)))
