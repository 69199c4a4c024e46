"""BPJS's answer to a registration file, in two phases (DESIGN.md §5.4): every row checked and the report
stored (``result_import_stage``), then applied on confirmation only, whole or not at all
(``result_import_apply``): accepted rows become pending memberships with their KPJ, rejected rows go back to the
verifier's queue with BPJS's reason, and memberships whose start date has come become active."""

import hashlib
from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from jaring.decrees.models import DecreeRecipient
from jaring.decrees.selectors import current_recipients, latest_final_decree
from jaring.intake.reading import MB, FileRefused, read_table
from jaring.intake.rules import clean_id_number
from jaring.people.models import Coverage
from jaring.programs.rates import number
from jaring.verification.models import VerificationResult
from jaring.verification.services import VerificationError, result_reopen_after_bpjs

from ..changes import announce
from ..lifecycle import MembershipRefused, MembershipStatus, ResultImportStatus, check_import_transition
from ..models import Membership, MembershipEvent, ResultImport
from ..results import (
    Context,
    Outcome,
    Recipient,
    RowIn,
    RowReport,
    check_rows,
    clean_kpj,
    counts,
    guess_columns,
    missing_columns,
)
from ..rules import StartBasis, program_first_day
from ..selectors import (
    added_by_amendment,
    agreement_starts,
    applied_import,
    awaiting_verifier,
    program_of_niks,
    registration_queue,
)
from .common import EnrollmentError, audit, audit_many, require_registrar
from .memberships import memberships_activate_due
from .registration import participation_types

MAX_BYTES = 20 * MB
MAX_ROWS = 200_000
LOOKUP_CHUNK = 5000
ACCEPTED = "Diterima BPJS Ketenagakerjaan dengan KPJ {kpj} (berkas {filename})."


@dataclass
class Report:
    """The whole check of one file: which header each field was read from, every row, counts, notices."""

    columns: dict[str, str]
    rows: list[RowReport]
    counts: dict[str, int]
    notices: list[str]

    @property
    def errors(self) -> int:
        return self.counts.get(Outcome.ERROR, 0)


@dataclass(frozen=True)
class Applied:
    memberships: int
    to_verifier: int
    unchanged: int
    activated: int


def read_results(data: bytes, filename: str) -> tuple[dict[str, str], list[RowIn]]:
    """The file's rows as text, with the header each field was found under; EnrollmentError if unreadable."""
    try:
        table = read_table(data, filename, max_bytes=MAX_BYTES, max_rows=MAX_ROWS)
    except FileRefused as exc:
        raise EnrollmentError(str(exc)) from None
    columns = guess_columns(table.header)
    if problem := missing_columns(columns):
        raise EnrollmentError(problem)
    nik = columns["nik"]
    long_rows = table.long_number_rows.get(nik, set())

    def cell(cells: list[str], name: str) -> str:
        return cells[columns[name]] if name in columns else ""

    rows = [
        RowIn(
            row=table.file_row(index),
            **{name: cell(cells, name) for name in ("nik", "kpj", "status", "reason", "start")},
            name=cell(cells, "full_name"),
            nik_long_number=index in long_rows,
            nik_inexact=(index, nik) in table.inexact,
        )
        for index, cells in enumerate(table.rows)
        if any(cells)
    ]
    return {name: table.header[index] for name, index in columns.items()}, rows


def results_check(*, program, data: bytes, filename: str) -> Report:
    """Phase 1 without writing anything: every row against the program's current recipients and memberships.
    A file applied before is refused whole (same content, same SHA-256)."""
    if latest_final_decree(program) is None:
        raise EnrollmentError("Program ini belum punya SK final: belum ada penerima yang bisa didaftarkan.")
    _refuse_applied(hashlib.sha256(data).hexdigest())
    columns, rows = read_results(data, filename)
    if not rows:
        raise EnrollmentError("Berkas tidak berisi baris data.")
    reports = check_rows(rows, _context(program, rows))
    return Report(columns, reports, counts(reports), _notices(program, reports))


def _context(program, rows: list[RowIn]) -> Context:
    fields = ("person__nik", "person_id", "pk", "person__full_name", "source_id")
    recipients = {
        nik: Recipient(person, pk, name, source)
        for nik, person, pk, name, source in current_recipients(program).values_list(*fields)
    }
    kpjs = sorted({k for k in (clean_kpj(r.kpj) for r in rows) if k})
    owners: dict[str, int] = {}
    for start in range(0, len(kpjs), LOOKUP_CHUNK):
        chunk = kpjs[start : start + LOOKUP_CHUNK]
        for model in (Membership, Coverage):
            for kpj, person in model.objects.filter(kpj__in=chunk).values_list("kpj", "person_id"):
                owners.setdefault(kpj, person)
    return Context(
        recipients=recipients,
        member_kpj=dict(Membership.objects.filter(program=program).values_list("person_id", "kpj")),
        kpj_owners=owners,
        agreements=agreement_starts(program),
        first_day=program_first_day(program.year, program.start_month),
        awaiting=frozenset(awaiting_verifier(program).values_list("person_id", flat=True)),
        added_from=added_by_amendment(program),
    )


def _notices(program, reports: list[RowReport]) -> list[str]:
    """What the report says above its rows: where start dates come from, and who the file did not answer for."""
    notices = []
    starts = Counter((r.start, r.start_basis) for r in reports if r.outcome == Outcome.MEMBERSHIP)
    for (start, basis), n in sorted(starts.items()):
        day = date.fromisoformat(start).strftime("%d-%m-%Y")
        notices.append(
            {
                StartBasis.PROGRAM: f"Program ini belum punya PKS: {number(n)} kepesertaan mulai {day}, hari pertama "
                "bulan pertama program. Catat PKS-nya di halaman ini bila tanggal mulainya lain.",
                StartBasis.AGREEMENT: f"{number(n)} kepesertaan mulai {day} sesuai PKS.",
                StartBasis.FILE: f"{number(n)} kepesertaan mulai {day} sesuai tanggal di berkas BPJS.",
                StartBasis.AMENDMENT: f"{number(n)} kepesertaan pengganti mulai {day}, bulan berlakunya SK perubahan "
                "yang menambahkannya.",
            }[basis]
        )
    answered = [r.person_id for r in reports if r.person_id]
    missing = registration_queue(program).exclude(person_id__in=answered).count()
    if missing:
        notices.append(
            f"{number(missing)} penerima yang belum terdaftar tidak ada di berkas ini; mereka tetap masuk berkas "
            "pendaftaran berikutnya."
        )
    return notices


def _refuse_applied(digest: str) -> None:
    if found := applied_import(digest):
        when = timezone.localtime(found.applied_at).strftime("%d-%m-%Y %H:%M") if found.applied_at else "-"
        raise EnrollmentError(f"Berkas ini sudah pernah diimpor ({found.filename}, {when}); tidak diterapkan lagi.")


def result_import_stage(*, program, data: bytes, filename: str, actor) -> ResultImport:
    """Phase 1: check the file and store it with its report; nothing about people changes yet."""
    require_registrar(actor, program.regency_id)
    digest = hashlib.sha256(data).hexdigest()
    report = results_check(program=program, data=data, filename=filename)
    with transaction.atomic():
        result_import = ResultImport(
            program=program,
            filename=filename[:255],
            sha256=digest,
            uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        _keep(result_import, report)
        result_import.file.save(f"{digest[:16]}-{filename[-80:]}", ContentFile(data), save=False)
        result_import.save()
        _audit(result_import, "results_upload", actor, {"filename": filename, "sha256": digest})
    return result_import


def _keep(result_import: ResultImport, report: Report) -> None:
    result_import.columns, result_import.counts, result_import.notices = report.columns, report.counts, report.notices
    result_import.rows = [r.as_dict() for r in report.rows]


def _audit(result_import: ResultImport, action: str, actor, detail: dict | None = None) -> None:
    program = result_import.program
    audit(
        action,
        actor,
        object_type="result_import",
        object_id=result_import.pk,
        region_code=program.regency_id,
        detail={"program": program.code, "counts": result_import.counts, **(detail or {})},
    )


def result_import_apply(*, result_import: ResultImport, actor, today: date | None = None) -> Applied:
    """Phase 2, on confirmation: checked again against today's data, then applied whole, or refused whole when a
    row has an error. Memberships whose start date has come become active at once."""
    program = result_import.program
    require_registrar(actor, program.regency_id)
    today = today or timezone.localdate()
    _check_status(result_import, ResultImportStatus.APPLIED)
    with result_import.file.open("rb") as handle:
        report = results_check(program=program, data=handle.read(), filename=result_import.filename)
    if report.errors:
        _keep(result_import, report)
        result_import.save(update_fields=["columns", "rows", "counts", "notices", "updated_at"])
        raise EnrollmentError(
            f"{number(report.errors)} baris masih bermasalah, jadi tidak ada yang diterapkan. Perbaiki berkasnya, "
            "lalu unggah ulang."
        )
    with transaction.atomic():
        locked = ResultImport.objects.select_for_update().get(pk=result_import.pk)
        _check_status(locked, ResultImportStatus.APPLIED)
        _refuse_applied(locked.sha256)
        created = _memberships_create(program, report, locked, actor, today)
        rejected = _rejections(report, actor)
        _keep(locked, report)
        locked.status, locked.applied_at = ResultImportStatus.APPLIED, timezone.now()
        locked.applied_by = actor if getattr(actor, "is_authenticated", False) else None
        locked.save()
        _audit(locked, "results_apply", actor, {"memberships": created, "to_verifier": rejected})
        activated = memberships_activate_due(today=today, actor=actor, program=program)
    result_import.refresh_from_db()
    return Applied(created, rejected, report.counts[Outcome.UNCHANGED], activated)


def _check_status(result_import: ResultImport, target: ResultImportStatus) -> None:
    try:
        check_import_transition(result_import.status, target)
    except MembershipRefused as exc:
        raise EnrollmentError(str(exc)) from None


def _memberships_create(program, report: Report, result_import: ResultImport, actor, today: date) -> int:
    """Pending memberships for the accepted rows, from their decree rows (person, source, decree, village)."""
    accepted = [r for r in report.rows if r.outcome == Outcome.MEMBERSHIP]
    rows = DecreeRecipient.objects.filter(pk__in=[r.recipient_id for r in accepted]).select_related("source")
    recipients = {row.pk: row for row in rows}
    types = participation_types(program.regency_id)
    memberships = []
    for report_row in accepted:
        recipient = recipients[report_row.recipient_id]
        membership = Membership(
            person_id=recipient.person_id,
            program=program,
            source_id=recipient.source_id,
            decree_id=recipient.decree_id,
            kpj=report_row.kpj,
            participation_type=types.get(recipient.source.kind, ""),
            status=MembershipStatus.PENDING,
            start=date.fromisoformat(report_row.start),
        )
        membership.set_village(recipient.village_id)
        memberships.append(membership)
    Membership.objects.bulk_create(memberships, batch_size=1000)
    announce(program.pk)
    user = actor if getattr(actor, "is_authenticated", False) else None
    events = [
        MembershipEvent(
            membership=m,
            from_status="",
            to_status=MembershipStatus.PENDING,
            effective=today,
            reason=ACCEPTED.format(kpj=m.kpj, filename=result_import.filename)[:200],
            actor=user,
        )
        for m in memberships
    ]
    MembershipEvent.objects.bulk_create(events, batch_size=1000)
    audit_many(
        "membership_pending",
        actor,
        object_type="membership",
        rows=[
            (m.pk, m.village_id, {"from": "", "to": "pending", "kpj": m.kpj, "import": result_import.pk})
            for m in memberships
        ],
    )
    return len(memberships)


def _rejections(report: Report, actor) -> int:
    """Each rejected recipient's verification result back to the verifier, with BPJS's reason."""
    rejected = {r.recipient_id: r for r in report.rows if r.outcome == Outcome.TO_VERIFIER}
    candidates = dict(DecreeRecipient.objects.filter(pk__in=list(rejected)).values_list("candidate_id", "pk"))
    results = VerificationResult.objects.filter(candidate_id__in=list(candidates)).select_related("candidate")
    done = 0
    for result in results.order_by("pk"):
        reason = rejected[candidates[result.candidate_id]].reason
        try:
            result_reopen_after_bpjs(result=result, bpjs_reason=reason, actor=actor)
        except VerificationError as exc:
            raise EnrollmentError(str(exc)) from None
        done += 1
    return done


def result_import_cancel(*, result_import: ResultImport, actor) -> None:
    """A checked file the operator will not apply (it had errors, or it was the wrong file)."""
    require_registrar(actor, result_import.program.regency_id)
    with transaction.atomic():
        locked = ResultImport.objects.select_for_update().get(pk=result_import.pk)
        _check_status(locked, ResultImportStatus.CANCELLED)
        locked.status = ResultImportStatus.CANCELLED
        locked.save(update_fields=["status", "updated_at"])
        _audit(locked, "results_cancel", actor)
    result_import.status = ResultImportStatus.CANCELLED


def program_for_file(data: bytes, filename: str):
    """The one program whose current recipients include every NIK of the file (``jaring bpjs-import`` without
    ``--program``); EnrollmentError when none or several do."""
    _, rows = read_results(data, filename)
    niks = {nik for nik, _issues in (clean_id_number(r.nik, "nik") for r in rows) if nik}
    programs = program_of_niks(niks)
    if len(programs) == 1:
        return programs[0]
    if not programs:
        raise EnrollmentError(
            "Tidak ada program yang penerimanya memuat semua NIK di berkas ini; sebutkan programnya dengan --program."
        )
    codes = ", ".join(p.code for p in programs)
    raise EnrollmentError(f"NIK di berkas ini penerima beberapa program ({codes}); pilih satu dengan --program.")
