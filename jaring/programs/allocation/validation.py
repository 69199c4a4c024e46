"""Inputs the allocation refuses, each problem told in Bahasa Indonesia for the budget planner who typed it."""

from collections import Counter
from collections.abc import Sequence

import polars as pl

from .contract import CANDIDATE_SCHEMA, QUOTA_KINDS, SOURCE_PREFERENCE, Quota, Source

#: Rp10 trillion: more than any regency's whole APBD. A guard against typing errors (a few zeros too many),
#: not a rule from any regulation; a real budget above it is a reason to raise it.
BUDGET_CEILING = 10_000_000_000_000


def rupiah(amount: int) -> str:
    """``1200000000`` → ``"Rp1.200.000.000"`` (the Indonesian thousands separator)."""
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp{abs(amount):,}".replace(",", ".")


def validate(sources: Sequence[Source], quotas: Sequence[Quota]) -> list[str]:
    """Every problem with the sources and quotas, in Bahasa Indonesia; an empty list when there is none."""
    return _source_problems(sources) + _quota_problems(quotas)


def _source_problems(sources: Sequence[Source]) -> list[str]:
    problems = []
    for source in sources:
        label = f"Sumber dana {source.name or source.key}"
        if source.kind not in SOURCE_PREFERENCE:
            known = ", ".join(SOURCE_PREFERENCE)
            problems.append(f"{label}: jenis {source.kind!r} tidak dikenal (yang dikenal: {known}).")
        if source.budget < 0:
            problems.append(f"{label}: anggaran tidak boleh negatif ({rupiah(source.budget)}).")
        elif source.budget > BUDGET_CEILING:
            problems.append(
                f"{label}: anggaran {rupiah(source.budget)} melebihi batas kewajaran {rupiah(BUDGET_CEILING)};"
                " periksa apakah ada salah ketik."
            )
        if source.cost <= 0:
            problems.append(f"{label}: biaya per orang harus lebih dari nol ({rupiah(source.cost)}).")
        if source.kind == "apbdes" and not source.village:
            problems.append(f"{label}: APBDes harus menyebut desa yang membiayainya.")
    for key, times in Counter(s.key for s in sources).items():
        if times > 1:
            problems.append(f"Kunci sumber dana {key!r} dipakai {times} kali; setiap sumber dana butuh kunci sendiri.")
    return problems


def _quota_problems(quotas: Sequence[Quota]) -> list[str]:
    problems = []
    for quota in quotas:
        label = f"Kuota {quota.name or quota.label}"
        if quota.kind not in QUOTA_KINDS:
            problems.append(f"{label}: jenis {quota.kind!r} tidak dikenal (yang dikenal: {', '.join(QUOTA_KINDS)}).")
        if quota.minimum < 0:
            problems.append(f"{label}: minimal tidak boleh negatif ({quota.minimum}).")
        if quota.maximum is not None and quota.maximum < quota.minimum:
            problems.append(f"{label}: maksimal {quota.maximum} lebih kecil dari minimal {quota.minimum}.")
    for (kind, key), times in Counter((q.kind, q.key) for q in quotas).items():
        if times > 1:
            problems.append(f"Kuota {kind} {key!r} ditulis {times} kali; tulis sekali saja.")
    return problems + _nesting_problems(quotas)


def _nesting_problems(quotas: Sequence[Quota]) -> list[str]:
    """Village minimums inside a district (its code is the village code's prefix) must fit its maximum."""
    problems = []
    villages = [q for q in quotas if q.kind == "village" and q.minimum > 0]
    for district in quotas:
        if district.kind != "district" or district.maximum is None:
            continue
        inside = [v for v in villages if v.key.startswith(district.key + ".")]
        total = sum(v.minimum for v in inside)
        if total > district.maximum:
            problems.append(
                f"Kuota minimal desa di {district.name} berjumlah {total} ({len(inside)} desa), melebihi kuota"
                f" maksimal {district.name} ({district.maximum}); turunkan minimal desa atau naikkan maksimalnya."
            )
    return problems


def validate_candidates(candidates: pl.DataFrame) -> list[str]:
    """Missing columns and duplicate or empty ids, in Bahasa Indonesia; an empty list when there is none."""
    missing = [name for name in CANDIDATE_SCHEMA if name not in candidates.columns]
    if missing:
        return [f"Data calon tidak punya kolom: {', '.join(missing)}."]
    problems = [
        f"Kolom {name} tidak bisa dibaca sebagai {dtype}."
        for name, dtype in CANDIDATE_SCHEMA.items()
        if not _castable(candidates[name], dtype)
    ]
    if problems:
        return problems
    if candidates["id"].null_count():
        problems.append(f"Kolom id kosong pada {candidates['id'].null_count()} calon; setiap calon butuh id.")
    if candidates["id"].n_unique() == candidates.height:
        return problems
    duplicated = candidates.filter(pl.col("id").is_duplicated())["id"].drop_nulls().unique().sort()
    if len(duplicated):
        shown = ", ".join(str(i) for i in duplicated.head(10).to_list())
        more = f" dan {len(duplicated) - 10} lainnya" if len(duplicated) > 10 else ""
        problems.append(f"Kolom id memuat nilai ganda: {shown}{more}; setiap calon butuh id sendiri.")
    return problems


def _castable(column: pl.Series, dtype: pl.DataType) -> bool:
    try:
        column.cast(dtype, strict=True)
    except (pl.exceptions.InvalidOperationError, pl.exceptions.ComputeError):
        return False
    return True
