"""What an upload is, decided by its content and never by its name, and whether its zip is safe to open.

A workbook reaches calamine (through fastexcel) only after its zip directory passed the size checks and every
member was decompressed once: a zip bomb or a lying directory is refused here, not inside the Rust code.
"""

import codecs
import functools
import io
import zipfile

from . import limits
from .digit_texts import DigitTexts
from .limits import MB
from .refusals import _bomb, _locked, _not_a_table, _number, _size, _unreadable, _unsupported

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP = (b"PK\x03\x04", b"PK\x05\x06")
#: Formats that are surely not a table (a renamed .exe, a PDF, images, archives).
BINARY = (b"MZ", b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b", b"7z\xbc\xaf", b"Rar!", b"\x7fELF")
SAMPLE = 64 * 1024


def _sniff(data: bytes, filename: str) -> str:
    if data.startswith(OLE2):
        return _ole2_kind(data, filename)
    if data.startswith(ZIP):
        return "xlsx"  # checked by _check_workbook_zip before anything opens it
    if data.startswith(BINARY):
        raise _not_a_table(filename)
    head = data[:SAMPLE].lstrip(codecs.BOM_UTF8 + b" \t\r\n").lower()
    if head.startswith((b"<html", b"<!doctype", b"<table", b"<?xml")):
        # Many web applications export an HTML or XML table named .xls; Excel opens it, calamine cannot.
        raise _unsupported("halaman web (HTML) atau XML yang diberi nama Excel")
    if b"\x00" in data[:SAMPLE] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise _not_a_table(filename)
    return "csv"


def _ole2_kind(data: bytes, filename: str) -> str:
    """OLE2 holds .xls, but also .doc and password-protected .xlsx; the stream names tell them apart."""
    if "EncryptedPackage".encode("utf-16-le") in data:
        raise _locked()
    if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
        return "xls"
    raise _not_a_table(filename)


def _check_workbook_zip(data: bytes, filename: str) -> list[bytes] | None:
    """Refuse what is no .xlsx or is unsafe to open; return what digit_texts found (the long digit texts)."""
    try:
        book = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _not_a_table(filename) from exc
    with book:
        names = set(book.namelist())
        if "xl/workbook.bin" in names or "mimetype" in names:
            raise _unsupported("format .xlsb atau .ods")
        if not {"[Content_Types].xml", "xl/workbook.xml"} <= names:
            raise _not_a_table(filename)
        _check_zip_sizes(book.infolist())
        return _check_zip_streams(book)


def _check_zip_sizes(members: list[zipfile.ZipInfo]) -> None:
    if len(members) > limits.MAX_MEMBERS:
        raise _bomb(f"berisi lebih dari {_number(limits.MAX_MEMBERS)} bagian")
    if sum(member.file_size for member in members) > limits.MAX_UNZIPPED:
        raise _bomb(f"isinya lebih dari {_size(limits.MAX_UNZIPPED)} setelah dibuka")
    for member in members:
        if member.file_size > limits.RATIO_FLOOR and member.file_size > limits.MAX_RATIO * max(member.compress_size, 1):
            raise _bomb(f"bagian {member.filename} dipadatkan lebih dari {limits.MAX_RATIO} kali")


def _check_zip_streams(book: zipfile.ZipFile) -> list[bytes] | None:
    """Decompress every member once: the directory's sizes can lie, and zipfile stops at the declared size
    and then checks the CRC, so a member longer than declared fails here instead of inside calamine.
    The bytes pass through DigitTexts on the way, which costs far less than decompressing them again."""
    scan = DigitTexts()
    try:
        for member in book.infolist():
            with book.open(member) as stream:
                scan.read(member.filename, iter(functools.partial(stream.read, MB), b""))
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError, ValueError) as exc:
        raise _unreadable() from exc
    return scan.texts()
