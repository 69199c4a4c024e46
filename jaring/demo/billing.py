"""The billing stage of the demo, once memberships exist: every month of the program up to this one billed by
the BPJS officer, the regency's treasurer paying each month a few days before it falls due, except that one
village fund (APBDes) has not paid its last two due months and the DBHCHT paid its last month only in part, so
the arrears warnings show after the coverage check. A recipient paid by the APBD died early this month: the
verifier reports it, drafts the SK perubahan that gives the place to the waiting list, the pejabat makes it
final and the replacement is registered with BPJS from next month. All through the real services;
deterministic for a program and a day.
"""

import io
import time
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from random import Random

from django.db import transaction
from django.utils import timezone

from jaring.accounts.models import User
from jaring.accounts.roles import Role
from jaring.audit.services import audit_record
from jaring.billing.arrears import EndCause
from jaring.billing.models import Invoice, PaymentChannel
from jaring.billing.periods import add_months
from jaring.billing.services import (
    coverage_refresh,
    invoices_issue,
    membership_end_report,
    payment_record,
    reconciliation_import,
    replacement_draft,
    status_file_synthetic,
)
from jaring.donations.models import DonorKind
from jaring.donations.services import donation_record
from jaring.enrollment.selectors import enrollment_started, kpjs_in_use
from jaring.enrollment.services import registration_export, result_import_apply, result_import_stage
from jaring.programs import costs
from jaring.programs.models import FundingKind

from .decree import _finalize, _next_month
from .enrollment import bpjs_answer
from .selection import _demo_user
from .selectors import member_to_die
from .services import _number, _seconds

#: The DBHCHT's last due month is paid short by this many people's contributions (a part payment).
SHORT_LINES = 6


@dataclass(frozen=True, slots=True)
class BillingSummary:
    program: str
    months: int
    invoices: int
    billed: Decimal
    paid: Decimal
    late: str
    in_arrears: int
    replaced: str
    differences: int | None
    seconds: float

    def __str__(self) -> str:
        return (
            f"iuran {self.program}: {self.months} bulan ditagih ({self.invoices} tagihan, "
            f"Rp{_number(int(self.billed))}), dibayar Rp{_number(int(self.paid))}; {self.late} menunggak, "
            f"{_number(self.in_arrears)} kepesertaan dengan tunggakan; {self.replaced}; rekonsiliasi BPJS: "
            f"{self.differences if self.differences is not None else '-'} selisih; {_seconds(self.seconds)}"
        )


def demo_billing_seed(program, *, today: date) -> BillingSummary | None:
    """Seed the billing stage of ``program``; None when it has no memberships or was billed already."""
    if not enrollment_started(program) or Invoice.objects.filter(program=program).exists():
        return None
    started = time.perf_counter()
    officer, treasurer = (User.objects.get(username=_demo_user(r)) for r in (Role.PETUGAS_BPJS, Role.PERENCANA))
    months = _months(program, today)
    with transaction.atomic():
        _donations(program, treasurer, today)
        for month in months:
            invoices_issue(program=program, month=month, actor=officer)
        late = _late_source(program)
        _pay(program, today, treasurer, late)
        died = _death_replaced(program, today, officer)
        check = coverage_refresh(program=program, today=today, actor=officer)
        reconciled = _reconcile(program, today, officer)
        detail = {"today": today.isoformat(), "late": late.name, "died": died, "levels": check.counts,
                  "reconciliation": reconciled}  # fmt: skip
        audit_record(actor=None, action="demo.billing", object_type="program", object_id=program.pk,
                     region_code=program.regency_id, detail=detail)  # fmt: skip
    invoices = Invoice.objects.filter(program=program)
    billed = sum((i.total for i in invoices), Decimal(0))
    paid = sum((i.paid for i in invoices), Decimal(0))
    in_arrears = sum(n for level, n in check.counts.items() if level != "fine")
    return BillingSummary(program.code, len(months), invoices.count(), billed, paid, late.name, in_arrears,
                          died, reconciled, time.perf_counter() - started)  # fmt: skip


def _months(program, today: date) -> list[date]:
    first, last = costs.program_start(program), costs.program_last_month(program)
    months, month = [], first
    while month <= min(last, today.replace(day=1)):
        months.append(month)
        month = add_months(month, 1)
    return months


def _late_source(program):
    """The village fund that has not paid lately: the last APBDes by name (the same one for the same data)."""
    village_funds = program.sources.filter(kind=FundingKind.APBDES).order_by("name")
    return village_funds.last() or program.sources.order_by("name").last()


def _pay(program, today: date, treasurer, late) -> None:
    """Each invoice paid 3–10 days before it falls due, if that day has come; the late source skips its last two
    due months and the DBHCHT pays its last due month short."""
    rng = Random(f"jaring-demo-billing:{program.code}")
    due = list(Invoice.objects.filter(program=program, due_on__lt=today).select_related("source").order_by("month"))
    last_due = max((i.month for i in due), default=None)
    for invoice in due:
        if invoice.source_id == late.pk and last_due and invoice.month >= add_months(last_due, -1):
            continue
        amount = invoice.total
        if invoice.source.kind == FundingKind.DBHCHT and invoice.month == last_due:
            amount -= min(SHORT_LINES, invoice.lines_count - 1) * invoice.rate
        paid_on = min(invoice.due_on - timedelta(days=rng.randint(3, 10)), today)
        channel = PaymentChannel.TELLER if invoice.source.kind == FundingKind.APBDES else PaymentChannel.TRANSFER
        reference = f"SP2D-{invoice.month:%y%m}-{invoice.source_id:03d}-{rng.randint(1000, 9999)}"
        if amount > 0:
            # Recorded on the day it was paid, so the coverage check each payment runs sees that day's arrears.
            payment_record(kode_iuran=invoice.kode_iuran, amount=amount, paid_on=paid_on, channel=channel,
                           reference=reference, actor=treasurer, today=paid_on)  # fmt: skip


def _death_replaced(program, today: date, officer) -> str:
    """An APBD recipient died on the 3rd of this month (or today, early in a month): the verifier reports it, the
    replacement SK perubahan is drafted and made final, and the replacement registered with BPJS."""
    verifier, official = (User.objects.get(username=_demo_user(r)) for r in (Role.VERIFIKATOR, Role.PEJABAT))
    membership = member_to_die(program)
    died_on = today.replace(day=min(3, today.day))
    membership_end_report(membership=membership, cause=EndCause.DEATH, occurred_on=died_on, actor=verifier,
                          note="Surat keterangan kematian dari desa (data demo)", today=today)  # fmt: skip
    draft = replacement_draft(program=program, actor=verifier, effective_from=_next_month(program, today))
    # Signed today; a demo staged at a later day of its year (tests) cannot sign in the future.
    amendment = _finalize(draft.amendment, 214, min(today, timezone.localdate()), official)
    added = [r.by for r in draft.replacements if r.by is not None]
    if not added:
        return f"1 meninggal, tidak ada pengganti di daftar tunggu (SK perubahan {amendment.number})"
    exported = io.BytesIO()
    registration_export(program=program, fmt="csv", target=exported, actor=officer)
    answer = bpjs_answer(exported.getvalue(), program=program, taken=kpjs_in_use(), rejections=False)
    staged = result_import_stage(program=program, data=answer, filename=f"hasil-pengganti-{program.code}.csv",
                                 actor=officer)  # fmt: skip
    result_import_apply(result_import=staged, actor=officer, today=today)
    return f"1 meninggal, diganti {len(added)} orang lewat SK perubahan {amendment.number}"


def _reconcile(program, today: date, officer) -> int | None:
    """BPJS's status file for the last month past due, with one difference of each kind as a branch's file has
    them, saved by the BPJS officer; returns how many differences await follow-up (None: nothing due yet)."""
    due = Invoice.objects.filter(program=program, due_on__lt=today).order_by("-month").first()
    if due is None:
        return None
    data, _ = status_file_synthetic(program=program, month=due.month, fmt="xlsx")
    saved = reconciliation_import(program=program, month=due.month, name=f"status-iuran-{due.month:%Y-%m}.xlsx",
                                  data=data, actor=officer)  # fmt: skip
    return saved.items.count()


#: Who gave to the demo's donation campaign (invented names), in worker-years at the donor's own rate.
DONORS = (
    ("PT Sumber Makmur Trenggalek (data demo)", DonorKind.COMPANY, 14),
    ("BAZNAS Kabupaten (data demo)", DonorKind.BAZNAS, 12),
    ("", DonorKind.PERSON, 8),
)


def _donations(program, planner, today: date) -> None:
    """The campaign's donations, received in the program's first month: a company's CSR, BAZNAS and anonymous
    donors, together two worker-years more than the decree commits, which an SK perubahan can still use."""
    source = program.sources.filter(kind=FundingKind.DONASI).first()
    if source is None:
        return
    year = costs.person_cost(program, source.kind).total
    first = costs.program_start(program)
    for n, (donor, kind, people) in enumerate(DONORS, start=1):
        received = min(first.replace(day=4 + 5 * n), today)
        donation_record(source=source, donor_name=donor, anonymous=not donor, donor_kind=kind, amount=year * people,
                        received_on=received, reference=f"TRF-DONASI-{n:03d}",
                        note="Donasi penggalangan publik (data demo)", actor=planner, today=today)  # fmt: skip
