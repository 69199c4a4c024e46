"""Writes to the local civil-registry extract: loading a SIAK export, incrementally by extract date."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import polars as pl
from django.db import connection, transaction

from jaring.audit.services import audit_record
from jaring.bulk import CHUNK, LOOKUP_CHUNK, BulkTable
from jaring.regions.models import Region, RegionLevel

from .extract import FIELDS, ExtractRead, ExtractRefused, Problem, read_extract
from .models import CivilRecord

__all__ = ["ExtractRefused", "ImportSummary", "civil_extract_import"]

#: What a newer extract may change; the NIK is the key.
COMPARED = FIELDS[1:]
_REGION = ("district_code", "regency_code", "province_code")
_WRITTEN = (*FIELDS, "extract_date", *_REGION)


@dataclass(slots=True)
class ImportSummary:
    filename: str
    extract_date: date
    wet_run: bool
    rows_read: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    newer_in_system: int = 0
    duplicates_collapsed: int = 0
    problems: dict[str, Problem] = field(default_factory=dict)
    kind: str = ""
    encoding: str = ""
    separator: str = ""

    @property
    def rows_skipped(self) -> int:
        return sum(p.count for p in self.problems.values())

    def counts(self) -> dict:
        keys = ("rows_read", "new", "updated", "unchanged", "newer_in_system", "duplicates_collapsed")
        return {k: getattr(self, k) for k in keys} | {"skipped": {k: p.count for k, p in self.problems.items()}}


@dataclass(slots=True)
class _Plan:
    new: pl.DataFrame
    changed: pl.DataFrame
    refreshed: pl.Series  # NIKs whose data is unchanged but whose stored extract date is older
    unchanged: int
    newer: int


def civil_extract_import(
    *,
    path: Path,
    extract_date: date,
    actor,
    wet_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ImportSummary:
    """Load a SIAK export into the local extract: new NIKs inserted, older records updated.

    A record stored from a newer extract is never overwritten by an older file ("lebih baru di sistem").
    Unchanged records only take the newer extract date, so that a later file of an in-between date cannot
    overwrite what a newer extract confirmed. Records absent from the file are kept: an extract may cover
    one kecamatan. Without ``wet_run`` nothing is written and no audit row is left. Raises ExtractRefused.
    """
    path = Path(path)
    read = read_extract(path, reference_date=extract_date, villages=_village_codes())
    summary = _summary(path, extract_date, wet_run, read)
    with transaction.atomic(), connection.cursor() as cursor:
        plan = _plan(read.frame, _stored(cursor, read.frame["nik"]), extract_date)
        summary.new, summary.updated = plan.new.height, plan.changed.height
        summary.unchanged, summary.newer_in_system = plan.unchanged, plan.newer
        if wet_run:
            _write(cursor, plan, extract_date, progress)
            audit_record(
                actor=actor,
                action="civil.extract_import",
                object_type="civil_extract",
                object_id=path.name,
                detail={"extract_date": extract_date.isoformat(), **summary.counts()},
            )
    return summary


def _village_codes() -> set[str]:
    return set(Region.objects.filter(level=RegionLevel.VILLAGE).values_list("code", flat=True))


def _summary(path: Path, extract_date: date, wet_run: bool, read: ExtractRead) -> ImportSummary:
    return ImportSummary(
        filename=path.name,
        extract_date=extract_date,
        wet_run=wet_run,
        rows_read=read.rows_read,
        duplicates_collapsed=read.duplicates_collapsed,
        problems=read.problems,
        kind=read.kind,
        encoding=read.encoding,
        separator=read.separator,
    )


def _stored(cursor, niks: pl.Series) -> pl.DataFrame:
    """The stored records of these NIKs, typed like the file's frame."""
    table = BulkTable(CivilRecord)
    rows = list(table.lookup(cursor, "nik", niks.to_list(), (*COMPARED, "extract_date")))
    frame = pl.DataFrame(rows, schema=["nik", *COMPARED, "extract_date"], orient="row", infer_schema_length=None)
    # SQLite hands dates back as text and booleans as integers; PostgreSQL as dates and booleans.
    dates = ("birth_date", "death_date", "extract_date")
    return frame.with_columns(
        *(pl.col(f).cast(pl.String) for f in ("nik", *COMPARED) if f not in (*dates, "is_alive")),
        *(pl.col(f).cast(pl.String).str.slice(0, 10).str.to_date("%Y-%m-%d") for f in dates),
        pl.col("is_alive").cast(pl.Int8).cast(pl.Boolean),
    )


def _plan(incoming: pl.DataFrame, stored: pl.DataFrame, extract_date: date) -> _Plan:
    joined = incoming.join(stored, on="nik", how="left", suffix="_db")
    is_new = pl.col("extract_date").is_null()
    same = pl.all_horizontal(pl.col(f).eq_missing(pl.col(f"{f}_db")) for f in COMPARED)
    newer = pl.col("extract_date") > extract_date
    marked = joined.with_columns(is_new.alias("is_new"), (~is_new & same).alias("same"), newer.alias("newer"))
    existing = marked.filter(~pl.col("is_new"))
    return _Plan(
        new=marked.filter(pl.col("is_new")).select(FIELDS),
        changed=existing.filter(~pl.col("same") & ~pl.col("newer")).select(FIELDS),
        refreshed=existing.filter(pl.col("same") & (pl.col("extract_date") < extract_date))["nik"],
        unchanged=existing.filter(pl.col("same")).height,
        newer=existing.filter(~pl.col("same") & pl.col("newer")).height,
    )


def _write(cursor, plan: _Plan, extract_date: date, progress) -> None:
    total, done = plan.new.height + plan.changed.height + plan.refreshed.len(), 0
    inserts = BulkTable(CivilRecord, _WRITTEN)
    for rows in _chunks(plan.new, extract_date):
        inserts.rows.extend(rows)
        inserts.flush(cursor)
        done = _advance(progress, done + len(rows), total)
    for rows in _chunks(plan.changed, extract_date):
        _update(cursor, rows)
        done = _advance(progress, done + len(rows), total)
    for start in range(0, plan.refreshed.len(), LOOKUP_CHUNK):
        niks = plan.refreshed.slice(start, LOOKUP_CHUNK).to_list()
        _refresh(cursor, niks, extract_date)
        done = _advance(progress, done + len(niks), total)


def _refresh(cursor, niks: list[str], extract_date: date) -> None:
    """One statement per slice: a row-by-row UPDATE for the many unchanged records would dominate the load."""
    table = BulkTable(CivilRecord)
    head = f"UPDATE {table.name} SET {table.column('extract_date')} = %s WHERE {table.column('nik')}"
    if connection.vendor == "postgresql":
        cursor.execute(f"{head} = ANY(%s)", [extract_date, niks])
    else:
        cursor.execute(f"{head} IN ({', '.join(['%s'] * len(niks))})", [extract_date, *niks])


def _chunks(frame: pl.DataFrame, extract_date: date) -> Iterator[list[tuple]]:
    village = pl.col("village")
    full = frame.with_columns(
        pl.lit(extract_date).alias("extract_date"),
        village.str.slice(0, 8).alias("district_code"),
        village.str.slice(0, 5).alias("regency_code"),
        village.str.slice(0, 2).alias("province_code"),
    ).select(_WRITTEN)
    for start in range(0, full.height, CHUNK):
        yield full.slice(start, CHUNK).rows()


def _update(cursor, rows: list[tuple]) -> None:
    """Every written column of a record, by NIK (rows in _WRITTEN order, the NIK first)."""
    table = BulkTable(CivilRecord)
    assignments = ", ".join(f"{table.column(f)} = %s" for f in _WRITTEN[1:])
    cursor.executemany(
        f"UPDATE {table.name} SET {assignments} WHERE {table.column('nik')} = %s",
        [(*row[1:], row[0]) for row in rows],
    )


def _advance(progress, done: int, total: int) -> int:
    if progress:
        progress(done, total)
    return done
