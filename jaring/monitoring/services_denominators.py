"""Loading a regency's workforce denominators and setting its coverage target (issue #8 point 2).

Two phases (DESIGN.md §5.4): ``denominators_load`` without ``confirm`` checks the table and says what saving it
would change; with ``confirm`` it writes, and only when no row has a problem. A file replaces that year's rows of
that regency: rows it leaves out are removed, so the table loaded is always one file's. Loading the same figures
again writes nothing and leaves no audit row.
"""

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from jaring.accounts.scoping import can_plan, may_act
from jaring.audit.services import audit_record
from jaring.core.regioncodes import Level, level_of
from jaring.programs.rates import number

from .denominators import (
    DenominatorFileRefused,
    DenominatorRow,
    RawRow,
    RowProblem,
    check_rows,
    mixed_levels,
    read_denominator_file,
)
from .models import BasisChoices, CoverageTarget, WorkforceDenominator
from .selectors_denominators import may_load_denominators, regions_of

FIRST_YEAR = 2000
#: Names listed in a notice before "dan N lainnya".
NAMED = 5

Values = tuple[int, int | None, str]


class DenominatorError(ValueError):
    """A request refused; the message says why, in Bahasa Indonesia."""


@dataclass
class DenominatorReport:
    regency_code: str
    regency_name: str
    year: int
    filename: str
    sha256: str
    columns: dict[str, str]
    rows: list[DenominatorRow]
    problems: list[RowProblem]
    skipped: int = 0
    notices: list[str] = field(default_factory=list)
    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    saved: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def changes(self) -> int:
        return self.added + self.changed + self.removed


def denominators_load(*, regency_code: str, year: int, actor, data: bytes | None = None, name: str = "",
                      rows: Sequence[Mapping] | None = None, source: str = "",
                      confirm: bool = False) -> DenominatorReport:  # fmt: skip
    """Check a table of denominators (``data``, an .xlsx/.xls/.csv file, or ``rows``, dicts with code, workers,
    informal and source) for ``regency_code`` and ``year``; with ``confirm``, make it that year's rows."""
    if not may_act(actor, regency_code, may_load_denominators):
        raise DenominatorError("Anda tidak berwenang memuat penyebut cakupan untuk wilayah ini.")
    regions = _regency_regions(regency_code)
    _check_year(year)
    columns, raw, digest = _read(data, name, rows)
    checked = check_rows(raw, regency_code=regency_code, regency_name=regions[regency_code], regions=regions,
                         default_source=source)  # fmt: skip
    report = DenominatorReport(regency_code, regions[regency_code], year, name, digest, columns, checked.rows,
                               checked.problems, checked.skipped)  # fmt: skip
    _compare(report, _stored(regency_code, year))
    report.notices = _notices(report, regions)
    if confirm:
        _save(report, actor)
    return report


def _regency_regions(regency_code: str) -> dict[str, str]:
    if level_of(regency_code) != Level.REGENCY:
        raise DenominatorError(f"Penyebut dimuat per kabupaten/kota; {regency_code} bukan kode kabupaten/kota.")
    regions = regions_of(regency_code)
    if regency_code not in regions:
        raise DenominatorError(f"Kabupaten/kota {regency_code} tidak ada di daftar wilayah.")
    return regions


def _check_year(year: int) -> None:
    last = timezone.localdate().year + 1
    if not FIRST_YEAR <= year <= last:
        raise DenominatorError(f"Tahun {year} di luar {FIRST_YEAR}–{last}.")


def _read(data: bytes | None, name: str, rows: Sequence[Mapping] | None) -> tuple[dict[str, str], list[RawRow], str]:
    if data is not None:
        try:
            read = read_denominator_file(data, name)
        except DenominatorFileRefused as exc:
            raise DenominatorError(str(exc)) from None
        return read.columns, read.rows, hashlib.sha256(data).hexdigest()
    raw = [_raw_of(number, row) for number, row in enumerate(rows or (), start=1)]
    canonical = json.dumps([[r.codes, r.workers, r.informal, r.source] for r in raw], sort_keys=True)
    return {}, raw, hashlib.sha256(canonical.encode()).hexdigest()


def _raw_of(number: int, row: Mapping) -> RawRow:
    def text(key: str) -> str:
        value = row.get(key)
        return "" if value is None else str(value).strip()

    return RawRow(int(row.get("row") or number), {"region_code": text("code")}, text("workers"), text("informal"),
                  text("source"))  # fmt: skip


def _stored(regency_code: str, year: int) -> dict[str, Values]:
    found = WorkforceDenominator.objects.filter(regency_code=regency_code, year=year)
    fields = ("region_code", "workers", "informal_workers", "source")
    return {code: (w, i, s) for code, w, i, s in found.values_list(*fields)}


def _values(row: DenominatorRow) -> Values:
    return row.workers, row.informal, row.source


def _compare(report: DenominatorReport, stored: Mapping[str, Values]) -> None:
    new = {row.code: _values(row) for row in report.rows}
    report.added = sum(code not in stored for code in new)
    report.changed = sum(code in stored and stored[code] != values for code, values in new.items())
    report.unchanged = len(new) - report.added - report.changed
    report.removed = sum(code not in new for code in stored)


def _notices(report: DenominatorReport, regions: Mapping[str, str]) -> list[str]:
    notices = []
    codes = [row.code for row in report.rows]
    if mixed := [c for c in mixed_levels(codes) if level_of(c) == Level.DISTRICT]:
        notices.append(f"{_named(mixed, regions)} dimuat bersama desa/kelurahannya: angka kecamatan dipakai "
                       "untuk kecamatan itu, angka desa/kelurahan untuk tiap desa/kelurahan; tidak dihitung dua "
                       "kali.")  # fmt: skip
    if without := sum(row.informal is None for row in report.rows):
        notices.append(f"{number(without)} baris tanpa angka pekerja informal: wilayah itu tidak punya penyebut "
                       "pekerja informal.")  # fmt: skip
    if report.skipped:
        notices.append(f"{number(report.skipped)} baris dilewati: tanpa angka, atau baris jumlah tanpa kode wilayah.")
    if report.rows and report.ok and not report.changes:
        notices.append(f"Penyebut tahun {report.year} ini sama persis dengan yang sudah dimuat; tidak ada yang diubah.")
    elif report.removed:
        notices.append(f"{number(report.removed)} wilayah yang dimuat sebelumnya untuk tahun {report.year} tidak ada "
                       "di berkas ini dan akan dihapus: berkas ini menggantikan penyebut tahun itu.")  # fmt: skip
    return notices


def _named(codes: Sequence[str], regions: Mapping[str, str]) -> str:
    names = ", ".join(f"Kecamatan {regions.get(c, c)}" for c in codes[:NAMED])
    return names + (f" dan {len(codes) - NAMED} lainnya" if len(codes) > NAMED else "")


def _save(report: DenominatorReport, actor) -> None:
    if not report.rows and not report.problems:
        raise DenominatorError("Berkas tidak berisi baris penyebut yang terisi; tidak ada yang disimpan.")
    if report.problems:
        raise DenominatorError(f"{number(len(report.problems))} masalah di berkas ini harus diperbaiki dulu; tidak "
                               "ada yang disimpan.")  # fmt: skip
    with transaction.atomic():
        stored = _stored_for_update(report.regency_code, report.year)
        _compare(report, stored)
        if not report.changes:
            return
        _write(report, stored, actor)
        audit_record(actor=actor, action="monitoring.denominators_loaded", object_type="workforce_denominator",
                     object_id=report.year, region_code=report.regency_code, detail=_detail(report))  # fmt: skip
    report.saved = True


def _stored_for_update(regency_code: str, year: int) -> dict[str, Values]:
    rows = WorkforceDenominator.objects.select_for_update().filter(regency_code=regency_code, year=year)
    return {r.region_code: (r.workers, r.informal_workers, r.source) for r in rows}


def _write(report: DenominatorReport, stored: Mapping[str, Values], actor) -> None:
    now, user = timezone.now(), actor if getattr(actor, "is_authenticated", False) else None
    new = {row.code: row for row in report.rows}
    year_rows = WorkforceDenominator.objects.filter(regency_code=report.regency_code, year=report.year)
    year_rows.exclude(region_code__in=list(new)).delete()
    for code, row in new.items():
        if code in stored and stored[code] != _values(row):
            year_rows.filter(region_code=code).update(workers=row.workers, informal_workers=row.informal,
                                                      source=row.source, loaded_by=user, loaded_at=now)  # fmt: skip
    WorkforceDenominator.objects.bulk_create(
        WorkforceDenominator(region_code=code, regency_code=report.regency_code, year=report.year, workers=row.workers,
                             informal_workers=row.informal, source=row.source, loaded_by=user, loaded_at=now)
        for code, row in new.items() if code not in stored
    )  # fmt: skip


def _detail(report: DenominatorReport) -> dict:
    return {"year": report.year, "filename": report.filename, "sha256": report.sha256, "rows": len(report.rows),
            "added": report.added, "changed": report.changed, "removed": report.removed}  # fmt: skip


def coverage_target_set(*, regency_code: str, target_percent, basis: str, note: str = "", actor) -> CoverageTarget:
    """The regency's target and the figure its rate divides by; audited with the values before and after."""
    if not may_act(actor, regency_code, can_plan):
        raise DenominatorError("Hanya perencana kabupaten/kota ini yang dapat mengubah target cakupan.")
    target = _percent(target_percent)
    if basis not in BasisChoices.values:
        raise DenominatorError(f"Dasar penyebut {basis!r} tidak dikenal.")
    with transaction.atomic():
        current = CoverageTarget.objects.select_for_update().filter(regency_id=regency_code).first()
        before = _target_values(current)
        current = current or CoverageTarget(regency_id=regency_code)
        current.target_percent, current.basis, current.note = target, basis, " ".join((note or "").split())[:500]
        current.updated_by = actor if getattr(actor, "is_authenticated", False) else None
        current.save()
        audit_record(actor=actor, action="monitoring.coverage_target_set", object_type="coverage_target",
                     object_id=current.pk, region_code=regency_code,
                     detail={"before": before, "after": _target_values(current)})  # fmt: skip
    return current


def _percent(value) -> Decimal:
    try:
        target = Decimal(str(value).replace(",", ".").strip().rstrip("%")).quantize(Decimal("0.1"))
    except InvalidOperation:
        raise DenominatorError(f"Target '{value}' bukan persen.") from None
    if not Decimal("0.1") <= target <= 100:
        raise DenominatorError("Target cakupan harus di antara 0,1% dan 100%.")
    return target


def _target_values(target: CoverageTarget | None) -> dict | None:
    if target is None:
        return None
    return {"target_percent": str(target.target_percent), "basis": target.basis, "note": target.note}
