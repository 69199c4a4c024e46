"""A program's quotas: at least and at most so many recipients in a kecamatan, a desa/kelurahan, a group."""

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

from django.db import transaction

from jaring.core.regioncodes import Level, level_of, parent_of, village_kind
from jaring.people.models import VulnerabilityGroup

from ...models import Program, Quota, QuotaKind
from ...selectors.planning import regions_of_regency
from .common import Problems, audit, label_id, lock_unfrozen, require_planner, whole


def quotas_replace(*, program: Program, rows: list[dict], actor) -> list[Quota]:
    """Make ``rows`` the program's quotas, all of them: a quota not in ``rows`` is removed.

    A row is ``{"kind": "village" | "district" | "group", "key": code, "minimum": n | None, "maximum": n | None}``;
    a row without a minimum or a maximum is no quota and is left out.
    """
    require_planner(actor, program)
    rows = [_quota_row(row) for row in rows]
    rows = [row for row in rows if row["minimum"] or row["maximum"] is not None]
    with transaction.atomic():
        locked = lock_unfrozen(program)
        regions = {r.code: r.name for r in regions_of_regency(locked.regency_id)}
        findings = _quota_findings(rows, regions)
        if findings:
            problems = Problems()
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
        audit("quotas_replace", actor, object_type="program", object_id=locked.pk, program=locked, detail=detail)
    return quotas


def _quota_row(row: Mapping) -> dict:
    def number(value):
        number = whole(value)
        return value if number is None and value not in (None, "") else number

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
    label = _quotalabel_id(kind, key, regions)
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


def _quotalabel_id(kind: str, key: str, regions: Mapping[str, str]) -> str:
    if kind == QuotaKind.GROUP:
        return f"kelompok {label_id(VulnerabilityGroup, key)}"
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
