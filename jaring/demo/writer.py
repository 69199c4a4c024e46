"""Bulk writer for the synthetic extract: CivilRecord, Person and PersonGroup rows, fast.

Rows go straight to the database through jaring.bulk (the ORM's per-row instances are the slow part at
three quarters of a million residents). Call it inside ``transaction.atomic()``; it does not commit.
"""

from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime

from django.db import connection

from jaring.bulk import BulkTable
from jaring.civil.models import CivilRecord
from jaring.people.models import Person, PersonGroup, WelfareSource

from .generator import Household, Resident, VillageBatch

CHUNK = 10_000

_CIVIL_FIELDS = (
    "nik", "kk_number", "full_name", "birth_place", "birth_date", "sex", "street", "rt", "rw", "is_alive",
    "death_date", "extract_date", "occupation", "village", "district_code", "regency_code", "province_code",
)  # fmt: skip
#: The demo's occupation codes as a SIAK extract writes JENIS_PKRJN; residents outside the people registry
#: have no demo occupation and read as not working.
_SIAK_OCCUPATION = {
    "petani": "PETANI/PEKEBUN",
    "petani_tembakau": "PETANI/PEKEBUN",
    "buruh_tani": "BURUH TANI/PERKEBUNAN",
    "nelayan": "NELAYAN/PERIKANAN",
    "pedagang_kecil": "PEDAGANG",
    "ojek": "SOPIR",
    "pemandu_wisata": "WIRASWASTA",
    "kader_posyandu": "MENGURUS RUMAH TANGGA",
    "pegawai_non_asn": "KARYAWAN HONORER",
    "perangkat_desa": "PERANGKAT DESA",
    "lainnya": "WIRASWASTA",
}
_PERSON_FIELDS = (
    "id", "nik", "kk_number", "full_name", "birth_place", "birth_date", "sex", "street", "rt", "rw", "phone",
    "occupation", "welfare_decile", "welfare_source", "welfare_date", "created_at", "updated_at", "village",
    "district_code", "regency_code", "province_code",
)  # fmt: skip
_GROUP_FIELDS = ("person", "group")


@dataclass(slots=True)
class WriteCounts:
    residents: int = 0
    households: int = 0
    people: int = 0
    deceased: int = 0
    movers: int = 0


def extract_write(
    batches: Iterable[VillageBatch],
    *,
    extract_date: date,
    welfare_date: date,
    now: datetime,
    total: int,
    progress: Callable[[int, int], None] | None = None,
) -> WriteCounts:
    """Write every resident as a CivilRecord and every registry entry as a Person with its groups.

    ``progress(residents written, total)`` is called after every chunk.
    """
    civil, people = BulkTable(CivilRecord, _CIVIL_FIELDS), BulkTable(Person, _PERSON_FIELDS)
    groups = BulkTable(PersonGroup, _GROUP_FIELDS)
    counts = WriteCounts()
    stamp = connection.ops.adapt_datetimefield_value(now)
    with connection.cursor() as cursor, _bulk_session(cursor):
        next_id = people.max_id(cursor) + 1
        for batch in batches:
            for household in batch.households:
                counts.households += 1
                for resident in household.members:
                    civil.rows.append(_civil_row(household, resident, extract_date))
                    counts.residents += 1
                    counts.deceased += not resident.is_alive
                    counts.movers += bool(resident.moved_from)
                    if resident.registry is not None:
                        people.rows.append(_person_row(next_id, household, resident, welfare_date, stamp))
                        groups.rows.extend((next_id, g) for g in resident.registry.groups)
                        next_id += 1
                        counts.people += 1
                if len(civil.rows) >= CHUNK:
                    _flush(cursor, (civil, people, groups), counts.residents, total, progress)
        _flush(cursor, (civil, people, groups), counts.residents, total, progress)
        _sequence_reset(cursor, people)
    return counts


def _civil_row(h: Household, r: Resident, extract_date: date) -> tuple:
    v = h.village
    return (
        r.nik, h.kk_number, r.full_name, r.birth_place, r.birth_date, r.sex, h.street, h.rt, h.rw, r.is_alive,
        r.death_date, extract_date, _siak_occupation(r), v, v[:8], v[:5], v[:2],
    )  # fmt: skip


def _siak_occupation(r: Resident) -> str:
    code = r.registry.occupation if r.registry is not None else ""
    return _SIAK_OCCUPATION.get(code, "BELUM/TIDAK BEKERJA")


def _person_row(pk: int, h: Household, r: Resident, welfare_date: date, stamp) -> tuple:
    v, entry = h.village, r.registry
    return (
        pk, r.nik, h.kk_number, r.full_name, r.birth_place, r.birth_date, r.sex, h.street, h.rt, h.rw, entry.phone,
        entry.occupation, h.welfare_decile, WelfareSource.DTSEN.value, welfare_date, stamp, stamp, v, v[:8], v[:5],
        v[:2],
    )  # fmt: skip


def _flush(cursor, tables: tuple[BulkTable, ...], done: int, total: int, progress) -> None:
    for table in tables:
        table.flush(cursor)
    if progress:
        progress(done, total)


@contextmanager
def _bulk_session(cursor):
    if connection.vendor == "postgresql":
        # Person ids are assigned here, not by the sequence: nobody else may insert people meanwhile.
        cursor.execute(f"LOCK TABLE {BulkTable(Person).name} IN SHARE ROW EXCLUSIVE MODE")
    if connection.vendor != "sqlite":
        yield
        return
    # A 256 MB page cache keeps the name and region indexes in memory while rows pour in; back to the
    # default afterwards so a long-lived connection does not keep it.
    cursor.execute("PRAGMA cache_size = -262144")
    try:
        yield
    finally:
        cursor.execute("PRAGMA cache_size = -2000")


def _sequence_reset(cursor, people: BulkTable) -> None:
    """On PostgreSQL the id sequence must move past the ids assigned above (SQLite follows by itself)."""
    if connection.vendor != "postgresql":
        return
    top = f"MAX({people.column('id')})"
    cursor.execute(
        f"SELECT setval(pg_get_serial_sequence(%s, %s), COALESCE({top}, 1), {top} IS NOT NULL) FROM {people.name}",
        [people.opts.db_table, people.opts.pk.column],
    )


def regency_delete(regency: str, villages: Iterable[str], *, progress: Callable[[int, int], None] | None = None) -> int:
    """Remove a regency's civil records and people (with their groups); returns the civil records removed.

    Raw deletes, because the ORM would load every person to cascade. Village by village, so that progress
    can be shown and each delete walks rows written together; then once more for the whole regency, for
    rows of villages not listed. Callers check first that no other table refers to these people
    (``regency_references``).
    """
    civil = BulkTable(CivilRecord)
    removed = 0
    with connection.cursor() as cursor, _bulk_session(cursor):
        total = civil.count(cursor, "regency_code", regency)
        for field, value in [*(("village", v) for v in villages), ("regency_code", regency)]:
            removed += _delete_where(cursor, field, value)
            if progress:
                progress(min(removed, total), total)
    return removed


def _delete_where(cursor, field: str, value: str) -> int:
    person, group, civil = BulkTable(Person), BulkTable(PersonGroup), BulkTable(CivilRecord)
    cursor.execute(
        f"DELETE FROM {group.name} WHERE {group.column('person')} IN "
        f"(SELECT {person.column('id')} FROM {person.name} WHERE {person.column(field)} = %s)",
        [value],
    )
    cursor.execute(f"DELETE FROM {person.name} WHERE {person.column(field)} = %s", [value])
    cursor.execute(f"DELETE FROM {civil.name} WHERE {civil.column(field)} = %s", [value])
    return cursor.rowcount


def regency_references(regency: str) -> list[str]:
    """Other tables that point at this regency's people or civil records, which would be orphaned."""
    found = []
    for model in (Person, CivilRecord):
        for rel in model._meta.related_objects:
            if rel.related_model is PersonGroup or rel.many_to_many:
                continue
            if rel.related_model._default_manager.filter(**{f"{rel.field.name}__regency_code": regency}).exists():
                found.append(str(rel.related_model._meta.verbose_name_plural))
    return found


def statistics_refresh() -> None:
    """Refresh the planner's statistics after a bulk load.

    Without them SQLite picks the name-ordered regency index for a NIK lookup and scans 600,000 rows
    (560 ms instead of 6 ms for the people list, measured with benchmarks/bench_people_list.py).
    """
    # PostgreSQL's VACUUM also fills the visibility map, so counts become index-only scans (first page of the
    # list 82 → 40 ms); it cannot run inside a transaction, where a plain ANALYZE has to do.
    vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
    with connection.cursor() as cursor:
        for model in (CivilRecord, Person, PersonGroup):
            table = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(f"VACUUM ANALYZE {table}" if vacuum else f"ANALYZE {table}")
