"""Rate and discount rows as plain values, the package they price, and which row holds in a month. No Django.

The rows mirror ``ContributionRate`` and ``ContributionDiscount``; ``jaring.programs.costs`` reads them from
the database. Selection rules:

- a rate holds in a month when its [valid_from, valid_to] contains the first day of that month; when several
  do, the one that started last holds (a new regulation supersedes an open-ended row without editing it);
  two that started the same day are a conflict the admin must resolve;
- JKK for wage earners (PU) is chosen by the package's risk class; every other row has no risk class;
- a discount holds when its segment is the package's, the month is inside its period, the component is in its
  list, its sector is empty or the package's, and the payer is not excluded; when several hold, the largest
  (discounts do not stack).
"""

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from decimal import Decimal

from .errors import PackageInvalid, RateConflict, RateMissing
from .words import COMPONENT_NAMES, SEGMENT_NAMES, month_name

BPU, PU = "bpu", "pu"
JKK, JKM, JHT, JP = "jkk", "jkm", "jht", "jp"
COMPONENTS = (JKK, JKM, JHT, JP)
PERCENT, FLAT = "percent", "flat"
#: Where an admin adds a missing rate (the admin's name for ``ContributionRate`` in Bahasa Indonesia).
WHERE_TO_ADD = "Admin → Tarif iuran"


@dataclass(frozen=True, kw_only=True)
class Rate:
    """One rate as a regulation set it. ``employer_rate`` is what the payer owes (percent, or rupiah when
    ``basis`` is flat; for BPU the whole contribution); ``worker_rate`` the worker's share (PU)."""

    segment: str
    component: str
    basis: str
    employer_rate: Decimal
    valid_from: date
    worker_rate: Decimal = Decimal(0)
    valid_to: date | None = None
    risk_class: int | None = None
    income_min: Decimal | None = None
    income_max: Decimal | None = None
    base_cap: Decimal | None = None
    regulation: str = ""

    def covers(self, month: date) -> bool:
        return self.valid_from <= month and (self.valid_to is None or month <= self.valid_to)

    @classmethod
    def from_fields(cls, values: Mapping) -> "Rate":
        """A row from a model's ``values()`` or a fixture's ``fields`` (strings or numbers); extra keys ignored."""
        return cls(**_typed(cls, values))


@dataclass(frozen=True, kw_only=True)
class Discount:
    """A temporary cut of ``percent`` on some components (PP 50/2025: 50% of BPU JKK + JKM)."""

    name: str
    segment: str
    components: frozenset[str]
    percent: Decimal
    valid_from: date
    valid_to: date
    sector: str = ""
    excluded_payers: frozenset[str] = field(default_factory=frozenset)
    regulation: str = ""

    @classmethod
    def from_fields(cls, values: Mapping) -> "Discount":
        """A row from a model's ``values()`` or a fixture's ``fields``; extra keys ignored."""
        return cls(**_typed(cls, values))


@dataclass(frozen=True, kw_only=True)
class Package:
    """What one person is covered for: JKK and JKM always, JHT optional, JP for wage earners (PU) only;
    on a declared income (BPU) or wage (PU) in whole rupiah a month."""

    segment: str
    components: frozenset[str]
    income: Decimal
    risk_class: int = 1
    pays_worker_share: bool = False
    sector: str = "non_transport"

    def __post_init__(self) -> None:
        _check_package(self)

    @classmethod
    def of(cls, segment: str, income: int | Decimal, *, jht: bool = False, jp: bool = False, **options) -> "Package":
        """JKK + JKM, plus JHT and JP when asked: ``Package.of("bpu", 1_000_000)``."""
        components = {JKK, JKM} | ({JHT} if jht else set()) | ({JP} if jp else set())
        return cls(segment=segment, components=frozenset(components), income=Decimal(income), **options)


_DECIMALS = {"employer_rate", "worker_rate", "income_min", "income_max", "base_cap", "percent"}
_DATES = {"valid_from", "valid_to"}
_SETS = {"components", "excluded_payers"}


def _typed(cls: type, values: Mapping) -> dict:
    known = {f.name for f in fields(cls)}
    return {name: _convert(name, value) for name, value in values.items() if name in known}


def _convert(name: str, value):
    if value is None:
        return None
    if name in _DECIMALS:
        return Decimal(str(value))
    if name in _DATES:
        return value if isinstance(value, date) else date.fromisoformat(value)
    if name in _SETS:
        return frozenset(value)
    return value


def _check_package(package: Package) -> None:
    if package.segment not in SEGMENT_NAMES:
        raise PackageInvalid(f"Segmen peserta {package.segment!r} tidak dikenal; pilih BPU atau PU.")
    if not {JKK, JKM} <= package.components:
        raise PackageInvalid("Paket iuran selalu berisi JKK dan JKM.")
    if unknown := package.components - set(COMPONENTS):
        raise PackageInvalid(f"Program jaminan tidak dikenal: {', '.join(sorted(unknown))}.")
    if JP in package.components and package.segment != PU:
        raise PackageInvalid("JP hanya untuk peserta penerima upah (PU), bukan BPU.")
    if package.income <= 0 or package.income != package.income.to_integral_value():
        raise PackageInvalid("Penghasilan atau upah harus rupiah utuh lebih dari nol.")
    if package.segment == PU and package.risk_class not in range(1, 6):
        raise PackageInvalid(f"Kelas risiko JKK {package.risk_class} tidak ada; pilih 1 sampai 5.")


def rate_for(rates: list[Rate], package: Package, component: str, month: date) -> Rate:
    """The row that holds for ``component`` of ``package`` in ``month`` (the first day of it)."""
    risk = package.risk_class if (package.segment == PU and component == JKK) else None
    rows = [
        r
        for r in rates
        if r.segment == package.segment and r.component == component and r.risk_class == risk and r.covers(month)
    ]
    if not rows:
        raise RateMissing(
            f"Tarif {_rate_name(package, component)} untuk bulan {month_name(month)} belum ada; "
            f"tambahkan di {WHERE_TO_ADD}."
        )
    latest = max(r.valid_from for r in rows)
    if len(holding := [r for r in rows if r.valid_from == latest]) > 1:
        raise RateConflict(
            f"Ada {len(holding)} tarif {_rate_name(package, component)} yang berlaku sejak {latest:%d-%m-%Y} untuk "
            f"bulan {month_name(month)}; hapus atau akhiri salah satunya di {WHERE_TO_ADD}."
        )
    return holding[0]


def discount_for(
    discounts: list[Discount], package: Package, component: str, month: date, payer: str
) -> Discount | None:
    """The discount on ``component`` in ``month`` for ``payer``, or None (PP 50/2025 Pasal 3 excludes APBD)."""
    holding = [
        d
        for d in discounts
        if d.segment == package.segment
        and d.valid_from <= month <= d.valid_to
        and component in d.components
        and d.sector in ("", package.sector)
        and payer not in d.excluded_payers
    ]
    return max(holding, key=lambda d: d.percent, default=None)


def _rate_name(package: Package, component: str) -> str:
    name = f"{COMPONENT_NAMES.get(component, component)} {SEGMENT_NAMES[package.segment]}"
    return f"{name} kelas risiko {package.risk_class}" if package.segment == PU and component == JKK else name
