"""A realistic BPJS status file for a month, built from Jaring's own invoice lines, with a few planted
differences, for the demo and for tests. No Django: the service ``status_file_synthetic`` reads the lines.

The layout is the one ``files`` documents, as a branch office's export might look: a row number, KPJ, NIK,
name, period, kode iuran, billed and paid amounts, date paid.
"""

import io
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from jaring.enrollment.files import write_registration

from .compare import Kind

HEADERS = ("No", "No KPJ", "NIK", "Nama Peserta", "Periode", "Kode Iuran", "Iuran", "Iuran Dibayar", "Tanggal Bayar")
FIELDS = ("row", "kpj", "nik", "full_name", "period", "kode_iuran", "billed", "paid", "paid_on")
#: JKK 1% of Rp1.100.000 instead of Rp1.000.000: a member whose income BPJS recorded higher.
HIGHER_RATE_EXTRA = Decimal(1000)


@dataclass(frozen=True, slots=True)
class LineOut:
    """One of Jaring's lines as BPJS would list it when everything agrees."""

    kpj: str
    nik: str
    name: str
    kode_iuran: str
    billed: Decimal
    paid: bool


def synthetic_rows(
    lines: Sequence[LineOut], *, month: date, paid_on: date, plant: bool = True, seed: int = 7
) -> tuple[list[list], dict[Kind, list[str]]]:
    """The file's rows (without the header) and the KPJs of each planted difference: one line missing at BPJS,
    one billed at a higher amount, one paid per BPJS but not in Jaring, one paid in Jaring but not per BPJS,
    and one KPJ Jaring does not know; each only when there is a line to plant it on."""
    rng = random.Random(seed)
    entries = [[line.kpj, line.nik, line.name, line.kode_iuran, line.billed, line.billed if line.paid else 0]
               for line in lines]  # fmt: skip
    planted: dict[Kind, list[str]] = {kind: [] for kind in Kind}
    if plant and entries:
        _plant(entries, lines, rng, planted)
    rows = []
    for number, (kpj, nik, name, code, billed, paid) in enumerate(entries, start=1):
        rows.append([number, kpj, nik, name, f"{month:%Y-%m}", code, billed, paid, paid_on if paid else None])
    return rows, planted


def _plant(entries: list[list], lines: Sequence[LineOut], rng: random.Random, planted: dict) -> None:
    order = rng.sample(range(len(entries)), len(entries))
    unpaid = [i for i in order if not lines[i].paid]
    paid = [i for i in order if lines[i].paid]
    picks = {
        Kind.PAID_NOT_POSTED: unpaid[:1],
        Kind.POSTED_NOT_PAID: paid[:1],
    }
    rest = [i for i in order if i not in picks[Kind.PAID_NOT_POSTED] + picks[Kind.POSTED_NOT_PAID]]
    picks[Kind.AMOUNT_DIFFERS], picks[Kind.MISSING_AT_BPJS] = rest[:1], rest[1:2]
    for i in picks[Kind.PAID_NOT_POSTED]:
        entries[i][5] = entries[i][4]
    for i in picks[Kind.POSTED_NOT_PAID]:
        entries[i][5] = 0
    for i in picks[Kind.AMOUNT_DIFFERS]:
        entries[i][4] += HIGHER_RATE_EXTRA
        entries[i][5] = entries[i][4] if entries[i][5] else 0
    for kind, indexes in picks.items():
        planted[kind] = [entries[i][0] for i in indexes]
    for i in sorted(picks[Kind.MISSING_AT_BPJS], reverse=True):
        del entries[i]
    stranger = _unknown_kpj({line.kpj for line in lines}, rng)
    entries.append([stranger, "", "PESERTA TIDAK DIKENAL", "", lines[0].billed, 0])
    planted[Kind.NOT_BILLED_HERE] = [stranger]


def _unknown_kpj(known: set[str], rng: random.Random) -> str:
    while (kpj := f"99{rng.randrange(10**9):09d}") in known:
        pass
    return kpj


def write_status_file(rows: list[list], *, fmt: str = "xlsx") -> bytes:
    """The rows as an .xlsx or a .csv (UTF-8 with BOM), KPJ and NIK as text."""
    buffer = io.BytesIO()
    write_registration(buffer, fmt=fmt, headers=HEADERS, fields=FIELDS, rows=rows)
    return buffer.getvalue()
