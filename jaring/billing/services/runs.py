"""The monthly billing run: one invoice per funding source of a program, a line per membership the source pays
for that month, all at the rate in force that month. Idempotent: a month already billed gives back its invoice.

The lines are written by one ``INSERT … SELECT`` from the memberships, so a million of them take seconds and
never pass through Python (benchmarks/bench_billing.py).
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Q

from jaring.enrollment.changes import announce
from jaring.enrollment.models import Membership
from jaring.programs.costs import package_of, program_last_month, program_start, rate_tables
from jaring.programs.models import FundingSource, Program
from jaring.programs.rates import CostError, month_cost, month_name, number, rupiah

from ..codes import issue_code
from ..models import Invoice, InvoiceLine
from ..periods import due_date, last_day
from ..selectors import settings_for
from .common import BillingError, audit, require_biller, user_of


@dataclass(frozen=True)
class SourceBill:
    """One source's bill for the month: the invoice when it exists (``created`` when this run wrote it)."""

    source: FundingSource
    lines: int
    rate: Decimal
    total: Decimal
    invoice: Invoice | None = None
    created: bool = False


@dataclass(frozen=True)
class BillRun:
    program: Program
    month: date
    bills: list[SourceBill]

    @property
    def total(self) -> Decimal:
        return sum((b.total for b in self.bills), Decimal(0))

    @property
    def lines(self) -> int:
        return sum(b.lines for b in self.bills)


def billable(program: Program, source: FundingSource, month: date):
    """Memberships the source pays for in ``month``: started by its last day, not ended before its first. A
    membership ended at a month's end is billed for that month; months are billed whole (domain-facts §7.3)."""
    return _billable_in(program, month).filter(source=source)


def _billable_in(program: Program, month: date):
    return Membership.objects.filter(program=program, start__lte=last_day(month)).filter(
        Q(end__isnull=True) | Q(end__gte=month)
    )


def _billable_counts(program: Program, month: date) -> dict[int, int]:
    """Billable memberships per source, in one pass: a count per source would read all the program's
    memberships once for each source, and a regency may have an APBDes source in every village."""
    return dict(_billable_in(program, month).order_by().values_list("source").annotate(n=Count("pk")))


def check_month(program: Program, month: date) -> None:
    first, last = program_start(program), program_last_month(program)
    if month < first:
        raise BillingError(
            f"{month_name(month)} sebelum program {program.code} mulai ({month_name(first)}): tidak ada yang ditagih."
        )
    if month > last:
        raise BillingError(f"{month_name(month)} setelah bulan terakhir program {program.code} ({month_name(last)}).")


def _rate(program: Program, source: FundingSource, month: date, tables) -> Decimal:
    try:
        return month_cost(*tables, package_of(program), month, source.kind).total
    except CostError as exc:
        raise BillingError(f"Tarif {month_name(month)} untuk {source.name} tidak bisa dihitung: {exc}") from None


def bill_plan(*, program: Program, month: date) -> BillRun:
    """What the run for ``month`` gives, without writing: existing invoices as they are, new ones as counts."""
    check_month(program, month)
    tables, bills = rate_tables(), []
    existing = {i.source_id: i for i in Invoice.objects.filter(program=program, month=month)}
    counts = None
    for source in program.sources.order_by("kind", "name"):
        if (invoice := existing.get(source.pk)) is not None:
            bills.append(SourceBill(source, invoice.lines_count, invoice.rate, invoice.total, invoice))
            continue
        counts = _billable_counts(program, month) if counts is None else counts
        if lines := counts.get(source.pk, 0):
            rate = _rate(program, source, month, tables)
            bills.append(SourceBill(source, lines, rate, rate * lines))
    return BillRun(program, month, bills)


def invoices_issue(*, program: Program, month: date, actor) -> BillRun:
    """Bill ``month`` for every source of the program that pays memberships that month. A source already billed
    keeps its invoice unchanged (never a second one); each new invoice gets a kode iuran and an audit row."""
    require_biller(actor, program.regency_id)
    check_month(program, month)
    with transaction.atomic():
        Program.objects.select_for_update().filter(pk=program.pk).first()
        plan = bill_plan(program=program, month=month)
        bills = [b if b.invoice else _issue(program, month, b, actor) for b in plan.bills]
        announce(program.pk, [month])
    return BillRun(program, month, bills)


def _issue(program: Program, month: date, bill: SourceBill, actor) -> SourceBill:
    regency = program.regency_id
    try:
        with transaction.atomic():
            invoice = Invoice.objects.create(
                program=program,
                source=bill.source,
                month=month,
                regency_code=regency,
                kode_iuran=_free_code(regency, month),
                rate=bill.rate,
                due_on=due_date(month, settings_for(regency).due_day),
                created_by=user_of(actor),
            )
            lines = _insert_lines(invoice, program, bill.source, month)
    except IntegrityError:
        # A run beside this one billed the month first: its invoice is the month's.
        invoice = Invoice.objects.get(program=program, source=bill.source, month=month)
        return SourceBill(bill.source, invoice.lines_count, invoice.rate, invoice.total, invoice)
    invoice.lines_count, invoice.total = lines, bill.rate * lines
    Invoice.objects.filter(pk=invoice.pk).update(lines_count=lines, total=invoice.total)
    audit("invoice_issued", actor, object_type="invoice", object_id=invoice.pk, region_code=regency,
          detail={"program": program.code, "source": bill.source.name, "month": f"{month:%Y-%m}", "lines": lines,
                  "total": str(invoice.total), "kode_iuran": invoice.kode_iuran})  # fmt: skip
    return SourceBill(bill.source, lines, bill.rate, invoice.total, invoice, created=True)


def _free_code(regency: str, month: date) -> str:
    taken = set(Invoice.objects.filter(kode_iuran__startswith=issue_code(regency, month.year, month.month, 0)[:7])
                .values_list("kode_iuran", flat=True))  # fmt: skip
    for serial in range(1, 1000):
        code = issue_code(regency, month.year, month.month, serial)
        if code not in taken:
            return code
    raise BillingError(f"Kode iuran {month_name(month)} untuk kabupaten ini sudah habis (999 tagihan).")


def _insert_lines(invoice: Invoice, program: Program, source: FundingSource, month: date) -> int:
    """Every billable membership as a line, numbered by desa then membership, in one statement."""
    line, member = InvoiceLine._meta.db_table, Membership._meta.db_table
    q = connection.ops.quote_name
    sql = (
        f"INSERT INTO {q(line)} (invoice_id, {q('line_no')}, membership_id, kpj, amount, village_id, "
        f"district_code, regency_code, province_code) "
        f"SELECT %s, ROW_NUMBER() OVER (ORDER BY m.village_id, m.id), m.id, m.kpj, %s, m.village_id, "
        f"m.district_code, m.regency_code, m.province_code FROM {q(member)} m "
        f"WHERE m.program_id = %s AND m.source_id = %s AND m.start <= %s "
        f"AND (m.{q('end')} IS NULL OR m.{q('end')} >= %s)"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [invoice.pk, invoice.rate, program.pk, source.pk, last_day(month), month])
        return cursor.rowcount


def bill_summary(run: BillRun) -> list[str]:
    """The run in lines a treasurer reads: one per source, then the total."""
    out = []
    for b in run.bills:
        state = "baru" if b.created else ("sudah ada" if b.invoice else "belum ditagih")
        code = f", kode iuran {b.invoice.kode_iuran}" if b.invoice else ""
        out.append(f"{b.source.name}: {number(b.lines)} kepesertaan × {rupiah(b.rate)} = {rupiah(b.total)} "
                   f"({state}{code})")  # fmt: skip
    out.append(f"Jumlah {month_name(run.month)}: {number(run.lines)} kepesertaan, {rupiah(run.total)}")
    return out
