"""The selection stage of the demo: the program's funding sources (the regency's APBD, the tobacco excise share
DBHCHT for tobacco farmers and workers, the village funds of a few desa), its priorities and quotas, then a
selection computed and proposed by the verifier and approved by the pejabat penetap, through the real services.

Budgets are scaled to the demo regency the way Trenggalek's 2025 plan is to the real one (Rp16,800 a person a
month for 12 months), so that some candidates wait: that is what the waiting list is for.
Seeding happens once: a program that already has funding sources is left as it is.
"""

import time
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from jaring.accounts.models import User
from jaring.accounts.roles import Role
from jaring.audit.services import audit_record
from jaring.core.regioncodes import Level
from jaring.programs.models import FundingKind, Program, Quota, QuotaKind
from jaring.programs.services.selection import selection_approve, selection_compute, selection_propose
from jaring.regions.models import Region

from .services import _number, _seconds
from .users import DEMO_USERS

#: Share of the cleared candidates the regency's APBD pays for; the rest is for DBHCHT, village funds, waiting.
APBD_SHARE = 0.55
DBHCHT_PEOPLE = 250
VILLAGE_FUND_PEOPLE = 40
#: Desa that put their own village funds in (the two demo operators' villages and two more).
VILLAGE_FUNDS = ("35.03.01.2001", "35.03.11.2001", "35.03.02.2001", "35.03.05.2001")
VILLAGE_MAXIMUM = 45  # Gianyar funds "1 desa 100 pekerja rentan"; the demo's villages are smaller
PRIORITY = {
    "decile": 10,
    "carry_over": 5,
    "age": 2,
    "groups": {"disabilitas": 6, "orang_tua_tunggal": 4, "miskin_ekstrem": 6, "lansia": 2},
    "occupations": {"petani_tembakau": 3, "buruh_tembakau": 3, "nelayan": 2},
}
MONTHLY = Decimal(16_800)  # JKK 1% of Rp1,000,000 + JKM Rp6,800: the typical package (reference §1.1)


@dataclass(frozen=True, slots=True)
class SelectionSummary:
    program: str
    sources: int
    selected: int
    waiting: int
    cost: Decimal
    seconds: float

    def __str__(self) -> str:
        return (
            f"seleksi {self.program}: {self.sources} sumber dana, {_number(self.selected)} terpilih, "
            f"{_number(self.waiting)} menunggu, Rp{_number(int(self.cost))}; disetujui; {_seconds(self.seconds)}"
        )


def demo_selection_seed(*, regency: str, seed: int) -> SelectionSummary | None:
    """Seed the selection stage of the demo regency; None when there is no verified program or it has sources."""
    program = Program.objects.filter(regency_id=regency).order_by("-year", "-pk").first()
    if program is None or program.sources.exists() or not program.verification_runs.exists():
        return None
    started = time.perf_counter()
    verifier, official = (User.objects.get(username=_demo_user(role)) for role in (Role.VERIFIKATOR, Role.PEJABAT))
    with transaction.atomic():
        _plan(program)
    selection = selection_compute(program=program, actor=verifier)
    selection_propose(selection=selection, actor=verifier)
    selection_approve(selection=selection, actor=official)
    audit_record(
        actor=None,
        action="demo.selection",
        object_type="program",
        object_id=program.pk,
        region_code=regency,
        detail={"seed": seed, "selection": selection.pk},
    )
    return SelectionSummary(
        program.code,
        program.sources.count(),
        selection.selected_count,
        selection.waiting_count,
        selection.total_cost,
        time.perf_counter() - started,
    )


def _demo_user(role: Role) -> str:
    return next(d.username for d in DEMO_USERS if d.role == role)


def _plan(program: Program) -> None:
    """Priorities, funding sources and quotas as a planner would set them (straight to the tables: the demo
    stands in for the planner's pages, which have their own tests)."""
    from jaring.verification.selectors import candidates_cleared

    program.priority = PRIORITY
    program.save(update_fields=["priority", "updated_at"])
    year_cost = MONTHLY * program.months
    cleared = candidates_cleared(program).count()
    regency = Region.objects.get(code=program.regency_id)
    program.sources.create(
        kind=FundingKind.APBD_KABUPATEN,
        name=f"APBD {regency.name}",
        amount=year_cost * int(cleared * APBD_SHARE),
        note="Belanja bantuan iuran jaminan sosial ketenagakerjaan, Dinas Perinaker.",
    )
    program.sources.create(
        kind=FundingKind.DBHCHT,
        name="DBHCHT (bagi hasil cukai hasil tembakau)",
        amount=year_cost * DBHCHT_PEOPLE,
        occupations=["petani_tembakau", "buruh_tembakau"],
        note="Bidang kesejahteraan masyarakat: jaminan sosial bagi petani dan buruh tembakau.",
    )
    for village in Region.objects.filter(code__in=VILLAGE_FUNDS).order_by("code"):
        program.sources.create(
            kind=FundingKind.APBDES,
            name=f"APBDes {village.name}",
            amount=year_cost * VILLAGE_FUND_PEOPLE,
            village=village,
        )
    villages = Region.objects.filter(parent__parent_id=program.regency_id, level=Level.VILLAGE).values_list(
        "code", flat=True
    )
    Quota.objects.bulk_create(
        [Quota(program=program, kind=QuotaKind.VILLAGE, key=code, maximum=VILLAGE_MAXIMUM) for code in villages]
        + [Quota(program=program, kind=QuotaKind.GROUP, key="disabilitas", minimum=20)]
    )
