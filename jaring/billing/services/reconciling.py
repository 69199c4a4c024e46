"""Reconciliation with BPJS's billing and payment status file (issue #7 point 3), in two phases (DESIGN.md
§5.4): ``reconciliation_check`` compares without writing; ``reconciliation_stage`` keeps the file and its
differences for the operator to read, ``reconciliation_save`` makes them the month's result (or
``reconciliation_cancel`` drops them); ``reconciliation_import`` does both at once (``jaring reconcile
--wet-run``). Each difference is then marked resolved with a note (``reconciliation_item_resolve``).

Bad input is refused whole with the reason and nothing stored: an unreadable file or bad rows, a file of another
program or month or of several months, a month not billed yet, a file saved before.
"""

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import BooleanField, Case, Value, When
from django.utils import timezone

from jaring.enrollment.models import Membership
from jaring.programs.models import Program
from jaring.programs.rates import month_name, number

from ..models import Invoice, InvoiceLine, Reconciliation, ReconciliationItem
from ..reconciliation.compare import Comparison, Member, OurLine, compare
from ..reconciliation.files import RowProblem, StatusFile, StatusFileRefused, read_status_file
from ..reconciliation.lifecycle import ReconciliationRefused, ReconciliationStatus, check_reconciliation_transition
from ..reconciliation.synthetic import LineOut, synthetic_rows, write_status_file
from ..selectors import covered
from .common import BillingError, audit, require_biller, user_of

LOOKUP_CHUNK = 5000
SHOWN_PROBLEMS = 10


class StatusFileProblems(BillingError):
    """Rows of the file that cannot be read; ``problems`` names each with its row number."""

    def __init__(self, problems: list[RowProblem]):
        self.problems = problems
        listed = "; ".join(str(p) for p in problems[:SHOWN_PROBLEMS]) + (" …" if len(problems) > SHOWN_PROBLEMS else "")
        super().__init__(
            f"{number(len(problems))} baris berkas tidak terbaca, jadi belum ada yang dicocokkan. Perbaiki baris "
            f"itu, lalu unggah ulang. {listed}"
        )


@dataclass
class Report:
    """The comparison of one file with the program's month, and what it does not show row by row."""

    program: Program
    month: date
    filename: str
    sha256: str
    columns: dict[str, str]
    comparison: Comparison
    notices: list[str] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        return self.comparison.counts


def reconciliation_check(
    *, program: Program | None = None, month: date | None = None, name: str, data: bytes
) -> Report:
    """Compare the file with the program's invoices for the month, writing nothing. The month comes from the
    file's period column when not given, the program from the file's KPJs."""
    status = _read(data, name)
    month = _month(status, month)
    program = _program(status, program, month)
    digest = hashlib.sha256(data).hexdigest()
    _refuse_saved(program, digest)
    if not Invoice.objects.filter(program=program, month=month).exists():
        raise BillingError(f"{month_name(month)} belum ditagih untuk program {program.code}: jalankan penagihan "
                           "bulan itu dulu, lalu rekonsiliasi.")  # fmt: skip
    ours, without_kpj = _our_lines(program, month)
    theirs_only = {r.kpj for r in status.rows} - ours.keys()
    comparison = compare(ours.values(), status.rows, members=_members(program, theirs_only))
    return Report(program, month, name, digest, status.columns, comparison,
                  _notices(program, month, status, without_kpj))  # fmt: skip


def _read(data: bytes, name: str) -> StatusFile:
    try:
        status = read_status_file(data, name)
    except StatusFileRefused as exc:
        raise BillingError(str(exc)) from None
    if status.problems:
        raise StatusFileProblems(status.problems)
    return status


def _month(status: StatusFile, month: date | None) -> date:
    months = status.months
    if len(months) > 1:
        named = ", ".join(month_name(m) for m in months)
        raise BillingError(f"Berkas ini memuat beberapa bulan ({named}); unggah satu berkas per bulan.")
    if months and month and months[0] != month:
        raise BillingError(f"Berkas ini untuk {month_name(months[0])}, bukan {month_name(month)}. Periksa berkas "
                           "atau bulan yang dipilih.")  # fmt: skip
    if not months and month is None:
        raise BillingError("Berkas ini tidak punya kolom periode; sebutkan bulannya (misalnya --month 2026-03).")
    return month or months[0]


def _program(status: StatusFile, program: Program | None, month: date) -> Program:
    """The given program when the file's KPJs are its members, else the program most of them belong to among
    those billed that month (a person keeps one KPJ across programs and years)."""
    held = _programs_of_kpjs({r.kpj for r in status.rows})
    billed = set(Invoice.objects.filter(month=month, program_id__in=held).values_list("program_id", flat=True))
    billed.add(getattr(program, "pk", None))
    counts = Counter({pid: len(kpjs) for pid, kpjs in held.items() if pid in billed})
    if program is not None:
        _check_program(program, counts, len(status.rows))
        return program
    ranked = counts.most_common(2)
    if not ranked:
        raise BillingError("Tidak ada KPJ di berkas ini yang terdaftar di program yang sudah ditagih bulan itu; "
                           "sebutkan programnya dengan --program.")  # fmt: skip
    if len(ranked) == 2 and ranked[0][1] == ranked[1][1]:
        codes = ", ".join(p.code for p in Program.objects.filter(pk__in=[pid for pid, _ in ranked]))
        raise BillingError(f"KPJ di berkas ini peserta beberapa program ({codes}); pilih satu dengan --program.")
    return Program.objects.get(pk=ranked[0][0])


def _check_program(program: Program, counts: Counter, rows: int) -> None:
    mine = counts.get(program.pk, 0)
    other, most = next(((pid, n) for pid, n in counts.most_common() if pid != program.pk), (None, 0))
    if most > mine:
        raise BillingError(f"Berkas ini tampaknya untuk {_program_named(other, program)}: {number(most)} dari "
                           f"{number(rows)} KPJ-nya peserta program itu, {number(mine)} peserta program "
                           f"{program.code}. Tidak ada yang dicocokkan.")  # fmt: skip
    if mine == 0:
        raise BillingError(f"Tidak satu pun KPJ di berkas ini peserta program {program.code}. Periksa berkasnya: "
                           "mungkin untuk program lain.")  # fmt: skip


def _program_named(pid: int, program: Program) -> str:
    """Another program by name when it is of the same regency; a regency's programs are not named elsewhere."""
    other = Program.objects.get(pk=pid)
    if other.regency_id != program.regency_id:
        return "program kabupaten/kota lain"
    return f"program {other.name} ({other.code})"


def _programs_of_kpjs(kpjs: set[str]) -> dict[int, set[str]]:
    held: dict[int, set[str]] = defaultdict(set)
    ordered = sorted(kpjs)
    for start in range(0, len(ordered), LOOKUP_CHUNK):
        chunk = ordered[start : start + LOOKUP_CHUNK]
        for kpj, pid in Membership.objects.filter(kpj__in=chunk).values_list("kpj", "program_id"):
            held[pid].add(kpj)
    return held


def _lines(program: Program, month: date):
    return InvoiceLine.objects.filter(invoice__program=program, invoice__month=month).annotate(
        is_covered=Case(When(covered(), then=Value(True)), default=Value(False), output_field=BooleanField())
    )


def _our_lines(program: Program, month: date) -> tuple[dict[str, OurLine], int]:
    """The month's invoice lines by KPJ (paid when covered), and how many lines have no KPJ yet."""
    lines = _lines(program, month)
    fields = ("kpj", "amount", "is_covered", "membership_id", "village_id", "membership__person__full_name")
    ours = {
        kpj: OurLine(kpj, amount, amount if paid else Decimal(0), Member(mid, village, name))
        for kpj, amount, paid, mid, village, name in lines.exclude(kpj="").values_list(*fields)
    }
    return ours, lines.filter(kpj="").count()


def _members(program: Program, kpjs: set[str]) -> dict[str, Member]:
    found = {}
    ordered = sorted(kpjs)
    for start in range(0, len(ordered), LOOKUP_CHUNK):
        rows = Membership.objects.filter(program=program, kpj__in=ordered[start : start + LOOKUP_CHUNK])
        for kpj, pk, village, name in rows.values_list("kpj", "pk", "village_id", "person__full_name"):
            found[kpj] = Member(pk, village, name)
    return found


def _notices(program: Program, month: date, status: StatusFile, without_kpj: int) -> list[str]:
    notices = []
    if without_kpj:
        notices.append(f"{number(without_kpj)} kepesertaan di tagihan {month_name(month)} belum punya KPJ, jadi "
                       "tidak bisa dicocokkan dengan berkas BPJS.")  # fmt: skip
    if "paid" not in status.columns and "status" not in status.columns:
        notices.append("Berkas ini tidak memuat kolom pembayaran: hanya jumlah tagihan yang dicocokkan.")
    earlier = Reconciliation.objects.filter(program=program, month=month, status=ReconciliationStatus.SAVED)
    if last := earlier.order_by("-saved_at").first():
        notices.append(f"{month_name(month)} sudah pernah direkonsiliasi ({last.filename}, "
                       f"{_when(last.saved_at)}); hasil berkas ini disimpan terpisah.")  # fmt: skip
    return notices


def _when(moment) -> str:
    return timezone.localtime(moment).strftime("%d-%m-%Y %H:%M") if moment else "-"


def _refuse_saved(program: Program, digest: str) -> None:
    twin = Reconciliation.objects.filter(program=program, sha256=digest, status=ReconciliationStatus.SAVED).first()
    if twin is not None:
        raise BillingError(f"Berkas ini sudah pernah diimpor dan disimpan pada {_when(twin.saved_at)} "
                           f"({twin.filename}, {month_name(twin.month)}); tidak dihitung dua kali.")  # fmt: skip


def reconciliation_stage(*, program: Program, month: date | None = None, name: str, data: bytes,
                         actor) -> Reconciliation:  # fmt: skip
    """Phase 1: check the file and keep it with its differences for the operator to read; not the month's result
    until saved."""
    require_biller(actor, program.regency_id)
    report = reconciliation_check(program=program, month=month, name=name, data=data)
    with transaction.atomic():
        reconciliation = _store(report, data, actor)
        audit("reconciliation_checked", actor, object_type="reconciliation", object_id=reconciliation.pk,
              region_code=program.regency_id, detail=_detail(report))  # fmt: skip
    return reconciliation


def _store(report: Report, data: bytes, actor) -> Reconciliation:
    comparison = report.comparison
    reconciliation = Reconciliation(
        program=report.program, month=report.month, regency_code=report.program.regency_id,
        filename=report.filename[:255], sha256=report.sha256, rows=comparison.theirs, matched=comparison.matched,
        differences=len(comparison.differences), counts=comparison.counts, columns=report.columns,
        notices=report.notices, created_by=user_of(actor),
    )  # fmt: skip
    reconciliation.file.save(f"{report.sha256[:16]}-{report.filename[-80:]}", ContentFile(data), save=False)
    reconciliation.save()
    items = []
    for d in comparison.differences:
        item = ReconciliationItem(
            reconciliation=reconciliation, kind=d.kind, kpj=d.kpj, membership_id=d.member and d.member.membership_id,
            name=d.name[:120], row=d.row, our_billed=d.our_billed, our_paid=d.our_paid, their_billed=d.their_billed,
            their_paid=d.their_paid, action=d.action[:300],
        )  # fmt: skip
        item.set_region(d.member.village_id if d.member else None, reconciliation.regency_code)
        items.append(item)
    ReconciliationItem.objects.bulk_create(items, batch_size=1000)
    return reconciliation


def _detail(report: Report) -> dict:
    return {"program": report.program.code, "month": f"{report.month:%Y-%m}", "filename": report.filename,
            "sha256": report.sha256, "counts": report.counts}  # fmt: skip


def reconciliation_save(*, reconciliation: Reconciliation, actor) -> Reconciliation:
    """Phase 2: the checked differences become the month's result; the same file is never saved twice."""
    require_biller(actor, reconciliation.regency_code)
    try:
        with transaction.atomic():
            locked = Reconciliation.objects.select_for_update().get(pk=reconciliation.pk)
            _transition(locked, ReconciliationStatus.SAVED)
            _refuse_saved(locked.program, locked.sha256)
            locked.status, locked.saved_at, locked.saved_by = ReconciliationStatus.SAVED, timezone.now(), user_of(actor)
            locked.save(update_fields=["status", "saved_at", "saved_by", "updated_at"])
            audit("reconciliation_saved", actor, object_type="reconciliation", object_id=locked.pk,
                  region_code=locked.regency_code,
                  detail={"month": f"{locked.month:%Y-%m}", "sha256": locked.sha256,
                          "counts": locked.counts})  # fmt: skip
    except IntegrityError:
        # Another save of the same file won the race: it is the one that counts.
        raise BillingError("Berkas ini baru saja disimpan oleh orang lain; tidak dihitung dua kali.") from None
    return locked


def _transition(reconciliation: Reconciliation, target: ReconciliationStatus) -> None:
    try:
        check_reconciliation_transition(reconciliation.status, target)
    except ReconciliationRefused as exc:
        raise BillingError(str(exc)) from None


def reconciliation_cancel(*, reconciliation: Reconciliation, actor) -> None:
    """A checked file the operator will not keep: its differences are deleted (they name people)."""
    require_biller(actor, reconciliation.regency_code)
    with transaction.atomic():
        locked = Reconciliation.objects.select_for_update().get(pk=reconciliation.pk)
        _transition(locked, ReconciliationStatus.CANCELLED)
        locked.items.all().delete()
        locked.status = ReconciliationStatus.CANCELLED
        locked.save(update_fields=["status", "updated_at"])
        audit("reconciliation_cancelled", actor, object_type="reconciliation", object_id=locked.pk,
              region_code=locked.regency_code, detail={"month": f"{locked.month:%Y-%m}"})  # fmt: skip
    reconciliation.status = ReconciliationStatus.CANCELLED


def reconciliation_import(*, program: Program | None = None, month: date | None = None, name: str, data: bytes,
                          actor) -> Reconciliation:  # fmt: skip
    """Check, keep and save in one go (``jaring reconcile FILE --wet-run``)."""
    if program is None:
        program = reconciliation_check(month=month, name=name, data=data).program
    with transaction.atomic():
        staged = reconciliation_stage(program=program, month=month, name=name, data=data, actor=actor)
        return reconciliation_save(reconciliation=staged, actor=actor)


def reconciliation_item_resolve(*, item: ReconciliationItem, note: str, actor) -> ReconciliationItem:
    """Mark one difference settled, with what was done about it."""
    require_biller(actor, item.village_id or item.regency_code)
    note = " ".join((note or "").split())
    if not note:
        raise BillingError("Tulis catatan penyelesaiannya: apa yang sudah dilakukan untuk selisih ini.")
    with transaction.atomic():
        locked = ReconciliationItem.objects.select_for_update().select_related("reconciliation").get(pk=item.pk)
        if locked.reconciliation.status != ReconciliationStatus.SAVED:
            raise BillingError("Simpan hasil rekonsiliasi dulu; baru selisihnya bisa ditandai selesai.")
        if locked.resolved_at is not None:
            raise BillingError(f"Selisih KPJ {locked.kpj} sudah ditandai selesai pada {_when(locked.resolved_at)}.")
        locked.resolved_at, locked.resolved_by, locked.resolution_note = timezone.now(), user_of(actor), note[:300]
        locked.save(update_fields=["resolved_at", "resolved_by", "resolution_note"])
        audit("reconciliation_item_resolved", actor, object_type="reconciliation_item", object_id=locked.pk,
              region_code=locked.village_id or locked.regency_code,
              detail={"reconciliation": locked.reconciliation_id, "kind": locked.kind, "kpj": locked.kpj,
                      "note": locked.resolution_note})  # fmt: skip
    return locked


def status_file_synthetic(*, program: Program, month: date, fmt: str = "xlsx", paid_on: date | None = None,
                          plant: bool = True, seed: int = 7) -> tuple[bytes, dict]:  # fmt: skip
    """A BPJS status file for the program's billed month as a branch office might send it, with one difference of
    each kind planted (``reconciliation.synthetic``); returns the file and the planted KPJs by kind."""
    fields = ("kpj", "membership__person__nik", "membership__person__full_name", "invoice__kode_iuran", "amount",
              "is_covered")  # fmt: skip
    lines = [LineOut(*values) for values in _lines(program, month).exclude(kpj="").order_by("invoice_id", "line_no")
             .values_list(*fields)]  # fmt: skip
    rows, planted = synthetic_rows(lines, month=month, paid_on=paid_on or timezone.localdate(), plant=plant,
                                   seed=seed)  # fmt: skip
    return write_status_file(rows, fmt=fmt), planted
