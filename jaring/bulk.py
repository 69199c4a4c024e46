"""Rows straight into a table, for the writes the ORM makes slow: ``executemany`` on SQLite, ``COPY`` on
PostgreSQL.

``bulk_create`` builds a model instance per row and converts every field through it; at a regency's size
(100,000 rows of an upload, 750,000 residents of a synthetic extract) that is most of the time spent.
Table and column names come from the model's ``_meta``; callers pass values already in database form
(JSON as text, dates, aware datetimes). Call inside ``transaction.atomic()``: nothing here commits.
"""

import json
from collections.abc import Iterable, Sequence

from django.db import connection
from django.db.models import Model

#: Rows per executemany call; COPY streams without a limit.
CHUNK = 10_000
#: Parameters per lookup query: under SQLite's default limit of 32,766 on builds that keep it.
LOOKUP_CHUNK = 10_000


def as_json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class BulkTable:
    """One model's table by its real names, with rows buffered for the database's fastest bulk path."""

    def __init__(self, model: type[Model], fields: Sequence[str] = ()):
        self.opts = model._meta
        self.name = connection.ops.quote_name(self.opts.db_table)
        self.columns = ", ".join(self.column(f) for f in fields)
        self.width = len(fields)
        self.rows: list[tuple] = []

    def column(self, field: str) -> str:
        return connection.ops.quote_name(self.opts.get_field(field).column)

    def add(self, rows: Iterable[tuple], cursor) -> None:
        """Buffer rows, writing them out every CHUNK rows."""
        for row in rows:
            self.rows.append(row)
            if len(self.rows) >= CHUNK:
                self.flush(cursor)

    def flush(self, cursor) -> None:
        if not self.rows:
            return
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {self.name} ({self.columns}) FROM STDIN") as copy:
                for row in self.rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * self.width)
            cursor.executemany(f"INSERT INTO {self.name} ({self.columns}) VALUES ({marks})", self.rows)
        self.rows.clear()

    def max_id(self, cursor) -> int:
        cursor.execute(f"SELECT MAX({self.column('id')}) FROM {self.name}")
        return cursor.fetchone()[0] or 0

    def count(self, cursor, field: str, value: str) -> int:
        cursor.execute(f"SELECT COUNT(*) FROM {self.name} WHERE {self.column(field)} = %s", [value])
        return cursor.fetchone()[0]

    def lookup(self, cursor, key: str, values: Sequence, columns: Sequence[str], where: str = "", params=()):
        """Rows whose ``key`` is one of ``values``, as tuples of ``(key, *columns)``, in slices of LOOKUP_CHUNK."""
        selected = ", ".join(self.column(c) for c in (key, *columns))
        extra = f" AND {where}" if where else ""
        if connection.vendor == "postgresql":
            # One array parameter: planning an IN list of 10,000 placeholders costs more than the lookup.
            cursor.execute(
                f"SELECT {selected} FROM {self.name} WHERE {self.column(key)} = ANY(%s){extra}", [list(values), *params]
            )
            yield from cursor.fetchall()
            return
        for start in range(0, len(values), LOOKUP_CHUNK):
            part = list(values[start : start + LOOKUP_CHUNK])
            marks = ", ".join(["%s"] * len(part))
            cursor.execute(
                f"SELECT {selected} FROM {self.name} WHERE {self.column(key)} IN ({marks}){extra}",
                [*part, *params],
            )
            yield from cursor.fetchall()
