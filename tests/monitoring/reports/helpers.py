"""Reading a report back: the .xlsx with openpyxl, the PDF's text with poppler's pdftotext."""

import io
import shutil
import subprocess

import openpyxl
import pytest


def xlsx_values(content: bytes) -> list[list]:
    """Every non-empty row of the first sheet, empty cells left out."""
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    rows = ([c for c in row if c is not None] for row in sheet.iter_rows(values_only=True))
    return [row for row in rows if row]


def pdf_text(content: bytes) -> str:
    """The PDF's text in reading order, its lines' runs of spaces collapsed."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    found = subprocess.run(["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True)
    return "\n".join(" ".join(line.split()) for line in found.stdout.decode().splitlines())
