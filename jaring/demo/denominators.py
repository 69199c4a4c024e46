"""The demo's coverage denominators: synthetic BPS-like workforce figures for every desa of the demo regency, a
table as a regency's statistics office publishes it ("Penduduk Berumur 15 Tahun ke Atas yang Bekerja menurut
Desa/Kelurahan"), title rows and a total row included, loaded by the demo verifier through the real two-phase
service. Computed from the demo's civil extract so that the coverage rate is believable: about half of a desa's
residents work (45–55%), 70–80% of them informally. Deterministic for a seed; loading again changes nothing.
"""

import io
from collections.abc import Sequence
from random import Random

from django.utils import timezone

from jaring.accounts.models import User
from jaring.accounts.roles import Role
from jaring.core.spreadsheet import new_workbook, write_row
from jaring.enrollment.lifecycle import MembershipStatus
from jaring.enrollment.selectors import membership_status_counts
from jaring.monitoring.denominators import coverage_rate
from jaring.monitoring.selectors_denominators import denominators_for, regions_of
from jaring.monitoring.services_denominators import denominators_load
from jaring.programs.models import Program
from jaring.programs.rates import number

from .selectors import residents_by_village
from .users import DEMO_USERS

HEADER = ["Kode Wilayah", "Kecamatan", "Desa/Kelurahan", "Jumlah Pekerja", "Pekerja Informal", "Sumber"]


def demo_denominators_seed(regency: str, seed: int) -> str:
    """For the year of the demo's latest program (this year without one), with its active members' rate."""
    program = Program.objects.filter(regency_id=regency).order_by("-year", "-pk").first()
    year = program.year if program else timezone.localdate().year
    covered = membership_status_counts(program)[MembershipStatus.ACTIVE] if program else None
    return seed_denominators(regency, year, seed=seed, covered=covered)


def seed_denominators(regency_code: str, year: int, *, seed: int = 2025, covered: int | None = None) -> str:
    """Load the demo's figures for ``year``; a line saying what was loaded (and the rate for ``covered`` people)."""
    name = regions_of(regency_code)[regency_code]
    data = denominator_file(regency_code, name, year, seed=seed)
    report = denominators_load(regency_code=regency_code, year=year, data=data, name=f"penyebut-{year}.xlsx",
                               actor=_verifier(), confirm=True)  # fmt: skip
    informal = denominators_for([regency_code], year)[regency_code]
    line = f"{number(len(report.rows))} desa/kelurahan, {number(informal or 0)} pekerja informal"
    if covered is not None and (rate := coverage_rate(covered, informal)) is not None:
        line += f"; {number(covered)} peserta aktif = cakupan {str(rate).replace('.', ',')}%"
    return line if report.saved else f"{line} (sudah dimuat, tidak berubah)"


def _verifier() -> User | None:
    username = next(d.username for d in DEMO_USERS if d.role == Role.VERIFIKATOR)
    return User.objects.filter(username=username).first()


def synthetic_figures(residents: Sequence[tuple[str, str, str, int]], *, seed: int) -> list[tuple[int, int]]:
    """(workers, informal workers) for each village, in the order given."""
    rng = Random(seed)
    figures = []
    for _code, _kecamatan, _name, count in residents:
        workers = round(count * rng.uniform(0.45, 0.55))
        figures.append((workers, round(workers * rng.uniform(0.70, 0.80))))
    return figures


def denominator_file(regency_code: str, regency_name: str, year: int, *, seed: int = 2025) -> bytes:
    """The table as an .xlsx, in the shape of BPS's "Kabupaten … dalam Angka"."""
    residents = residents_by_village(regency_code)
    figures = synthetic_figures(residents, seed=seed)
    source = f"BPS {regency_name} dalam Angka {year} (angka sintetis demo)"
    buffer = io.BytesIO()
    with new_workbook(buffer) as book:
        sheet = book.add_worksheet("Tabel 3.2.1")
        write_row(sheet, 0, [f"Tabel 3.2.1 Penduduk Berumur 15 Tahun ke Atas yang Bekerja menurut Desa/Kelurahan "
                             f"di {regency_name}, {year - 1}"])  # fmt: skip
        write_row(sheet, 2, HEADER)
        for row, (place, (workers, informal)) in enumerate(zip(residents, figures, strict=True), start=3):
            write_row(sheet, row, [place[0], place[1], place[2], workers, informal, source])
        total_row = 3 + len(residents)
        write_row(sheet, total_row, ["", "", f"Jumlah {regency_name}", sum(w for w, _ in figures),
                                     sum(i for _, i in figures), ""])  # fmt: skip
    return buffer.getvalue()
