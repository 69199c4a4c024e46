from collections import Counter
from collections.abc import Callable

from django.db import transaction

from jaring.audit.services import audit_record

from .loader import RegionRow, region_rows
from .models import Region

BATCH = 5000


def regions_load(
    *, prefix: str | None = None, actor=None, progress: Callable[[int, int], None] | None = None
) -> Counter:
    """Insert or update the Kemendagri regions under ``prefix``; running it again changes nothing.

    Returns the number of regions per level. All or nothing: one transaction.
    """
    rows = region_rows(prefix)
    counts: Counter = Counter()
    with transaction.atomic():
        for start in range(0, len(rows), BATCH):
            chunk: list[RegionRow] = rows[start : start + BATCH]
            Region.objects.bulk_create(
                [
                    Region(code=r.code, name=r.name, level=r.level, kind=r.kind, parent_id=r.parent)
                    for r in chunk
                ],
                update_conflicts=True,
                unique_fields=["code"],
                update_fields=["name", "level", "kind", "parent"],
            )
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
