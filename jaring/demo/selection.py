"""The selection stage of the demo: the program's funding sources (the regency's APBD, the tobacco excise share
DBHCHT for tobacco farmers and workers, the village funds of a few desa), its priorities and quotas, then a
selection computed and proposed by the verifier and approved by the pejabat penetap, through the real services.

Budgets are scaled to the demo regency the way Trenggalek's 2025 plan is to the real one (Rp16,800 a person a
month for 12 months), so that some candidates wait: that is what the waiting list is for.
The planner's settings go through the planner's services as the demo planner. Seeding happens once: a
program that already has funding sources is left as it is.
"""

import time
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from jaring.accounts.models import User
from jaring.accounts.roles import Role
from jaring.audit.services import audit_record
from jaring.core.regioncodes import Level
from jaring.programs.models import FundingKind, Program, QuotaKind
from jaring.programs.services.planning import funding_source_save, program_update, quotas_replace
from jaring.programs.services.selection import selection_approve, selection_compute, selection_propose
from jaring.regions.models import Region

from .services import _number, _seconds
from .users import DEMO_USERS

#: Share of the cleared candidates the regency's APBD pays for; the rest is for DBHCHT, village funds, waiting.
APBD_SHARE = 0.55
DBHCHT_PEOPLE = 250
VILLAGE_FUND_PEOPLE = 40
#: The public donation campaign's pledge, in worker-years at the regency's rate (donors pay less in PP 50/2025's
#: months, so it covers more people than this).
DONATION_PEOPLE = 20
DONATION_SOURCE = "Donasi Peduli Pekerja Rentan"
#: Desa that put their own village funds in (the two demo operators' villages and two more).
VILLAGE_FUNDS = ("35.03.01.2001", "35.03.11.2001", "35.03.02.2001", "35.03.05.2001")
#: Gianyar funds "1 desa 100 pekerja rentan"; the demo's villages are smaller, so each desa's maximum is this
#: many times the average number of cleared candidates a desa has (45 in the default demo): the busiest fill up.
VILLAGE_MAXIMUM_SHARE = 1.4
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
    planner, verifier, official = (
        User.objects.get(username=_demo_user(role)) for role in (Role.PERENCANA, Role.VERIFIKATOR, Role.PEJABAT)
    )
    with transaction.atomic():  # all of the stage or none of it: a failed stage is seeded again next time
        _plan(program, planner)
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


def _plan(program: Program, planner: User) -> None:
    """Priorities, funding sources and quotas, set through the planner's services as the demo planner."""
    from jaring.verification.selectors import candidates_cleared

    program_update(program=program, data={"priority": PRIORITY}, actor=planner)
    year_cost = MONTHLY * program.months
    cleared = candidates_cleared(program).count()
    regency = Region.objects.get(code=program.regency_id)
    sources = [
        {
            "kind": FundingKind.APBD_KABUPATEN,
            "name": f"APBD {regency.name}",
            "amount": year_cost * int(cleared * APBD_SHARE),
            "note": "Belanja bantuan iuran jaminan sosial ketenagakerjaan, Dinas Perinaker.",
        },
        {
            "kind": FundingKind.DBHCHT,
            "name": "DBHCHT (bagi hasil cukai hasil tembakau)",
            "amount": year_cost * DBHCHT_PEOPLE,
            "note": "Bidang kesejahteraan masyarakat: jaminan sosial bagi petani dan buruh tembakau.",
        },
        {
            "kind": FundingKind.DONASI,
            "name": DONATION_SOURCE,
            "amount": year_cost * DONATION_PEOPLE,
            "note": "Penggalangan donasi publik, CSR dan BAZNAS (data demo); anggaran = donasi yang diterima.",
        },
    ] + [
        {"kind": FundingKind.APBDES, "name": "", "amount": year_cost * VILLAGE_FUND_PEOPLE, "village": code}
        for code in VILLAGE_FUNDS
    ]
    for data in sources:
        funding_source_save(program=program, data=data, actor=planner)
    villages = Region.objects.filter(parent__parent_id=program.regency_id, level=Level.VILLAGE)
    codes = list(villages.values_list("code", flat=True))
    maximum = max(5, round(VILLAGE_MAXIMUM_SHARE * cleared / len(codes)))
    rows = [{"kind": QuotaKind.VILLAGE, "key": code, "maximum": maximum} for code in codes]
    rows.append({"kind": QuotaKind.GROUP, "key": "disabilitas", "minimum": 20})
    quotas_replace(program=program, rows=rows, actor=planner)
