"""Name search on PostgreSQL through a trigram index (pg_trgm).

``full_name__icontains`` becomes ``UPPER(full_name::text) LIKE UPPER('%…%')``; a GIN trigram index on that
expression answers it without scanning the table (Trenggalek, 580,000 people: 207 ms → 62 ms median,
benchmarks/bench_people_list.py). SQLite has no such index and scans (about 100 ms there). When the
database user may not create the extension, the index is skipped with a warning and search still works.
"""

import warnings

from django.db import migrations, transaction
from django.db.utils import DatabaseError

INDEX = "person_name_trgm_idx"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DatabaseError as exc:
        warnings.warn(f"pg_trgm unavailable, name search will scan the table: {exc}", stacklevel=1)
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON people_person USING gin (UPPER(full_name::text) gin_trgm_ops)"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]
    operations = [migrations.RunPython(create, drop, elidable=False)]
