"""Writes of a program's plan (issue #5): period, package and priority weights; funding sources; quotas.

Only a planner (perencana anggaran) of the program's regency writes them. Each write checks everything first and
then saves in one transaction with one audit row, so a refused request saves nothing; each is refused once a
selection of the program is approved, because that selection froze the budgets and quotas it rested on.
Messages are in Bahasa Indonesia; ``PlanningRefused.errors`` says which input each one is about.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import translation
from lokal import format_rupiah

from jaring.accounts.scoping import can_plan
from jaring.audit.services import audit_record
from jaring.core.regioncodes import Level, contains, level_of, parent_of, village_kind
from jaring.people.models import CoverageSegment, Occupation, VulnerabilityGroup
from jaring.regions.models import Region

from ..lifecycle import SelectionStatus
from ..models import FundingKind, FundingSource, Program, ProgramSector, Quota, QuotaKind, Selection, SelectionEntry
from ..selectors.planning import regions_of_regency

#: A guard against a typed extra zero, not a regulation: no funding source of a regency comes near
#: Rp10.000.000.000.000 (ten trillion, more than the whole APBD of Indonesia's largest regency).
AMOUNT_CEILING = Decimal(10_000_000_000_000)
#: The same kind of typo guard for the declared income or wage of one person a month.
INCOME_CEILING = Decimal(100_000_000)
#: Priority weights are small whole numbers; the allocation adds them up into a score.
WEIGHT_MAX = 100
#: What a DBHCHT source pays for when the planner names nobody (PMK on DBHCHT: tobacco farmers and workers).
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
FROZEN = "Seleksi program ini sudah disetujui; anggaran dan kuota dibekukan."
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
SOURCE_FIELDS = ("kind", "name", "amount", "village", "occupations", "groups", "note")


class PlanningRefused(ValueError):
    """A plan the services refuse. ``errors`` maps an input (a key of ``data``, a priority weight such as
    ``priority_group_lansia``, a quota row ``village:35.03.01.2001``, or ``""`` for the whole) to its messages."""

    def __init__(self, errors: dict[str, list[str]] | str):
        self.errors = {"": [errors]} if isinstance(errors, str) else errors
        super().__init__(" ".join(message for messages in self.errors.values() for message in messages))


class _Problems(defaultdict):
    def __init__(self):
        super().__init__(list)

    def add(self, key: str, message: str) -> None:
        self[key].append(message)

    def raise_any(self) -> None:
        if self:
            raise PlanningRefused(dict(self))


# --- shared -------------------------------------------------------------------------------------------------------


def _require_planner(actor, program: Program) -> None:
    """Only a planner whose scope holds the program's regency; ``None`` is the system (command, demo)."""
    if actor is None:
        return
    scope = actor.scope_code
    if not can_plan(actor) or (scope is not None and not contains(scope, program.regency_id)):
        raise PlanningRefused("Anda tidak berwenang mengubah rencana program ini.")


def _lock_unfrozen(program: Program) -> Program:
    """The program row, locked until the transaction ends; refused once one of its selections is approved."""
    locked = Program.objects.select_for_update().get(pk=program.pk)
    if Selection.objects.filter(program=locked, status=SelectionStatus.APPROVED).exists():
        raise PlanningRefused(FROZEN)
    return locked


def _audit(action: str, actor, *, object_type: str, object_id, program: Program, detail: dict) -> None:
    audit_record(
        actor=actor,
        action=f"programs.{action}",
        object_type=object_type,
        object_id=object_id,
        region_code=program.regency_id,
        detail={"program": program.code, **detail},
    )


def rupiah(amount) -> str:
    """``Rp1.200.000.000``, as messages and the audit show amounts."""
    return format_rupiah(int(amount))


def _label(choices, value: str) -> str:
    """A choice's label in Bahasa Indonesia (messages are Indonesian whatever the page's language)."""
    with translation.override("id"):
        return str(choices(value).label)


def _whole(value) -> int | None:
    """An int from an int or a string of digits; None for anything else (bools included)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return int(value)
    return None


def _decimal(value) -> Decimal | None:
    if isinstance(value, bool) or value is None or value == "":
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _plain(value):
    """A value as the audit row's JSON keeps it."""
    return str(value) if isinstance(value, Decimal) else value


def _amount_problem(amount: Decimal | None, what: str, ceiling: Decimal) -> str | None:
    if amount is None:
        return f"Tulis {what} dalam rupiah, misalnya 1.200.000.000."
    if amount < 0:
        return f"{what.capitalize()} tidak boleh negatif."
    if amount != amount.to_integral_value():
        return f"{what.capitalize()} harus dalam rupiah penuh, tanpa sen."
    if amount > ceiling:
        return (
            f"{what.capitalize()} {rupiah(amount)} tidak masuk akal (lebih dari {rupiah(ceiling)}); "
            "periksa jumlah angka nolnya."
        )
    return None


# --- program settings ---------------------------------------------------------------------------------------------


def program_update(*, program: Program, data: dict, actor) -> Program:
    """Change the period, declared income, package, sector and priority weights of a program.

    ``data`` holds any of ``PROGRAM_FIELDS``; ``priority`` is ``{"decile", "carry_over", "age", "groups":
    {code: w}, "occupations": {code: w}}`` and is stored without its zero weights.
    """
    _require_planner(actor, program)
    with transaction.atomic():
        locked = _lock_unfrozen(program)
        values = _program_values(locked, data)
        changed = {
            name: [_plain(getattr(locked, name)), _plain(value)]
            for name, value in values.items()
            if getattr(locked, name) != value
        }
        for name, value in values.items():
            setattr(locked, name, value)
        locked.save()
        detail = {"changed": changed}
        _audit("program_update", actor, object_type="program", object_id=locked.pk, program=locked, detail=detail)
    return locked


def _program_values(program: Program, data: dict) -> dict:
    """The checked values of ``data`` (only the fields it names); PlanningRefused with every problem at once."""
    problems = _Problems()
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


def _month_field(name: str, value, problems: _Problems) -> int | None:
    number = _whole(value)
    if number is None or not 1 <= number <= 12:
        what = "Bulan mulai" if name == "start_month" else "Jumlah bulan"
        problems.add(name, f"{what} harus antara 1 dan 12.")
        return None
    return number


def _check_year(start: int | None, months: int | None, problems: _Problems) -> None:
    """A program pays from one budget year (UU 17/2003 Pasal 4: tahun anggaran 1 Januari–31 Desember)."""
    if start and months and start + months - 1 > 12:
        problems.add(
            "months",
            f"Mulai bulan ke-{start} selama {months} bulan melewati Desember; "
            f"satu tahun anggaran paling banyak {13 - start} bulan dari bulan mulai itu.",
        )


def _income(value, problems: _Problems) -> Decimal | None:
    income = _decimal(value)
    if income is not None and income <= 0:
        problem = "Penghasilan yang dilaporkan harus lebih dari Rp0."
    else:
        problem = _amount_problem(income, "penghasilan yang dilaporkan", INCOME_CEILING)
    if problem:
        problems.add("declared_income", problem)
        return None
    return income


def _check_package(program: Program, values: dict, problems: _Problems) -> None:
    """JP, the JKK risk class and the worker's share belong to wage earners (PU) only."""
    if program.segment != CoverageSegment.PU:
        if values.get("include_jp"):
            problems.add("include_jp", "JP hanya untuk peserta penerima upah (PU).")
        if values.get("pays_worker_share"):
            problems.add("pays_worker_share", "Iuran bagian pekerja hanya ada pada peserta penerima upah (PU).")
    if "risk_class" in values:
        risk = _whole(values["risk_class"])
        if risk is None or not 1 <= risk <= 5:
            problems.add("risk_class", "Kelas risiko JKK harus antara 1 dan 5.")
        values["risk_class"] = risk


def _priority(raw, problems: _Problems) -> dict:
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


def _coded_weights(raw: Mapping, key: str, choices, what: str, problems: _Problems) -> dict[str, int]:
    weights = {}
    singular = key.removesuffix("s")
    for code, value in raw.items():
        if code not in choices.values:
            problems.add("priority", f"{what} tidak dikenal: {code}.")
            continue
        weight = _weight(value, f"priority_{singular}_{code}", f"Bobot {_label(choices, code)}", problems)
        if weight:
            weights[code] = weight
    return weights


def _weight(value, key: str, name: str, problems: _Problems) -> int:
    if value is None or value == "":
        return 0
    weight = _whole(value)
    if weight is None or not 0 <= weight <= WEIGHT_MAX:
        problems.add(key, f"{name} harus bilangan bulat 0 sampai {WEIGHT_MAX}.")
        return 0
    return weight


# --- funding sources ----------------------------------------------------------------------------------------------


def funding_source_save(*, program: Program, source: FundingSource | None = None, data: dict, actor) -> FundingSource:
    """Add a funding source to ``program`` (``source`` None) or change one of its sources.

    ``data``: ``kind``, ``name`` (empty: a default), ``amount`` (whole rupiah), ``village`` (a desa code; APBDes
    only, and required there: an APBDes pays for its own residents only), ``occupations`` and ``groups`` (codes;
    a DBHCHT source with none pays for tobacco farmers and workers), ``note``.
    """
    _require_planner(actor, program)
    if source is not None and source.program_id != program.pk:
        raise PlanningRefused("Sumber dana ini bukan milik program ini.")
    with transaction.atomic():
        locked = _lock_unfrozen(program)
        values = _source_values(locked, source, data)
        before = _source_snapshot(source) if source else None
        source = source or FundingSource(program=locked)
        for name, value in values.items():
            setattr(source, name, value)
        source.save()
        after = _source_snapshot(source)
        detail = {"created": after} if before is None else {"changed": _diff(before, after)}
        _audit(
            "funding_source_save",
            actor,
            object_type="funding_source",
            object_id=source.pk,
            program=locked,
            detail=detail,
        )
    return source


def _source_values(program: Program, source: FundingSource | None, data: dict) -> dict:
    problems = _Problems()
    kind = data.get("kind") or ""
    if kind not in FundingKind.values:
        problems.add("kind", "Pilih jenis sumber dana.")
    amount = _decimal(data.get("amount"))
    problem = _amount_problem(amount, "jumlah anggaran", AMOUNT_CEILING)
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


def _source_village(program: Program, kind: str, value, problems: _Problems) -> Region | None:
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


def _codes(value, choices, key: str, what: str, problems: _Problems) -> list[str]:
    codes = [code for code in (value or []) if code]
    unknown = [code for code in codes if code not in choices.values]
    if unknown:
        problems.add(key, f"{what} tidak dikenal: {', '.join(unknown)}.")
    return [code for code in choices.values if code in codes]  # the order of the vocabulary, no repeats


def _source_name(program, source, kind: str, village: Region | None, value, problems: _Problems) -> str:
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
    _require_planner(actor, program)
    with transaction.atomic():
        locked = _lock_unfrozen(program)
        if SelectionEntry.objects.filter(source=source).exists():
            raise PlanningRefused(
                f"Sumber dana {source.name} sudah dipakai dalam perhitungan seleksi dan tetap tercatat; "
                "ubah jumlahnya menjadi Rp0 bila tidak dipakai lagi."
            )
        snapshot = _source_snapshot(source)
        pk = source.pk
        source.delete()
        detail = {"deleted": snapshot}
        _audit(
            "funding_source_delete", actor, object_type="funding_source", object_id=pk, program=locked, detail=detail
        )


# --- quotas -------------------------------------------------------------------------------------------------------


def quotas_replace(*, program: Program, rows: list[dict], actor) -> list[Quota]:
    """Make ``rows`` the program's quotas, all of them: a quota not in ``rows`` is removed.

    A row is ``{"kind": "village" | "district" | "group", "key": code, "minimum": n | None, "maximum": n | None}``;
    a row without a minimum or a maximum is no quota and is left out.
    """
    _require_planner(actor, program)
    rows = [_quota_row(row) for row in rows]
    rows = [row for row in rows if row["minimum"] or row["maximum"] is not None]
    with transaction.atomic():
        locked = _lock_unfrozen(program)
        regions = {r.code: r.name for r in regions_of_regency(locked.regency_id)}
        findings = _quota_findings(rows, regions)
        if findings:
            problems = _Problems()
            for key, message in findings:
                problems.add(key, message)
            problems.raise_any()
        before = {f"{q.kind}:{q.key}": [q.minimum, q.maximum] for q in Quota.objects.filter(program=locked)}
        Quota.objects.filter(program=locked).delete()
        quotas = Quota.objects.bulk_create(Quota(program=locked, **row) for row in rows)
        after = {f"{q.kind}:{q.key}": [q.minimum, q.maximum] for q in quotas}
        detail = {
            "set": {key: value for key, value in after.items() if before.get(key) != value},
            "removed": sorted(set(before) - set(after)),
            "count": len(after),
        }
        _audit("quotas_replace", actor, object_type="program", object_id=locked.pk, program=locked, detail=detail)
    return quotas


def _quota_row(row: Mapping) -> dict:
    def number(value):
        whole = _whole(value)
        return value if whole is None and value not in (None, "") else whole

    return {
        "kind": row.get("kind") or "",
        "key": (row.get("key") or "").strip(),
        "minimum": number(row.get("minimum")) or 0,
        "maximum": number(row.get("maximum")),
    }


def quota_problems(rows: Iterable[Mapping], regions: Mapping[str, str] | Iterable) -> list[str]:
    """Every problem of a set of quotas, in Bahasa Indonesia; an empty list when they can all be met together.

    ``rows`` as ``quotas_replace`` takes them; ``regions``: the kecamatan and desa/kelurahan of the regency,
    as ``{code: name}`` or as objects with ``code`` and ``name``. Checks each row (a known desa, kecamatan or
    group; whole numbers not below zero; minimum not above maximum; no row twice) and the rows together (the
    village minimums of a kecamatan within its maximum; a kecamatan minimum its villages' maximums can reach).
    """
    if not isinstance(regions, Mapping):
        regions = {region.code: region.name for region in regions}
    return [message for _key, message in _quota_findings([_quota_row(row) for row in rows], regions)]


def _quota_findings(rows: list[dict], regions: Mapping[str, str]) -> list[tuple[str, str]]:
    """(row key such as ``village:35.03.01.2001``, message) for every problem."""
    findings = []
    counts = Counter((row["kind"], row["key"]) for row in rows)
    for row in rows:
        key = f"{row['kind']}:{row['key']}"
        findings.extend((key, message) for message in _row_problems(row, regions, counts))
    valid = [row for row in rows if not _row_problems(row, regions, counts)]
    findings.extend(_district_findings(valid, regions))
    return findings


def _row_problems(row: dict, regions: Mapping[str, str], counts: Counter) -> list[str]:
    kind, key, minimum, maximum = row["kind"], row["key"], row["minimum"], row["maximum"]
    problem = _key_problem(kind, key, regions)
    if problem:
        return [problem]
    label = _quota_label(kind, key, regions)
    if not isinstance(minimum, int) or (maximum is not None and not isinstance(maximum, int)):
        return [f"Kuota {label}: minimum dan maksimum harus bilangan bulat."]
    if minimum < 0 or (maximum is not None and maximum < 0):
        return [f"Kuota {label}: minimum dan maksimum tidak boleh negatif."]
    problems = []
    if maximum is not None and minimum > maximum:
        problems.append(f"Kuota {label}: minimum {minimum} lebih besar dari maksimum {maximum}.")
    if counts[(kind, key)] > 1:
        problems.append(f"Kuota {label} tertulis lebih dari sekali.")
    return problems


def _key_problem(kind: str, key: str, regions: Mapping[str, str]) -> str | None:
    if kind == QuotaKind.GROUP:
        return None if key in VulnerabilityGroup.values else f"Kelompok {key} tidak dikenal."
    if kind not in QuotaKind.values:
        return f"Jenis kuota tidak dikenal: {kind}."
    level = Level.VILLAGE if kind == QuotaKind.VILLAGE else Level.DISTRICT
    if key in regions and key.count(".") + 1 == level:
        return None
    what = "desa/kelurahan" if level == Level.VILLAGE else "kecamatan"
    return f"{key} bukan {what} di kabupaten program ini."


def _quota_label(kind: str, key: str, regions: Mapping[str, str]) -> str:
    if kind == QuotaKind.GROUP:
        return f"kelompok {_label(VulnerabilityGroup, key)}"
    if kind == QuotaKind.DISTRICT:
        return f"Kecamatan {regions[key]}"
    return f"{village_kind(key).replace('_', ' ').capitalize()} {regions[key]}"


def _district_findings(rows: list[dict], regions: Mapping[str, str]) -> list[tuple[str, str]]:
    """A kecamatan's quota against the quotas of its desa/kelurahan."""
    villages = defaultdict(list)
    for row in rows:
        if row["kind"] == QuotaKind.VILLAGE:
            villages[parent_of(row["key"])].append(row)
    all_villages = Counter(parent_of(code) for code in regions if level_of(code) == Level.VILLAGE)
    findings = []
    for row in rows:
        if row["kind"] != QuotaKind.DISTRICT:
            continue
        code, name, inside = row["key"], regions[row["key"]], villages[row["key"]]
        minimums = sum(v["minimum"] for v in inside)
        if row["maximum"] is not None and minimums > row["maximum"]:
            message = (
                f"Kecamatan {name}: jumlah minimum desa/kelurahannya {minimums} melebihi maksimum kecamatan "
                f"{row['maximum']}."
            )
            findings.append((f"district:{code}", message))
        capped = [v for v in inside if v["maximum"] is not None]
        maximums = sum(v["maximum"] for v in capped)
        if capped and len(capped) == all_villages[code] and maximums < row["minimum"]:
            message = (
                f"Kecamatan {name}: minimum {row['minimum']} tidak bisa tercapai; jumlah maksimum "
                f"desa/kelurahannya hanya {maximums}."
            )
            findings.append((f"district:{code}", message))
    return findings
