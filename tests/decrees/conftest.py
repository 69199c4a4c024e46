"""A program with an approved selection, the starting point of every decree."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from jaring.programs.models import Program
from jaring.programs.services.selection import selection_approve, selection_compute, selection_propose

from ..conftest import BESUKI, NGARES
from ..verification.conftest import resident, verify

YEAR_APBD = 12 * 16_800
#: The smallest file that is a PDF by its first bytes, as a signed scan stands in for one.
SCAN_BYTES = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def scan(name: str = "sk-ditandatangani.pdf", content: bytes = SCAN_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def program(trenggalek):
    return Program.objects.create(
        code="pr-2026", name="Bantuan iuran pekerja rentan", year=2026, regency_id="35.03", category="pekerja_rentan"
    )


@pytest.fixture
def approved(program, users, settings, tmp_path):
    """Five residents of Besuki and two of Ngares proposed; the APBD pays for four, three wait."""
    settings.MEDIA_ROOT = tmp_path / "media"
    names = ["SUTRISNO", "PAIMAN", "WAGIYO", "SUMINI", "TUKIRAN"]
    for name in names:
        resident(program, name)
    for name in ("AGUS", "SLAMET"):
        resident(program, name, village=NGARES)
    program.sources.create(kind="apbd_kabupaten", name="APBD Kabupaten Trenggalek", amount=4 * YEAR_APBD)
    verify(program)
    selection = selection_compute(program=program, actor=users["verifikator"])
    selection_propose(selection=selection, actor=users["verifikator"])
    selection_approve(selection=selection, actor=users["pejabat"])
    selection.refresh_from_db()
    return selection


def today() -> dt.date:
    return timezone.localdate()


__all__ = ["BESUKI", "NGARES", "YEAR_APBD", "scan", "today"]
