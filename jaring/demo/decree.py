"""The decree stage of the demo: the regency's decree settings and its own Perbup, the SK drafted by the verifier
from the approved selection and made final by the pejabat penetap, then an amending decree (SK perubahan) for
two recipients who died or moved away, their places given to the waiting list. All through the real services.

Seeding happens once: a program that already has a decree is left as it is.
"""

import time
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from jaring.accounts.models import User
from jaring.accounts.roles import Role
from jaring.audit.services import audit_record
from jaring.decrees.models import DecreeSettings, LegalBasis
from jaring.decrees.services import Removal, amendment_draft, decree_draft, decree_finalize
from jaring.programs import costs
from jaring.programs.lifecycle import SelectionStatus
from jaring.programs.models import Program
from jaring.programs.rates import add_months
from jaring.regions.models import Region

from .selection import _demo_user
from .services import _number, _seconds

#: Demo only: Jawa Timur regencies number decrees "188.45/<no>/<office code>/<year>"; the office code here is
#: made up, as is the Perbup below, and both say so.
NUMBER = "188.45/{n}/406.004/{year}"
PERBUP = (
    "Peraturan Bupati {name} tentang Bantuan Iuran Jaminan Sosial Ketenagakerjaan bagi Pekerja Rentan "
    "(contoh data demo, bukan peraturan sebenarnya)"
)
REMOVALS = ("Meninggal dunia (laporan desa, data demo)", "Pindah domisili ke luar kabupaten (data demo)")


@dataclass(frozen=True, slots=True)
class DecreeSummary:
    number: str
    recipients: int
    cost: Decimal
    amendment: str
    removed: int
    added: int
    seconds: float

    def __str__(self) -> str:
        return (
            f"SK {self.number}: {_number(self.recipients)} penerima, Rp{_number(int(self.cost))}; SK perubahan "
            f"{self.amendment}: {self.removed} dikeluarkan, {self.added} pengganti; {_seconds(self.seconds)}"
        )


def demo_decree_seed(*, regency: str, seed: int, today: date | None = None) -> DecreeSummary | None:
    """Seed the decree stage; None when there is no approved selection or the program has a decree."""
    program = Program.objects.filter(regency_id=regency).order_by("-year", "-pk").first()
    if program is None or program.decrees.exists():
        return None
    if not program.selections.filter(status=SelectionStatus.APPROVED).exists():
        return None
    started = time.perf_counter()
    today = today or timezone.localdate()
    verifier, official = (User.objects.get(username=_demo_user(r)) for r in (Role.VERIFIKATOR, Role.PEJABAT))
    with transaction.atomic():
        _settings(Region.objects.get(code=regency))
        decree = decree_draft(program=program, actor=verifier)
        decree = _finalize(decree, 27, today, official)
        amendment, found = amendment_draft(
            decree=decree,
            removals=_removals(decree),
            effective_from=_next_month(program, today),
            reason="Penerima meninggal dunia dan pindah domisili; tempatnya diisi dari daftar tunggu",
            actor=verifier,
        )
        amendment = _finalize(amendment, 131, today, official)
        detail = {"seed": seed, "decree": decree.pk, "amendment": amendment.pk}
        audit_record(actor=None, action="demo.decree", object_type="program", object_id=program.pk,
                     region_code=regency, detail=detail)  # fmt: skip
    added = sum(1 for r in found if r.by is not None)
    return DecreeSummary(decree.number, decree.recipients_count, decree.total_cost, amendment.number,
                         len(found), added, time.perf_counter() - started)  # fmt: skip


def _settings(regency: Region) -> None:
    bare = regency.name.removeprefix("Kabupaten ")
    DecreeSettings.objects.get_or_create(
        regency=regency,
        defaults={
            "government": f"PEMERINTAH {regency.name.upper()}",
            "office_address": "Alamat kantor bupati (isi di Admin → Pengaturan SK)",
            "regent_title": f"BUPATI {bare.upper()}",
            "regent_name": "NAMA BUPATI (DATA DEMO)",
            "signing_place": bare,
        },
    )
    LegalBasis.objects.get_or_create(regency=regency, citation=PERBUP.format(name=bare), defaults={"order": 90})


def _finalize(decree, n: int, today: date, official: User):
    number = NUMBER.format(n=n, year=decree.program.year)
    scan = SimpleUploadedFile(f"sk-{n}-ditandatangani.pdf", _scan_pdf(number), content_type="application/pdf")
    return decree_finalize(decree=decree, number=number, signed_on=today, scan=scan, actor=official)


def _scan_pdf(number: str) -> bytes:
    """A one-page PDF standing in for the signed scan (WeasyPrint, which draws the annexes too)."""
    from weasyprint import HTML

    html = f"<h1>Pindaian SK {number}</h1><p>Halaman bertanda tangan dan berstempel: data demo.</p>"
    return HTML(string=html).write_pdf()


def _removals(decree) -> list[Removal]:
    """Two recipients of different desa, the same ones for the same seed."""
    rows = list(decree.recipients.order_by("row").values_list("person_id", "village_id")[:400:37])
    first = rows[0]
    second = next((r for r in rows if r[1] != first[1]), rows[1])
    return [Removal(first[0], REMOVALS[0]), Removal(second[0], REMOVALS[1])]


def _next_month(program: Program, today: date) -> date:
    """The month after today, kept inside the program's period (a demo built late in the year)."""
    first, last = costs.program_start(program), costs.program_last_month(program)
    following = add_months(today.replace(day=1), 1)
    return min(max(following, first), last)
