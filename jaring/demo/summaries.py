"""The roll-up stage of the demo: the other regencies and cities of the province run Jaring on instances of their
own and send their figures as signed summary files. For each one the admin makes a sender key and the province's
monitor imports its summary through the real services; believable synthetic figures (a few thousand to tens of
thousands of workers, mixed categories and sources), two with no program this year and one whose program has no
budget yet. Deterministic for a seed and a day; the regencies this instance runs itself (Trenggalek) are left to
their own data.
"""

from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from random import Random

from django.db import transaction
from django.utils import timezone

from jaring.accounts.models import User
from jaring.accounts.roles import Role
from jaring.audit.services import audit_record
from jaring.core.regioncodes import Level, contains
from jaring.monitoring.models import RegencySummary
from jaring.monitoring.services_summaries import min_cell, sender_key_create, summary_import
from jaring.monitoring.summary_file import build
from jaring.programs.models import Program
from jaring.regions.models import Region

from .services import _number
from .users import DEMO_USERS

#: What a worker costs a regency for a year: JKK + JKM, Rp16,800 a month (BPU on Rp1,000,000).
WORKER_YEAR = 12 * 16_800
NO_PROGRAM, NO_BUDGET = 2, 1


@dataclass(frozen=True, slots=True)
class SummariesSeeded:
    imported: int
    members: int
    no_program: list[str]
    no_budget: list[str]

    def __str__(self) -> str:
        return (
            f"{self.imported} ringkasan kabupaten/kota lain diimpor ({_number(self.members)} peserta); tanpa "
            f"program: {', '.join(self.no_program)}; tanpa anggaran: {', '.join(self.no_budget)}"
        )


def _user(role: Role, province: str) -> User:
    """The demo user of ``role`` whose scope holds the province (the nation's when none is narrower)."""
    fits = [d for d in DEMO_USERS if d.role == role and (d.region is None or contains(d.region, province))]
    fits.sort(key=lambda d: d.region is None)
    return User.objects.get(username=fits[0].username)


def _others(province: str) -> list[tuple[str, str]]:
    """The province's regencies and cities this instance does not run."""
    local = set(Program.objects.values_list("regency_id", flat=True))
    regions = Region.objects.filter(level=Level.REGENCY, code__startswith=province + ".").order_by("code")
    return [(code, name) for code, name in regions.values_list("code", "name") if code not in local]


def _split(rng: Random, total: int, shares: list[float]) -> list[int]:
    parts = [int(total * s) for s in shares[:-1]]
    return [*parts, total - sum(parts)]


def _figures(rng: Random, code: str, name: str, year: int, month: date, kind: str) -> dict:
    """A regency's month: members, split over categories and sources; a city has no desa, so no perangkat desa
    and no APBDes. ``kind``: "full", "no_program" or "no_budget" (a program set up, nothing allocated yet)."""
    base = {"regency_code": code, "regency_name": name, "year": year, "month": month}
    if kind != "full":
        return base | {"has_program": kind == "no_budget", "budget_allocated": 0, "month": None, "members": 0,
                       "covered": 0, "arrears": 0, "by_category": {}, "by_source": {}}  # fmt: skip
    city = name.startswith("Kota")
    members = rng.randint(2_500, 12_000) if city else rng.randint(4_000, 38_000)
    officials = 0 if city else rng.uniform(0.12, 0.3)
    non_asn = rng.uniform(0.04, 0.15)
    vulnerable, village, staff = _split(rng, members, [1 - officials - non_asn, officials, non_asn])
    apbdes = 0 if city else rng.uniform(0.15, 0.4)
    # Now and then only 3 people on other money: a count the file withholds (<5).
    other = rng.choice([0.0, 3 / members, rng.uniform(0.01, 0.08), rng.uniform(0.01, 0.08)])
    apbd, village_funds, others = _split(rng, members, [1 - apbdes - other, apbdes, other])
    arrears = int(members * rng.uniform(0, 0.04))
    budget = Decimal(round(members * WORKER_YEAR * rng.uniform(1.0, 1.15), -6))
    return base | {
        "has_program": True, "budget_allocated": budget, "members": members, "covered": members - arrears,
        "arrears": arrears, "by_category": {"pekerja_rentan": vulnerable, "perangkat_desa": village, "non_asn": staff},
        "by_source": {"apbd": apbd, "apbdes": village_funds, "other": others},
    }  # fmt: skip


def _kinds(rng: Random, regencies: list[tuple[str, str]]) -> dict[str, str]:
    codes = [code for code, _ in regencies]
    odd = rng.sample(codes, min(len(codes), NO_PROGRAM + NO_BUDGET))
    return {code: "no_program" for code in odd[:NO_PROGRAM]} | {code: "no_budget" for code in odd[NO_PROGRAM:]}


def seed_summaries(
    province: str = "35", year: int | None = None, *, seed: int = 2025, today: date | None = None
) -> SummariesSeeded | None:
    """Seed the summaries of ``province``'s other regencies for ``year``; None when there are none to seed or
    they were imported already."""
    today = today or timezone.localdate()
    year = year or today.year
    regencies = _others(province)
    if not regencies or RegencySummary.objects.filter(regency_code__startswith=province + ".", year=year).exists():
        return None
    rng = Random(f"jaring-demo-summaries:{province}:{year}:{seed}")
    kinds = _kinds(rng, regencies)
    month = today.replace(day=1) if year == today.year else date(year, 12, 1)
    made = timezone.make_aware(datetime.combine(min(today, date(year, 12, 31)), time(8, 0)))
    admin, monitor = _user(Role.ADMIN, province), _user(Role.PEMANTAU, province)
    members = 0
    with transaction.atomic():
        for code, name in regencies:
            figures = _figures(rng, code, name, year, month, kinds.get(code, "full"))
            key = sender_key_create(regency_code=code, actor=admin)
            data = build(figures, key.key_id, key.secret, threshold=min_cell(), generated_at=made)
            summary_import(data=data, actor=monitor, today=today)
            members += figures["members"]
        audit_record(actor=None, action="demo.summaries", object_type="region", object_id=province,
                     region_code=province, detail={"year": year, "regencies": len(regencies)})  # fmt: skip
    named = dict(regencies)
    return SummariesSeeded(
        len(regencies),
        members,
        [named[c] for c, k in kinds.items() if k == "no_program"],
        [named[c] for c, k in kinds.items() if k == "no_budget"],
    )
