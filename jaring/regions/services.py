from collections import Counter
from collections.abc import Callable

from django.db import connection, transaction

from jaring.audit.services import audit_record

from .crosswalk import parse_crosswalk
from .loader import RegionRow, region_rows
from .models import BpsCrosswalk, Region

BATCH = 5000


def regions_load(
    *, prefix: str | None = None, actor=None, progress: Callable[[int, int], None] | None = None
) -> Counter:
    """Insert or update the Kemendagri regions under ``prefix``; running it again changes nothing.

    Returns the number of regions per level. All or nothing: one transaction.
    """
    rows = region_rows(prefix)
    counts: Counter = Counter()
    # A plain upsert (SQLite and PostgreSQL share its syntax): model instances and bulk_create took three times
    # as long for the 91,599 rows every new demo and every fresh install loads.
    table = connection.ops.quote_name(Region._meta.db_table)
    sql = (
        f"INSERT INTO {table} (code, name, level, kind, parent_id) VALUES (%s, %s, %s, %s, %s) "
        "ON CONFLICT (code) DO UPDATE SET name = excluded.name, level = excluded.level, kind = excluded.kind, "
        "parent_id = excluded.parent_id"
    )
    with transaction.atomic():
        with connection.cursor() as cursor:
            for start in range(0, len(rows), BATCH):
                chunk: list[RegionRow] = rows[start : start + BATCH]
                cursor.executemany(sql, [(r.code, r.name, r.level, r.kind, r.parent) for r in chunk])
                counts.update(r.level for r in chunk)
                if progress:
                    progress(min(start + BATCH, len(rows)), len(rows))
        audit_record(
            actor=actor,
            action="regions.load",
            object_type="region",
            object_id=prefix or "*",
            detail={"per_level": {str(k): v for k, v in sorted(counts.items())}},
        )
    return counts


class CrosswalkError(ValueError):
    """The file has problems; nothing was written. ``problems`` lists them row by row."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def crosswalk_load(*, data: bytes, source_name: str, actor=None) -> int:
    """Replace-or-add every row of a BPS → Kemendagri crosswalk CSV; all rows or none.

    Kemendagri codes must exist in the region table, so load the regions first.
    """
    parsed = parse_crosswalk(data)
    problems = list(parsed.errors)
    known = set(Region.objects.filter(code__in={r.kemendagri_code for r in parsed.rows}).values_list("code", flat=True))
    problems += [
        f"kode Kemendagri {r.kemendagri_code} (BPS {r.bps_code}) tidak ada di tabel wilayah; "
        "muat wilayahnya dulu dengan `jaring load-regions`."
        for r in parsed.rows
        if r.kemendagri_code not in known
    ]
    if not parsed.rows and not problems:
        problems.append("Berkas tidak berisi baris data.")
    if problems:
        raise CrosswalkError(problems)
    with transaction.atomic():
        BpsCrosswalk.objects.bulk_create(
            [
                BpsCrosswalk(
                    bps_code=r.bps_code, kemendagri_code=r.kemendagri_code, name=r.name, source=r.source or source_name
                )
                for r in parsed.rows
            ],
            update_conflicts=True,
            unique_fields=["bps_code"],
            update_fields=["kemendagri_code", "name", "source"],
        )
        audit_record(
            actor=actor,
            action="regions.crosswalk_load",
            object_type="bps_crosswalk",
            object_id=source_name,
            detail={"rows": len(parsed.rows)},
        )
    return len(parsed.rows)


def bps_to_kemendagri(bps_code: str) -> str | None:
    """The Kemendagri code for a BPS code, or None when the crosswalk does not know it."""
    return BpsCrosswalk.objects.filter(bps_code=bps_code).values_list("kemendagri_code", flat=True).first()
