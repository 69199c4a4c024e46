"""Phase 1 of an upload: store the file, check every row into an import batch, let the operator fix the column
mapping or cancel. Nothing here touches the registry."""

import hashlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.utils import timezone

from jaring.bulk import LOOKUP_CHUNK, BulkTable, as_json
from jaring.core.parallel import chunked_map, default_workers
from jaring.core.regioncodes import contains

from ..headers import FIELD_LABELS, guess_mapping
from ..lifecycle import BatchStatus
from ..models import Candidate, ColumnMapping, ImportBatch, ImportRow, RowStatus
from ..reading import FileRefused, read_table
from ..rules import RowContext, check_row, find_duplicates
from ..selectors import row_context
from .common import IntakeError, _audit, _enqueue_on_commit, _move

PROGRESS_EVERY_SECONDS = 0.5
#: Rows per unit of work handed to a checking process; small enough for progress to move every second.
CHECK_CHUNK = 2000
SYSTEM_FAILURE = (
    "Pemeriksaan berhenti karena kesalahan sistem. Tidak ada data yang ditulis. Coba lagi; bila terulang, "
    "hubungi admin dengan nomor batch ini."
)

logger = logging.getLogger(__name__)


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
        _rows_insert(rows)
        counts = _counts(rows)
        _move(batch, BatchStatus.CHECKED, rows_done=len(rows), rows_total=len(rows), counts=counts)
    return batch


class Checked(NamedTuple):
    """One checked row as a worker hands it back: what find_duplicates compares, and the row ready to store."""

    nik: str
    full_name: str
    birth_date: date | None
    raw_json: str
    cleaned_json: str
    issues: list[dict]


@dataclass(frozen=True)
class _Sheet:
    """What every checking process reads besides its rows (shared by fork, never pickled)."""

    ctx: RowContext
    header: list[str]
    mapping: dict[int, str]
    inexact: dict[int, frozenset[str]]
    long_numbers: dict[str, set[int]]


def _check_rows(batch, table, mapping, progress) -> list[Checked | None] | None:
    """Every row through rules.check_row, in worker processes for a large file; None when cancelled."""
    ctx = row_context(regency=batch.program.regency_id, upload_region=batch.region_id, today=timezone.localdate())
    inexact: dict[int, set[str]] = {}
    for row_index, column in getattr(table, "inexact", ()):
        if column in mapping:
            inexact.setdefault(row_index, set()).add(mapping[column])
    long_numbers = {mapping[c]: rows for c, rows in getattr(table, "long_number_rows", {}).items() if c in mapping}
    sheet = _Sheet(ctx, table.header, mapping, {i: frozenset(f) for i, f in inexact.items()}, long_numbers)
    jobs = list(enumerate(table.rows))
    results, last = [], time.monotonic()
    parts = chunked_map(
        _check_chunk,
        sheet,
        jobs,
        chunk=CHECK_CHUNK,
        workers=settings.INTAKE_CHECK_PROCESSES or default_workers(),
        parallel_from=settings.INTAKE_PARALLEL_FROM_ROWS,
    )
    for part in parts:
        results.extend(part)
        if time.monotonic() - last >= PROGRESS_EVERY_SECONDS or len(results) == len(jobs):
            last = time.monotonic()
            if _progress_and_cancelled(batch, len(results), len(jobs), progress):
                parts.close()  # stops the workers
                return None
    return results


def _check_chunk(sheet: _Sheet, jobs) -> list[Checked | None]:
    return [_check_one(sheet, index, cells) for index, cells in jobs]


def _check_one(sheet: _Sheet, index: int, cells: list) -> Checked | None:
    raw = {field: cells[col] for col, field in sheet.mapping.items() if col < len(cells)}
    if _only_prefilled(raw):
        return None
    long = frozenset(field for field, rows in sheet.long_numbers.items() if index in rows)
    result = check_row(raw, sheet.ctx, inexact_fields=sheet.inexact.get(index, frozenset()), long_number_fields=long)
    original = as_json(dict(zip(sheet.header, cells, strict=False)))
    issues = [issue.as_dict() for issue in result.issues]
    return Checked(result.nik, result.full_name, result.birth_date, original, as_json(result.cleaned()), issues)


def _only_prefilled(raw: dict[str, str]) -> bool:
    # The village template pre-fills the desa in 2,000 rows; an unused row is not a proposal.
    return not any(value.strip() for field, value in raw.items() if field not in {"village", "district"})


def _progress_and_cancelled(batch, done: int, total: int, progress) -> bool:
    ImportBatch.objects.filter(pk=batch.pk).update(rows_done=done)
    if progress:
        progress(done, total)
    return ImportBatch.objects.filter(pk=batch.pk, cancel_requested=True).exists()


_ROW_FIELDS = ("batch", "row_number", "raw", "cleaned", "status", "issues", "accepted")


def _rows_with_status(batch, table, all_results: list[Checked | None]) -> list[tuple]:
    """One tuple per checked row, in ImportRow's _ROW_FIELDS order, with the problems found across rows."""
    kept = [i for i, result in enumerate(all_results) if result is not None]
    results = [all_results[i] for i in kept]
    row_numbers = [table.row_numbers[i] for i in kept]
    duplicates = find_duplicates(results, row_numbers=row_numbers)
    existing = _already_proposed(batch, [r.nik for r in results if r.nik])
    rows = []
    for index, result in enumerate(results):
        issues = result.issues + [i.as_dict() for i in duplicates.get(index, ())]
        status = _status(issues)
        if status != RowStatus.ERROR and result.nik in existing:
            status = RowStatus.EXISTING
        rows.append((batch.pk, row_numbers[index], result.raw_json, result.cleaned_json, status, issues, False))
    return rows


def _already_proposed(batch, niks: list[str]) -> set[str]:
    proposed = Candidate.objects.filter(program=batch.program)
    if len(niks) > LOOKUP_CHUNK:  # a large file: one pass over the program's candidates beats many IN lists
        return set(niks) & set(proposed.values_list("person__nik", flat=True).iterator(chunk_size=10_000))
    found: set[str] = set()
    for start in range(0, len(niks), LOOKUP_CHUNK):
        part = niks[start : start + LOOKUP_CHUNK]
        found.update(
            Candidate.objects.filter(program=batch.program, person__nik__in=part).values_list("person__nik", flat=True)
        )
    return found


def _rows_insert(rows: list[tuple]) -> None:
    table = BulkTable(ImportRow, _ROW_FIELDS)
    with connection.cursor() as cursor:
        table.add(((*row[:5], as_json(row[5]) if row[5] else "[]", row[6]) for row in rows), cursor)
        table.flush(cursor)


def _status(issues: list[dict]) -> str:
    severities = {i["severity"] for i in issues}
    return RowStatus.ERROR if "error" in severities else RowStatus.WARNING if severities else RowStatus.OK


def _counts(rows: list[tuple]) -> dict:
    """Rows per status, and problems per kind (by code, with one example message to show the operator)."""
    counts: dict = {status: 0 for status in RowStatus.values}
    kinds: dict[str, dict] = {}
    for _batch, _number, _raw, _cleaned, status, issues, _accepted in rows:
        counts[status] += 1
        for issue in issues:
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
