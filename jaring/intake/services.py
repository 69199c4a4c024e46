"""Every write of intake (DESIGN.md §5.1): upload, phase 1 (check), phase 2 (commit), cancel.

Phase 1 reads and checks every row into ImportRows and changes nothing in the registry; phase 2, on the
operator's confirmation, writes the OK rows (and the warning rows she accepted) in one transaction.
"""

import hashlib
import time
from collections.abc import Callable
from datetime import date

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from jaring.audit.services import audit_record
from jaring.core.regioncodes import contains
from jaring.people.models import Person, PersonGroup

from .headers import guess_mapping
from .lifecycle import BATCH_TRANSITIONS, BatchStatus, check_transition
from .models import Candidate, ColumnMapping, ImportBatch, ImportRow, RowStatus
from .reading import FileRefused, read_table
from .rules import check_row, find_duplicates
from .selectors import row_context

PROGRESS_EVERY_SECONDS = 0.5
CHUNK = 2000


class IntakeError(ValueError):
    """A request intake refuses; the message says why, in Bahasa Indonesia."""


def batch_upload(*, program, region, data: bytes, filename: str, source: str, source_date: date | None, actor):
    """Store an uploaded file as a new batch (phase 1 runs next, in the background)."""
    if not contains(program.regency_id, region.code):
        raise IntakeError(f"Wilayah {region.code} berada di luar kabupaten program {program.name}.")
    digest = hashlib.sha256(data).hexdigest()
    with transaction.atomic():
        batch = ImportBatch(
            program=program,
            region=region,
            source=source,
            source_date=source_date,
            filename=filename[:255],
            sha256=digest,
            uploaded_by=actor,
        )
        batch.file.save(f"{digest[:16]}-{filename[-80:]}", ContentFile(data), save=False)
        batch.save()
        _audit(batch, "upload", actor, {"filename": filename, "sha256": digest, "source": source})
    return batch


def _audit(batch: ImportBatch, action: str, actor, detail: dict | None = None) -> None:
    audit_record(
        actor=actor,
        action=f"intake.{action}",
        object_type="import_batch",
        object_id=batch.pk,
        region_code=batch.region_id,
        detail=detail,
    )


def _move(batch: ImportBatch, target: BatchStatus, **fields) -> None:
    check_transition(BATCH_TRANSITIONS, BatchStatus(batch.status), target)
    batch.status = target
    for name, value in fields.items():
        setattr(batch, name, value)
    batch.save(update_fields=["status", "updated_at", *fields])


def header_signature(header: list[str]) -> str:
    normalised = "|".join(" ".join(h.lower().split()) for h in header)
    return hashlib.sha256(normalised.encode()).hexdigest()


def _mapping_for(batch: ImportBatch, header: list[str]) -> dict[int, str]:
    if batch.mapping:
        return {int(k): v for k, v in batch.mapping.items()}
    remembered = ColumnMapping.objects.filter(
        region=batch.region, source=batch.source, header_signature=header_signature(header)
    ).first()
    if remembered:
        return {int(k): v for k, v in remembered.mapping.items()}
    return guess_mapping(header)


def batch_check(batch_id: int, *, progress: Callable[[int, int], None] | None = None) -> ImportBatch:
    """Phase 1: read and check every row; the registry is not touched."""
    batch = ImportBatch.objects.select_related("program", "region").get(pk=batch_id)
    _move(batch, BatchStatus.CHECKING, rows_done=0, message="")
    try:
        with batch.file.open("rb") as handle:
            table = read_table(handle.read(), batch.filename)
    except FileRefused as exc:
        _move(batch, BatchStatus.REFUSED, message=str(exc))
        return batch
    mapping = _mapping_for(batch, table.header)
    batch.header, batch.mapping, batch.rows_total = (
        table.header,
        {str(k): v for k, v in mapping.items()},
        len(table.rows),
    )
    batch.save(update_fields=["header", "mapping", "rows_total"])
    results = _check_rows(batch, table, mapping, progress)
    if results is None:
        _move(batch, BatchStatus.CANCELLED, message="Dibatalkan oleh operator.")
        return batch
    rows = _rows_with_status(batch, table, results)
    with transaction.atomic():
        ImportRow.objects.filter(batch=batch).delete()
        ImportRow.objects.bulk_create(rows, batch_size=CHUNK)
        counts = _counts(rows)
        _move(batch, BatchStatus.CHECKED, rows_done=len(rows), rows_total=len(rows), counts=counts)
    return batch


def _check_rows(batch, table, mapping, progress):
    ctx = row_context(regency=batch.program.regency_id, upload_region=batch.region_id, today=timezone.localdate())
    inexact_by_row: dict[int, set[int]] = {}
    for row_index, column in getattr(table, "inexact", ()):
        inexact_by_row.setdefault(row_index, set()).add(column)
    long_rows = {mapping[c]: rows for c, rows in getattr(table, "long_number_rows", {}).items() if c in mapping}
    results, last = [], time.monotonic()
    for index, cells in enumerate(table.rows):
        raw = {field: cells[col] for col, field in mapping.items() if col < len(cells)}
        if _only_prefilled(raw):
            results.append(None)
            continue
        inexact = frozenset(mapping[c] for c in inexact_by_row.get(index, ()) if c in mapping)
        long = frozenset(field for field, rows in long_rows.items() if index in rows)
        results.append(check_row(raw, ctx, inexact_fields=inexact, long_number_fields=long))
        if time.monotonic() - last >= PROGRESS_EVERY_SECONDS:
            last = time.monotonic()
            if _progress_and_cancelled(batch, index + 1, len(table.rows), progress):
                return None
    return results


def _only_prefilled(raw: dict[str, str]) -> bool:
    # The village template pre-fills the desa in 2,000 rows; an unused row is not a proposal.
    return not any(value.strip() for field, value in raw.items() if field not in {"village", "district"})


def _progress_and_cancelled(batch, done: int, total: int, progress) -> bool:
    ImportBatch.objects.filter(pk=batch.pk).update(rows_done=done)
    if progress:
        progress(done, total)
    return ImportBatch.objects.filter(pk=batch.pk, cancel_requested=True).exists()


def _rows_with_status(batch, table, all_results) -> list[ImportRow]:
    kept = [i for i, result in enumerate(all_results) if result is not None]
    results = [all_results[i] for i in kept]
    row_numbers = [table.row_numbers[i] for i in kept]
    duplicates = find_duplicates(results, row_numbers=row_numbers)
    existing = set(
        Candidate.objects.filter(program=batch.program, person__nik__in=[r.nik for r in results if r.nik]).values_list(
            "person__nik", flat=True
        )
    )
    rows = []
    for index, (result, file_index) in enumerate(zip(results, kept, strict=True)):
        cells = table.rows[file_index]
        issues = [i.as_dict() for i in (*result.issues, *duplicates.get(index, ()))]
        status = _status(issues)
        if status != RowStatus.ERROR and result.nik in existing:
            status = RowStatus.EXISTING
        rows.append(
            ImportRow(
                batch=batch,
                row_number=row_numbers[index],
                raw=dict(zip(table.header, cells, strict=False)),
                cleaned=result.cleaned(),
                status=status,
                issues=issues,
            )
        )
    return rows


def _status(issues: list[dict]) -> str:
    severities = {i["severity"] for i in issues}
    return RowStatus.ERROR if "error" in severities else RowStatus.WARNING if severities else RowStatus.OK


def _counts(rows: list[ImportRow]) -> dict:
    """Rows per status, and problems per kind (by code, with one example message to show the operator)."""
    counts: dict = {status: 0 for status in RowStatus.values}
    kinds: dict[str, dict] = {}
    for row in rows:
        counts[row.status] += 1
        for issue in row.issues:
            kind = kinds.setdefault(issue["code"], {"severity": issue["severity"], "example": issue["message"], "n": 0})
            kind["n"] += 1
    counts["by_kind"] = dict(sorted(kinds.items(), key=lambda kv: -kv[1]["n"]))
    return counts


def batch_mapping_set(*, batch: ImportBatch, mapping: dict[int, str], actor) -> None:
    """The operator's corrected column mapping: remembered for this source and header, then checked again."""
    with transaction.atomic():
        batch.mapping = {str(k): v for k, v in mapping.items()}
        batch.save(update_fields=["mapping", "updated_at"])
        ColumnMapping.objects.update_or_create(
            region=batch.region,
            source=batch.source,
            header_signature=header_signature(batch.header),
            defaults={"mapping": batch.mapping, "updated_by": actor},
        )
        _audit(batch, "mapping", actor, {"mapping": batch.mapping})


def batch_cancel(*, batch: ImportBatch, actor) -> None:
    """Ask a running check to stop (it stops within a second), or cancel a checked batch outright."""
    with transaction.atomic():
        ImportBatch.objects.filter(pk=batch.pk).update(cancel_requested=True)
        batch.refresh_from_db()
        if batch.status in (BatchStatus.RECEIVED, BatchStatus.CHECKED, BatchStatus.FAILED):
            _move(batch, BatchStatus.CANCELLED, message="Dibatalkan oleh operator.")
        _audit(batch, "cancel", actor)


def batch_commit(*, batch: ImportBatch, accept_warnings: bool, actor) -> dict:
    """Phase 2: write the valid rows (and accepted warnings) as people and candidates, all in one transaction."""
    statuses = [RowStatus.OK, *([RowStatus.WARNING] if accept_warnings else [])]
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        _move(batch, BatchStatus.COMMITTING)
        rows = list(batch.rows.filter(status__in=statuses).order_by("row_number"))
        people, people_new = _people_for(rows)
        created = _candidates_for(rows, people, batch, actor)
        batch.rows.filter(status=RowStatus.WARNING).update(accepted=accept_warnings)
        result = {"candidates": created, "already": len(rows) - created, "people_new": people_new}
        _move(batch, BatchStatus.COMMITTED, counts={**batch.counts, "committed": result})
        _audit(batch, "commit", actor, result)
    return result


def _people_for(rows: list[ImportRow]) -> tuple[dict[str, Person], int]:
    """NIK → Person: existing registry entries are linked as they are; new NIKs become new people."""
    niks = {r.cleaned["nik"] for r in rows}
    people = Person.objects.filter(nik__in=niks).in_bulk(field_name="nik")
    new, seen = [], set()
    for row in rows:
        values = row.cleaned
        if values["nik"] in people or values["nik"] in seen:
            continue
        seen.add(values["nik"])
        person = Person(
            nik=values["nik"],
            kk_number=values.get("kk_number") or "",
            full_name=values["full_name"],
            birth_place=values.get("birth_place") or "",
            birth_date=values.get("birth_date"),
            sex=values.get("sex") or "",
            street=values.get("street") or "",
            rt=values.get("rt") or "",
            rw=values.get("rw") or "",
            phone=values.get("phone") or "",
            occupation=values.get("occupation") or "",
            welfare_decile=values.get("welfare_decile"),
        )
        person.set_village(values["village_code"])
        new.append(person)
    Person.objects.bulk_create(new, batch_size=CHUNK)
    saved = Person.objects.filter(nik__in=[p.nik for p in new]).in_bulk(field_name="nik")
    people.update(saved)
    PersonGroup.objects.bulk_create(
        [
            PersonGroup(person=saved[r.cleaned["nik"]], group=g)
            for r in rows
            if r.cleaned["nik"] in saved
            for g in r.cleaned.get("groups") or ()
        ],
        batch_size=CHUNK,
        ignore_conflicts=True,
    )
    return people, len(new)


def _candidates_for(rows, people, batch, actor) -> int:
    have = set(
        Candidate.objects.filter(program=batch.program, person__in=people.values()).values_list("person_id", flat=True)
    )
    new, linked = [], []
    for row in rows:
        person = people[row.cleaned["nik"]]
        row.person = person
        linked.append(row)
        if person.pk in have:
            continue
        have.add(person.pk)
        candidate = Candidate(
            program=batch.program,
            person=person,
            source=batch.source,
            source_date=batch.source_date,
            batch=batch,
            proposed_by=actor,
        )
        candidate.set_village(person.village_id)
        new.append(candidate)
    Candidate.objects.bulk_create(new, batch_size=CHUNK)
    ImportRow.objects.bulk_update(linked, ["person"], batch_size=CHUNK)
    return len(new)
