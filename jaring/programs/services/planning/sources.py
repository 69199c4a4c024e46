"""A program's funding sources: APBD kabupaten and provinsi, each desa's APBDes, DBHCHT, donations, CSR/BAZNAS."""

from django.db import transaction

from jaring.core.regioncodes import Level, contains, village_kind
from jaring.people.models import Occupation, VulnerabilityGroup
from jaring.regions.models import Region

from ...models import FundingKind, FundingSource, Program, SelectionEntry
from .common import (
    AMOUNT_CEILING,
    PlanningRefused,
    Problems,
    amount_problem,
    audit,
    decimal_or_none,
    lock_unfrozen,
    require_planner,
)

#: What a DBHCHT source pays for when the planner names nobody: the tobacco excise share is meant for tobacco
#: farmers and workers (issue #5; the PMK on using DBHCHT that says so is not yet in reference/domain-facts.md).
DBHCHT_OCCUPATIONS = [Occupation.PETANI_TEMBAKAU.value, Occupation.BURUH_TEMBAKAU.value]
#: The name a source gets when the planner leaves it empty (an APBDes adds its desa's name).
DEFAULT_NAMES = {
    FundingKind.APBD_KABUPATEN: "APBD Kabupaten",
    FundingKind.APBD_PROVINSI: "APBD Provinsi",
    FundingKind.APBDES: "APBDes",
    FundingKind.DBHCHT: "DBHCHT",
    FundingKind.DONASI: "Donasi",
    FundingKind.CSR_BAZNAS: "CSR/BAZNAS",
}


def funding_source_save(*, program: Program, source: FundingSource | None = None, data: dict, actor) -> FundingSource:
    """Add a funding source to ``program`` (``source`` None) or change one of its sources.

    ``data``: ``kind``, ``name`` (empty: a default), ``amount`` (whole rupiah), ``village`` (a desa code; APBDes
    only, and required there: an APBDes pays for its own residents only), ``occupations`` and ``groups`` (codes;
    a DBHCHT source with none pays for tobacco farmers and workers), ``note``.
    """
    require_planner(actor, program)
    if source is not None and source.program_id != program.pk:
        raise PlanningRefused("Sumber dana ini bukan milik program ini.")
    with transaction.atomic():
        locked = lock_unfrozen(program)
        values = _source_values(locked, source, data)
        before = _source_snapshot(source) if source else None
        source = source or FundingSource(program=locked)
        for name, value in values.items():
            setattr(source, name, value)
        source.save()
        after = _source_snapshot(source)
        detail = {"created": after} if before is None else {"changed": _diff(before, after)}
        audit(
            "funding_source_save",
            actor,
            object_type="funding_source",
            object_id=source.pk,
            program=locked,
            detail=detail,
        )
    return source


def _source_values(program: Program, source: FundingSource | None, data: dict) -> dict:
    problems = Problems()
    kind = data.get("kind") or ""
    if kind not in FundingKind.values:
        problems.add("kind", "Pilih jenis sumber dana.")
    amount = decimal_or_none(data.get("amount"))
    problem = amount_problem(amount, "jumlah anggaran", AMOUNT_CEILING)
    if problem:
        problems.add("amount", problem)
    village = _source_village(program, kind, data.get("village"), problems)
    occupations = _codes(data.get("occupations"), Occupation, "occupations", "Pekerjaan", problems)
    groups = _codes(data.get("groups"), VulnerabilityGroup, "groups", "Kelompok", problems)
    if kind == FundingKind.DBHCHT and not occupations:
        occupations = list(DBHCHT_OCCUPATIONS)
    name = _source_name(program, source, kind, village, data.get("name"), problems)
    problems.raise_any()
    note = (data.get("note") or "").strip()
    return {
        "kind": kind,
        "name": name,
        "amount": amount,
        "village": village,
        "occupations": occupations,
        "groups": groups,
        "note": note,
    }


def _source_village(program: Program, kind: str, value, problems: Problems) -> Region | None:
    code = value.code if isinstance(value, Region) else (value or "").strip()
    if kind != FundingKind.APBDES:
        if code:
            problems.add("village", "Hanya APBDes yang terikat pada satu desa; kosongkan pilihan desa.")
        return None
    if not code:
        problems.add("village", "APBDes harus menyebut desanya: APBDes hanya membayar warga desanya sendiri.")
        return None
    region = Region.objects.filter(code=code, level=Level.VILLAGE).first()
    if region is None or not contains(program.regency_id, code):
        problems.add("village", f"{code} bukan desa di {program.regency.name}, kabupaten program ini.")
        return None
    if village_kind(code) == "kelurahan" or region.kind == "kelurahan":
        problems.add("village", f"Kelurahan {region.name} tidak memiliki APBDes; pilih desa.")
        return None
    return region


def _codes(value, choices, key: str, what: str, problems: Problems) -> list[str]:
    codes = [code for code in (value or []) if code]
    unknown = [code for code in codes if code not in choices.values]
    if unknown:
        problems.add(key, f"{what} tidak dikenal: {', '.join(unknown)}.")
    return [code for code in choices.values if code in codes]  # the order of the vocabulary, no repeats


def _source_name(program, source, kind: str, village: Region | None, value, problems: Problems) -> str:
    name = " ".join((value or "").split())
    if not name and kind in FundingKind.values:
        name = DEFAULT_NAMES[FundingKind(kind)] + (f" Desa {village.name}" if village else "")
    max_length = FundingSource._meta.get_field("name").max_length
    if len(name) > max_length:
        problems.add("name", f"Nama sumber dana paling panjang {max_length} huruf.")
    others = FundingSource.objects.filter(program=program, name__iexact=name)
    if name and others.exclude(pk=getattr(source, "pk", None)).exists():
        problems.add("name", f"Sumber dana bernama {name} sudah ada di program ini; beri nama lain.")
    return name


def _source_snapshot(source: FundingSource) -> dict:
    return {
        "kind": source.kind,
        "name": source.name,
        "amount": str(source.amount),
        "village": source.village_id,
        "occupations": list(source.occupations),
        "groups": list(source.groups),
        "note": source.note,
    }


def _diff(before: dict, after: dict) -> dict:
    return {key: [before[key], after[key]] for key in after if before.get(key) != after[key]}


def funding_source_delete(*, source: FundingSource, actor) -> None:
    """Remove a source a selection never used (a used one stays, for the record: set it to Rp0 instead)."""
    program = source.program
    require_planner(actor, program)
    with transaction.atomic():
        locked = lock_unfrozen(program)
        if SelectionEntry.objects.filter(source=source).exists():
            raise PlanningRefused(
                f"Sumber dana {source.name} sudah dipakai dalam perhitungan seleksi dan tetap tercatat; "
                "ubah jumlahnya menjadi Rp0 bila tidak dipakai lagi."
            )
        snapshot = _source_snapshot(source)
        pk = source.pk
        source.delete()
        detail = {"deleted": snapshot}
        audit("funding_source_delete", actor, object_type="funding_source", object_id=pk, program=locked, detail=detail)
