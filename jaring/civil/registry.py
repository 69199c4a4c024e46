"""The local civil-registry extract as a Polars frame, in the shape the matching engine reads."""

from collections.abc import Sequence

import polars as pl
from django.db import connection

from jaring.bulk import BulkTable

from .models import CivilRecord

#: Columns of the frame, in this order (see jaring.verification.engine for their meaning).
SCHEMA = {
    "nik": pl.Utf8,
    "full_name": pl.Utf8,
    "birth_date": pl.Date,
    "sex": pl.Utf8,
    "village": pl.Utf8,
    "is_alive": pl.Boolean,
    "death_date": pl.Date,
}
_FIELDS = ("full_name", "birth_date", "sex", "village", "is_alive", "death_date")


def registry_frame(regency_code: str, extra_niks: Sequence[str] = ()) -> pl.DataFrame:
    """Residents of the regency, plus the records of ``extra_niks`` wherever they live (movers away)."""
    table = BulkTable(CivilRecord)
    selected = ", ".join(table.column(f) for f in ("nik", *_FIELDS))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {selected} FROM {table.name} WHERE {table.column('regency_code')} = %s", [regency_code])
        rows = cursor.fetchall()
        outside = [r for r in table.lookup(cursor, "nik", list(extra_niks), _FIELDS) if not _inside(r, regency_code)]
    frame = pl.DataFrame(rows + outside, schema=list(SCHEMA), orient="row", infer_schema_length=None)
    # SQLite hands dates back as text and booleans as integers.
    for name in ("birth_date", "death_date"):
        if frame[name].dtype == pl.Utf8:
            frame = frame.with_columns(pl.col(name).str.to_date("%Y-%m-%d", strict=False))
    return frame.cast(SCHEMA)


def _inside(row: tuple, regency_code: str) -> bool:
    return (row[4] or "").startswith(regency_code + ".")
