"""Donation fixtures: the enrollment program (APBD Trenggalek, APBDes Besuki) with two more sources, "Donasi
Peduli Pekerja" (donations) and "CSR Bank Jatim" (CSR/BAZNAS), both without money yet; and a final decree on
which PAIMAN and WAGIYO are paid by the donations.

The program runs January–December 2026 for non-transport BPU workers, so a donor pays the full Rp16.800 a
worker a month in January–March and, under PP 50/2025, Rp8.400 in April–December: Rp126.000 a worker a year.
"""

import datetime as dt

import pytest

from jaring.donations.services import donation_record

from ..enrollment.conftest import YEAR, candidates, final_decree, program, signed_in, source_of  # noqa: F401

DONOR_YEAR = 3 * 16_800 + 9 * 8_400
RECEIVED_ON = dt.date(2026, 2, 10)


@pytest.fixture
def donasi(program):  # noqa: F811
    return program.sources.create(kind="donasi", name="Donasi Peduli Pekerja", amount=0)


@pytest.fixture
def csr(program):  # noqa: F811
    return program.sources.create(kind="csr_baznas", name="CSR Bank Jatim", amount=0)


@pytest.fixture
def decree(program, candidates, donasi):  # noqa: F811
    """PAIMAN and WAGIYO on the donations, SUTRISNO on APBDes Besuki, AGUS on the APBD; YEAR each."""
    apbd, apbdes = source_of(program, "apbd_kabupaten"), source_of(program, "apbdes")
    rows = [(candidates["SUTRISNO"], apbdes), (candidates["PAIMAN"], donasi), (candidates["WAGIYO"], donasi),
            (candidates["AGUS"], apbd)]  # fmt: skip
    return final_decree(program, rows)


def give(source, amount, *, donor="PT Sumber Rejeki", actor=None, **extra):
    options = {"donor_name": donor, "donor_kind": "company", "received_on": RECEIVED_ON} | extra
    return donation_record(source=source, amount=amount, actor=actor, **options)
