"""Every write of intake (DESIGN.md §5.1): upload, phase 1 (check), phase 2 (commit), cancel.

Phase 1 reads and checks every row into ImportRows and changes nothing in the registry; phase 2, on the
operator's confirmation, writes the OK rows (and the warning rows she accepted) in one transaction.
"""

import hashlib
import logging
import time
from collections.abc import Callable
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from jaring.audit.services import audit_record
from jaring.core.regioncodes import contains
from jaring.people.models import Person, PersonGroup, WelfareSource

from .headers import FIELD_LABELS, guess_mapping
from .lifecycle import BATCH_TRANSITIONS, CANDIDATE_TRANSITIONS, BatchStatus, CandidateStatus, check_transition
from .models import Candidate, ColumnMapping, ImportBatch, ImportRow, RowStatus, Source
from .reading import FileRefused, read_table
from .rules import Issue, RowResult, check_row, find_duplicates
from .selectors import row_context

PROGRESS_EVERY_SECONDS = 0.5
CHUNK = 2000
SYSTEM_FAILURE = (
    "Pemeriksaan berhenti karena kesalahan sistem. Tidak ada data yang ditulis. Coba lagi; bila terulang, "
    "hubungi admin dengan nomor batch ini."
)
COMMIT_FAILURE = (
    "Penyimpanan gagal karena kesalahan sistem dan dibatalkan seluruhnya: tidak ada data yang ditulis. Periksa "
    "ulang berkas ini lalu simpan lagi; bila terulang, hubungi admin dengan nomor batch ini."
)

logger = logging.getLogger(__name__)


class IntakeError(ValueError):
    """A request intake refuses; the message says why, in Bahasa Indonesia."""


def batch_upload(
    *,
    program,
    region,
    data: bytes,
    filename: str,
    source: str,
    source_date: date | None,
    actor,
    background: bool = True,
):
    """Store an uploaded file as a new batch; phase 1 runs next, as a background task unless ``background`` is
    False (the command line checks in the foreground)."""
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
        if background:
            _enqueue_on_commit("check_batch", batch.pk)
    return batch


def _enqueue_on_commit(task_name: str, *args) -> None:
    """Queue a task of intake.tasks once the surrounding transaction has committed (it reads what we wrote)."""
    from . import tasks  # tasks call these services; importing at call time keeps the cycle out

    transaction.on_commit(lambda: getattr(tasks, task_name).enqueue(*args))


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
    """Phase 1: read and check every row; the registry is not touched.

    An unexpected error leaves the batch FAILED with a message for the operator, never half-checked: rows are
    written only at the end, in one transaction.
    """
    batch = ImportBatch.objects.select_related("program", "region").get(pk=batch_id)
    if batch.status == BatchStatus.CANCELLED:
        return batch  # cancelled while it waited in the queue
    _move(batch, BatchStatus.CHECKING, rows_done=0, message="", cancel_requested=False)
    try:
        return _check(batch, progress)
    except Exception:
        logger.exception("Phase 1 of import batch %s failed", batch.pk)
        batch.refresh_from_db()
        if batch.status == BatchStatus.CHECKING:
            _move(batch, BatchStatus.FAILED, message=SYSTEM_FAILURE)
        return batch


def _check(batch: ImportBatch, progress) -> ImportBatch:
    try:
        with batch.file.open("rb") as handle:
            table = read_table(
                handle.read(),
                batch.filename,
                max_bytes=settings.INTAKE_MAX_BYTES,
                max_rows=settings.INTAKE_MAX_ROWS,
            )
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
    results, last = [], time.monotonic()
    for index, cells in enumerate(table.rows):
        raw = {field: cells[col] for col, field in mapping.items() if col < len(cells)}
        if _only_prefilled(raw):
            results.append(None)
            continue
        inexact = frozenset(mapping[c] for c in inexact_by_row.get(index, ()) if c in mapping)
        results.append(check_row(raw, ctx, inexact_fields=inexact))
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


def batch_mapping_set(*, batch: ImportBatch, mapping: dict[int, str], actor, background: bool = True) -> None:
    """The operator's corrected column mapping: remembered for this source and header, then checked again."""
    problem = mapping_problem(mapping)
    if problem:
        raise IntakeError(problem)
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.status not in (BatchStatus.CHECKED, BatchStatus.FAILED):
            raise IntakeError("Pemetaan kolom hanya bisa diubah setelah pemeriksaan selesai.")
        batch.mapping = {str(k): v for k, v in mapping.items() if v}
        batch.save(update_fields=["mapping", "updated_at"])
        _remember_mapping(batch, actor)
        _audit(batch, "mapping", actor, {"mapping": batch.mapping})
        if background:
            _enqueue_on_commit("check_batch", batch.pk)


def mapping_problem(mapping: dict[int, str]) -> str:
    """Why a column mapping cannot be used (in Bahasa Indonesia), or "" when it can."""
    fields = [field for field in mapping.values() if field]
    doubled = sorted({FIELD_LABELS.get(f, f) for f in fields if fields.count(f) > 1})
    if doubled:
        return "Satu isian hanya boleh dari satu kolom: " + ", ".join(doubled) + "."
    if "nik" not in fields or "full_name" not in fields:
        return "Pilih kolom yang berisi NIK dan kolom yang berisi nama."
    return ""


def _remember_mapping(batch: ImportBatch, actor) -> None:
    ColumnMapping.objects.update_or_create(
        region=batch.region,
        source=batch.source,
        header_signature=header_signature(batch.header),
        defaults={"mapping": batch.mapping, "updated_by": actor},
    )


def batch_cancel(*, batch: ImportBatch, actor) -> None:
    """Ask a running check to stop (it stops within a second), or cancel a checked batch outright."""
    with transaction.atomic():
        ImportBatch.objects.filter(pk=batch.pk).update(cancel_requested=True)
        batch.refresh_from_db()
        if batch.status in (BatchStatus.RECEIVED, BatchStatus.CHECKED, BatchStatus.FAILED):
            _move(batch, BatchStatus.CANCELLED, message="Dibatalkan oleh operator.")
        _audit(batch, "cancel", actor)


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
    """Phase 2: write the valid rows (and accepted warnings) as people and candidates, all in one transaction."""
    statuses = [RowStatus.OK, *([RowStatus.WARNING] if accept_warnings else [])]
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.status != BatchStatus.COMMITTING:
            _move(batch, BatchStatus.COMMITTING, warnings_accepted=accept_warnings)
        rows = list(batch.rows.filter(status__in=statuses).order_by("row_number"))
        people, people_new, welfare_updated = _people_for(rows, _welfare(batch))
        created = _candidates_for(rows, people, batch, actor)
        batch.rows.filter(status=RowStatus.WARNING).update(accepted=accept_warnings)
        result = {
            "candidates": created,
            "already": len(rows) - created,
            "people_new": people_new,
            "welfare_updated": welfare_updated,
        }
        _move(batch, BatchStatus.COMMITTED, counts={**batch.counts, "committed": result})
        _audit(batch, "commit", actor, result)
    return result


#: Targeting databases whose extracts rank households in welfare deciles (domain-facts §6).
WELFARE_SOURCES = {Source.DTKS: WelfareSource.DTKS, Source.DTSEN: WelfareSource.DTSEN, Source.P3KE: WelfareSource.P3KE}


def _welfare(batch: ImportBatch) -> tuple[str, date] | None:
    """(source, extract date) when the batch's deciles are authoritative; a village's own claim of a decile is
    kept in the import row but does not become the person's decile."""
    if batch.source in WELFARE_SOURCES and batch.source_date:
        return WELFARE_SOURCES[batch.source], batch.source_date
    return None


def _people_for(rows: list[ImportRow], welfare: tuple[str, date] | None) -> tuple[dict[str, Person], int, int]:
    """NIK → Person: new NIKs become new people; existing registry entries are linked as they are, except that a
    newer targeting extract refreshes their welfare decile."""
    niks = {r.cleaned["nik"] for r in rows}
    people = Person.objects.filter(nik__in=niks).in_bulk(field_name="nik")
    refreshed = _welfare_refresh(people, rows, welfare) if welfare else 0
    new, seen = [], set()
    for row in rows:
        values = row.cleaned
        if values["nik"] in people or values["nik"] in seen:
            continue
        seen.add(values["nik"])
        new.append(_fill_person(Person(), values, welfare=welfare))
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
    return people, len(new), refreshed


def _welfare_refresh(people: dict[str, Person], rows: list[ImportRow], welfare: tuple[str, date]) -> int:
    source, extract_date = welfare
    changed = {}
    for row in rows:
        person, decile = people.get(row.cleaned["nik"]), row.cleaned.get("welfare_decile")
        if person is None or decile is None or (person.welfare_date and person.welfare_date > extract_date):
            continue
        person.welfare_decile, person.welfare_source, person.welfare_date = decile, source, extract_date
        changed[person.pk] = person
    Person.objects.bulk_update(changed.values(), ["welfare_decile", "welfare_source", "welfare_date"], batch_size=CHUNK)
    return len(changed)


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


# --- One person at a time: the village form, and rows a verifier returned ---------------------------------------


class EntryRefused(IntakeError):
    """A form entry that cannot be saved as it is: ``result`` holds every problem, by field."""

    def __init__(self, message: str, result: RowResult):
        super().__init__(message)
        self.result = result


def entry_check(*, program, region, raw: dict, candidate: Candidate | None = None) -> RowResult:
    """The checks of an uploaded row, for one person typed into the form (live, as the operator types)."""
    ctx = row_context(regency=program.regency_id, upload_region=region.code, today=timezone.localdate())
    result = check_row(raw, ctx)
    if result.nik:
        taken = Candidate.objects.filter(program=program, person__nik=result.nik)
        if candidate is not None:
            taken = taken.exclude(pk=candidate.pk)
        if taken.exists():
            result.issues.append(Issue("nik", "already_proposed", "error", ALREADY_PROPOSED))
    return result


ALREADY_PROPOSED = "NIK ini sudah diusulkan untuk program ini (sudah ada)."
NIK_TAKEN = "NIK ini sudah terdaftar atas nama orang lain di registri. Periksa kembali KTP-nya."


def _entry_or_refuse(result: RowResult, accept_warnings: bool) -> None:
    if result.status == "error":
        raise EntryRefused("Data belum bisa disimpan: perbaiki isian yang ditandai.", result)
    if result.status == "warning" and not accept_warnings:
        raise EntryRefused("Periksa peringatan yang ditandai, lalu centang bahwa data sudah sesuai KTP/KK.", result)


def candidate_propose(*, program, region, raw: dict, accept_warnings: bool, actor) -> Candidate:
    """A village operator's single entry: the same checks as an upload row, then a person and a candidate."""
    result = entry_check(program=program, region=region, raw=raw)
    _entry_or_refuse(result, accept_warnings)
    values = result.cleaned()
    with transaction.atomic():
        person = Person.objects.filter(nik=values["nik"]).first()
        if person is None:
            person = _fill_person(Person(), values)
            person.save()
            _set_groups(person, values["groups"])
        candidate = Candidate(program=program, person=person, source=Source.USULAN, proposed_by=actor)
        candidate.set_village(person.village_id)
        candidate.save()
        _audit_candidate(candidate, "propose", actor, {"warnings": [i.code for i in result.issues]})
    return candidate


def _set_groups(person: Person, groups) -> None:
    PersonGroup.objects.filter(person=person).exclude(group__in=groups).delete()
    PersonGroup.objects.bulk_create(
        [PersonGroup(person=person, group=group) for group in groups], ignore_conflicts=True
    )


def _audit_candidate(candidate: Candidate, action: str, actor, detail: dict | None = None) -> None:
    audit_record(
        actor=actor,
        action=f"intake.candidate_{action}",
        object_type="candidate",
        object_id=candidate.pk,
        region_code=candidate.village_id,
        detail=detail,
    )


def _move_candidate(candidate: Candidate, target: CandidateStatus, **fields) -> None:
    check_transition(CANDIDATE_TRANSITIONS, CandidateStatus(candidate.status), target)
    candidate.status = target
    for name, value in fields.items():
        setattr(candidate, name, value)
    candidate.save(update_fields=["status", "updated_at", *fields])


def candidate_return(*, candidate: Candidate, message: str, actor) -> None:
    """A verifier sends a proposal back to its village with what to fix."""
    message = " ".join(message.split())
    if not message:
        raise IntakeError("Tulis apa yang harus diperbaiki desa, agar operator tahu alasannya.")
    with transaction.atomic():
        _move_candidate(candidate, CandidateStatus.RETURNED, return_message=message)
        _audit_candidate(candidate, "return", actor, {"message": message})


def candidate_resubmit(*, candidate: Candidate, raw: dict, accept_warnings: bool, actor) -> None:
    """The village corrects a returned proposal: the person's record takes the corrected values (the village
    holds the KTP and KK), and the proposal goes back to the verifier."""
    region = candidate.village
    result = entry_check(program=candidate.program, region=region, raw=raw, candidate=candidate)
    person = candidate.person
    if result.nik and result.nik != person.nik and Person.objects.filter(nik=result.nik).exists():
        result.issues.append(Issue("nik", "nik_taken", "error", NIK_TAKEN))
    _entry_or_refuse(result, accept_warnings)
    values = result.cleaned()
    with transaction.atomic():
        before = {field: getattr(person, field) for field in CORRECTABLE}
        _fill_person(person, values)
        person.save()
        _set_groups(person, values["groups"])
        candidate.set_village(person.village_id)
        _move_candidate(candidate, CandidateStatus.RESUBMITTED, **_village_fields(candidate))
        changed = sorted(field for field in CORRECTABLE if getattr(person, field) != before[field])
        _audit_candidate(candidate, "resubmit", actor, {"changed": changed})


def _village_fields(obj) -> dict:
    return {name: getattr(obj, name) for name in ("village_id", "province_code", "regency_code", "district_code")}


#: Fields of a person a village may correct on a returned proposal (the audit row names the changed ones).
CORRECTABLE = (
    "nik",
    "kk_number",
    "full_name",
    "birth_place",
    "birth_date",
    "sex",
    "street",
    "rt",
    "rw",
    "village_id",
    "phone",
    "occupation",
)
