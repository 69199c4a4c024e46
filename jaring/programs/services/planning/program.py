"""A program's period, declared income, package, sector and priority weights."""

from collections.abc import Mapping
from decimal import Decimal

from django.db import transaction

from jaring.people.models import CoverageSegment, Occupation, VulnerabilityGroup

from ...models import Program, ProgramSector
from .common import (
    INCOME_CEILING,
    WEIGHT_MAX,
    Problems,
    amount_problem,
    audit,
    decimal_or_none,
    label_id,
    lock_unfrozen,
    plain,
    require_planner,
    whole,
)

PROGRAM_FIELDS = (
    "start_month",
    "months",
    "declared_income",
    "include_jht",
    "include_jp",
    "risk_class",
    "pays_worker_share",
    "sector",
    "priority",
)


def program_update(*, program: Program, data: dict, actor) -> Program:
    """Change the period, declared income, package, sector and priority weights of a program.

    ``data`` holds any of ``PROGRAM_FIELDS``; ``priority`` is ``{"decile", "carry_over", "age", "groups":
    {code: w}, "occupations": {code: w}}`` and is stored without its zero weights.
    """
    require_planner(actor, program)
    with transaction.atomic():
        locked = lock_unfrozen(program)
        values = _program_values(locked, data)
        changed = {
            name: [plain(getattr(locked, name)), plain(value)]
            for name, value in values.items()
            if getattr(locked, name) != value
        }
        for name, value in values.items():
            setattr(locked, name, value)
        locked.save()
        detail = {"changed": changed}
        audit("program_update", actor, object_type="program", object_id=locked.pk, program=locked, detail=detail)
    return locked


def _program_values(program: Program, data: dict) -> dict:
    """The checked values of ``data`` (only the fields it names); PlanningRefused with every problem at once."""
    problems = Problems()
    values = {name: data[name] for name in PROGRAM_FIELDS if name in data}
    for name in ("start_month", "months"):
        if name in values:
            values[name] = _month_field(name, values[name], problems)
    _check_year(values.get("start_month", program.start_month), values.get("months", program.months), problems)
    if "declared_income" in values:
        values["declared_income"] = _income(values["declared_income"], problems)
    for name in ("include_jht", "include_jp", "pays_worker_share"):
        if name in values:
            values[name] = bool(values[name])
    _check_package(program, values, problems)
    if "sector" in values and values["sector"] not in ProgramSector.values:
        problems.add("sector", "Pilih sektor: transportasi atau non-transportasi.")
    if "priority" in values:
        values["priority"] = _priority(values["priority"], problems)
    problems.raise_any()
    return values


def _month_field(name: str, value, problems: Problems) -> int | None:
    number = whole(value)
    if number is None or not 1 <= number <= 12:
        what = "Bulan mulai" if name == "start_month" else "Jumlah bulan"
        problems.add(name, f"{what} harus antara 1 dan 12.")
        return None
    return number


def _check_year(start: int | None, months: int | None, problems: Problems) -> None:
    """A program pays from one budget year (UU 17/2003 Pasal 4: tahun anggaran 1 Januari–31 Desember)."""
    if start and months and start + months - 1 > 12:
        problems.add(
            "months",
            f"Mulai bulan ke-{start} selama {months} bulan melewati Desember; "
            f"satu tahun anggaran paling banyak {13 - start} bulan dari bulan mulai itu.",
        )


def _income(value, problems: Problems) -> Decimal | None:
    income = decimal_or_none(value)
    if income is not None and income <= 0:
        problem = "Penghasilan yang dilaporkan harus lebih dari Rp0."
    else:
        problem = amount_problem(income, "penghasilan yang dilaporkan", INCOME_CEILING)
    if problem:
        problems.add("declared_income", problem)
        return None
    return income


def _check_package(program: Program, values: dict, problems: Problems) -> None:
    """JP, the JKK risk class and the worker's share belong to wage earners (PU) only."""
    if program.segment != CoverageSegment.PU:
        if values.get("include_jp"):
            problems.add("include_jp", "JP hanya untuk peserta penerima upah (PU).")
        if values.get("pays_worker_share"):
            problems.add("pays_worker_share", "Iuran bagian pekerja hanya ada pada peserta penerima upah (PU).")
    if "risk_class" in values:
        risk = whole(values["risk_class"])
        if risk is None or not 1 <= risk <= 5:
            problems.add("risk_class", "Kelas risiko JKK harus antara 1 dan 5.")
        values["risk_class"] = risk


def _priority(raw, problems: Problems) -> dict:
    """The weights, non-zero ones only; each a whole number 0–WEIGHT_MAX of a known group or occupation."""
    raw = raw or {}
    if not isinstance(raw, Mapping):
        problems.add("priority", "Bobot prioritas tidak terbaca.")
        return {}
    result: dict = {}
    names = {"decile": "desil", "carry_over": "penerima tahun lalu", "age": "usia"}
    for key, name in names.items():
        weight = _weight(raw.get(key), f"priority_{key}", f"Bobot {name}", problems)
        if weight:
            result[key] = weight
    for key, choices, what in (("groups", VulnerabilityGroup, "Kelompok"), ("occupations", Occupation, "Pekerjaan")):
        weights = _coded_weights(raw.get(key) or {}, key, choices, what, problems)
        if weights:
            result[key] = weights
    return result


def _coded_weights(raw: Mapping, key: str, choices, what: str, problems: Problems) -> dict[str, int]:
    weights = {}
    singular = key.removesuffix("s")
    for code, value in raw.items():
        if code not in choices.values:
            problems.add("priority", f"{what} tidak dikenal: {code}.")
            continue
        weight = _weight(value, f"priority_{singular}_{code}", f"Bobot {label_id(choices, code)}", problems)
        if weight:
            weights[code] = weight
    return weights


def _weight(value, key: str, name: str, problems: Problems) -> int:
    if value is None or value == "":
        return 0
    weight = whole(value)
    if weight is None or not 0 <= weight <= WEIGHT_MAX:
        problems.add(key, f"{name} harus bilangan bulat 0 sampai {WEIGHT_MAX}.")
        return 0
    return weight
