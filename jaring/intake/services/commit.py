"""Phase 2: the operator's confirmation, then the valid rows written as people and candidates in one transaction."""

import json
import logging
from datetime import date

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone

from jaring.bulk import BulkTable
from jaring.people.models import Person, PersonGroup, WelfareSource

from ..lifecycle import BatchStatus, CandidateStatus
from ..models import Candidate, ImportBatch, ImportRow, RowStatus, Source
from .check import _remember_mapping
from .common import CHUNK, _audit, _enqueue_on_commit, _move

COMMIT_FAILURE = (
    "Penyimpanan gagal karena kesalahan sistem dan dibatalkan seluruhnya: tidak ada data yang ditulis. Periksa "
    "ulang berkas ini lalu simpan lagi; bila terulang, hubungi admin dengan nomor batch ini."
)

logger = logging.getLogger(__name__)


def batch_confirm(*, batch: ImportBatch, accept_warnings: bool, actor) -> None:
    """The operator's confirmation after reading the report: phase 2 runs next, as a background task.

    Confirming also confirms the column mapping, which is remembered for the next file of the same shape.
    """
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        _move(batch, BatchStatus.COMMITTING, warnings_accepted=accept_warnings)
        _remember_mapping(batch, actor)
        _audit(batch, "confirm", actor, {"accept_warnings": accept_warnings})
        _enqueue_on_commit("commit_batch", batch.pk, getattr(actor, "pk", None))


def batch_commit_confirmed(batch_id: int, actor_id: int | None) -> dict | None:
    """Phase 2 of a confirmed batch, as the background task runs it: all or nothing, FAILED with a message
    when something unexpected stops it."""
    batch = ImportBatch.objects.get(pk=batch_id)
    actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    try:
        return batch_commit(batch=batch, accept_warnings=batch.warnings_accepted, actor=actor)
    except Exception:
        logger.exception("Phase 2 of import batch %s failed", batch_id)
        batch.refresh_from_db()
        if batch.status == BatchStatus.COMMITTING:
            _move(batch, BatchStatus.FAILED, message=COMMIT_FAILURE)
        return None


def batch_commit(*, batch: ImportBatch, accept_warnings: bool, actor) -> dict:
    """Phase 2: write the valid rows (and accepted warnings) as people and candidates, all in one transaction.

    Rows go in through jaring.bulk rather than the ORM: at 100,000 rows the ORM's instance per row is most of
    the time. A NIK already in the registry is linked as it is (only a newer targeting extract refreshes its
    decile); a person already proposed for the program is not proposed twice.
    """
    statuses = [RowStatus.OK, *([RowStatus.WARNING] if accept_warnings else [])]
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.status != BatchStatus.COMMITTING:
            _move(batch, BatchStatus.COMMITTING, warnings_accepted=accept_warnings)
        with connection.cursor() as cursor:
            rows = _first_per_nik(_cleaned_values(cursor, batch, statuses))
            written = _write(cursor, rows, batch, actor)
        batch.rows.filter(status=RowStatus.WARNING).update(accepted=accept_warnings)
        _move(batch, BatchStatus.COMMITTED, counts={**batch.counts, "committed": written})
        _audit(batch, "commit", actor, written)
    return written


def _cleaned_values(cursor, batch: ImportBatch, statuses: list[str]):
    """The cleaned values of the rows to write, in file order. Only these are read (not the original cells nor
    the problems), as JSON text decoded here: the ORM's per-row JSONField path doubled the time."""
    table = BulkTable(ImportRow)
    cleaned = table.column("cleaned")
    text = f"{cleaned}::text" if connection.vendor == "postgresql" else cleaned
    marks = ", ".join(["%s"] * len(statuses))
    cursor.execute(
        f"SELECT {text} FROM {table.name} WHERE {table.column('batch')} = %s AND {table.column('status')} IN ({marks})"
        f" ORDER BY {table.column('row_number')}",
        [batch.pk, *statuses],
    )
    while chunk := cursor.fetchmany(CHUNK):
        for (value,) in chunk:
            yield json.loads(value)


def _first_per_nik(values) -> list[dict]:
    rows: dict[str, dict] = {}
    for cleaned in values:
        rows.setdefault(cleaned["nik"], cleaned)
    return list(rows.values())


def _write(cursor, rows: list[dict], batch: ImportBatch, actor) -> dict:
    people = BulkTable(Person)
    known = {nik: (pk, village, born) for nik, pk, village, born in people.lookup(
        cursor, "nik", [r["nik"] for r in rows], ("id", "village", "welfare_date")
    )}  # fmt: skip
    welfare = _welfare(batch)
    refreshed = _welfare_refresh(cursor, rows, known, welfare) if welfare else 0
    fresh = [r for r in rows if r["nik"] not in known]
    ids = _people_insert(cursor, fresh, welfare)
    _groups_insert(cursor, fresh, ids)
    known.update({r["nik"]: (ids[r["nik"]], r["village_code"], None) for r in fresh})
    created = _candidates_insert(cursor, rows, known, set(ids), batch, actor)
    return {
        "candidates": created,
        "already": len(rows) - created,
        "people_new": len(fresh),
        "welfare_updated": refreshed,
    }


_PERSON_FIELDS = (
    "nik", "kk_number", "full_name", "birth_place", "birth_date", "sex", "street", "rt", "rw", "phone", "occupation",
    "welfare_decile", "welfare_source", "welfare_date", "village", "district_code", "regency_code", "province_code",
    "created_at", "updated_at",
)  # fmt: skip
_CANDIDATE_FIELDS = (
    "program", "person", "source", "source_date", "batch", "status", "return_message", "proposed_by",
    "village", "district_code", "regency_code", "province_code", "created_at", "updated_at",
)  # fmt: skip


def _people_insert(cursor, rows: list[dict], welfare: tuple[str, date] | None) -> dict[str, int]:
    """New people, then their ids read back by NIK (ids from the sequence, so concurrent writers are safe)."""
    table, now = BulkTable(Person, _PERSON_FIELDS), connection.ops.adapt_datetimefield_value(timezone.now())
    table.add((_person_row(r, welfare, now) for r in rows), cursor)
    table.flush(cursor)
    return {nik: pk for nik, pk in table.lookup(cursor, "nik", [r["nik"] for r in rows], ("id",))}


def _person_row(values: dict, welfare: tuple[str, date] | None, now) -> tuple:
    code = values["village_code"]
    decile = values.get("welfare_decile") if welfare else None
    source, extract_date = welfare if welfare and decile is not None else ("", None)
    return (
        values["nik"], values.get("kk_number") or "", values["full_name"], values.get("birth_place") or "",
        values.get("birth_date"), values.get("sex") or "", values.get("street") or "", values.get("rt") or "",
        values.get("rw") or "", values.get("phone") or "", values.get("occupation") or "", decile, source,
        extract_date, code, code[:8], code[:5], code[:2], now, now,
    )  # fmt: skip


def _groups_insert(cursor, rows: list[dict], ids: dict[str, int]) -> None:
    table = BulkTable(PersonGroup, ("person", "group"))
    table.add(((ids[r["nik"]], group) for r in rows for group in r.get("groups") or ()), cursor)
    table.flush(cursor)


def _candidates_insert(cursor, rows, known: dict, new_ids: set[int], batch: ImportBatch, actor) -> int:
    candidates = BulkTable(Candidate, _CANDIDATE_FIELDS)
    # Only people already in the registry can have a candidacy; a person created just now cannot.
    old = [pk for pk, _village, _born in known.values() if pk not in new_ids]
    where, params = f"{candidates.column('program')} = %s", [batch.program_id]
    have = {pk for pk, *_ in candidates.lookup(cursor, "person", old, (), where=where, params=params)}
    now, actor_id, created = connection.ops.adapt_datetimefield_value(timezone.now()), getattr(actor, "pk", None), 0
    for values in rows:
        pk, village, _born = known[values["nik"]]
        if pk in have:
            continue
        have.add(pk)
        created += 1
        candidates.add([(
            batch.program_id, pk, batch.source, batch.source_date, batch.pk, CandidateStatus.PROPOSED, "", actor_id,
            village, village[:8], village[:5], village[:2], now, now,
        )], cursor)  # fmt: skip
    candidates.flush(cursor)
    return created


#: Targeting databases whose extracts rank households in welfare deciles (domain-facts §6).
WELFARE_SOURCES = {Source.DTKS: WelfareSource.DTKS, Source.DTSEN: WelfareSource.DTSEN, Source.P3KE: WelfareSource.P3KE}


def _welfare(batch: ImportBatch) -> tuple[str, date] | None:
    """(source, extract date) when the batch's deciles are authoritative; a village's own claim of a decile is
    kept in the import row but does not become the person's decile."""
    if batch.source in WELFARE_SOURCES and batch.source_date:
        return WELFARE_SOURCES[batch.source], batch.source_date
    return None


def _welfare_refresh(cursor, rows: list[dict], known: dict, welfare: tuple[str, date]) -> int:
    """A newer extract's decile replaces an older one on people already in the registry."""
    source, extract_date = welfare
    changes = [
        (r["welfare_decile"], source, extract_date, known[r["nik"]][0])
        for r in rows
        if r["nik"] in known
        and r.get("welfare_decile") is not None
        and (known[r["nik"]][2] is None or _as_date(known[r["nik"]][2]) <= extract_date)
    ]
    table = BulkTable(Person)
    columns = ", ".join(f"{table.column(f)} = %s" for f in ("welfare_decile", "welfare_source", "welfare_date"))
    cursor.executemany(f"UPDATE {table.name} SET {columns} WHERE {table.column('id')} = %s", changes)
    return len(changes)


def _as_date(value) -> date:
    return date.fromisoformat(value) if isinstance(value, str) else value


def _fill_person(person: Person, values: dict, *, welfare: tuple[str, date] | None = None) -> Person:
    """Copy a row's cleaned values (rules.RowResult.cleaned) onto a Person, new or corrected."""
    person.nik = values["nik"]
    person.kk_number = values.get("kk_number") or ""
    person.full_name = values["full_name"]
    person.birth_place = values.get("birth_place") or ""
    born = values.get("birth_date")
    person.birth_date = date.fromisoformat(born) if isinstance(born, str) else born
    person.sex = values.get("sex") or ""
    person.street = values.get("street") or ""
    person.rt, person.rw = values.get("rt") or "", values.get("rw") or ""
    person.phone = values.get("phone") or ""
    person.occupation = values.get("occupation") or ""
    if welfare and values.get("welfare_decile") is not None:
        person.welfare_decile = values["welfare_decile"]
        person.welfare_source, person.welfare_date = welfare
    person.set_village(values["village_code"])
    return person
