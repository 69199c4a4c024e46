"""Budget absorption: the pure arithmetic, and the figures a program's sources show once months are billed and
paid."""

import datetime as dt
from decimal import Decimal

from jaring.billing.absorption import absorption, totals
from jaring.billing.selectors_absorption import absorption_of
from jaring.billing.services import bill_plan, invoices_issue, payment_record

from .conftest import JANUARY, RATE

D = Decimal


def test_the_projection_adds_the_months_not_yet_billed_at_their_rates():
    figures = absorption(allocated=D(1_000_000), committed=D(604_800), billed=D(100_800), paid=D(50_400),
                         unbilled=[(3, D(16_800)), (3, D(16_800)), (2, D(8_400))])  # fmt: skip
    assert figures.projected == D(100_800 + 2 * 50_400 + 16_800)
    assert (figures.remaining, figures.outstanding) == (D(949_600), D(50_400))
    assert figures.over_allocation == 0 and figures.paid_share == 5


def test_a_projection_past_the_allocation_says_by_how_much():
    figures = absorption(allocated=D(100_000), committed=D(0), billed=D(67_200), paid=D(0), unbilled=[(4, D(16_800))])
    assert figures.over_allocation == D(67_200 + 67_200 - 100_000)


def test_an_empty_allocation_has_no_share_and_totals_add_up():
    empty = absorption(allocated=D(0), committed=D(0), billed=D(0), paid=D(0), unbilled=[])
    other = absorption(allocated=D(10), committed=D(5), billed=D(4), paid=D(3), unbilled=[(1, D(2))])
    assert empty.paid_share == 0
    assert totals([empty, other]) == other


def test_a_programs_sources_show_committed_billed_paid_and_projected(program, memberships):
    invoices = invoices_issue(program=program, month=JANUARY, actor=None)
    apbd_invoice = next(b.invoice for b in invoices.bills if b.source.kind == "apbd_kabupaten")
    payment_record(kode_iuran=apbd_invoice.kode_iuran, amount=RATE, paid_on=JANUARY, channel="atm", actor=None)
    rows, total = absorption_of(program)
    by_kind = {row.source.kind: row.figures for row in rows}
    apbd, apbdes = by_kind["apbd_kabupaten"], by_kind["apbdes"]
    # The decree's rows cost a year each; three APBD memberships for 12 months at Rp16.800.
    assert apbd.committed == 3 * 12 * RATE and apbdes.committed == 12 * RATE
    assert (apbd.billed, apbd.paid, apbd.remaining) == (3 * RATE, RATE, 10 * 12 * RATE - RATE)
    assert apbd.projected == 3 * 12 * RATE and not apbd.over_allocation
    # A village budget may have PP 50/2025's discount in some months: each month is projected at its own rate.
    later = [bill_plan(program=program, month=dt.date(2026, m, 1)) for m in range(2, 13)]
    apbdes_later = sum(b.total for run in later for b in run.bills if b.source.kind == "apbdes")
    assert apbdes.projected == RATE + apbdes_later < 12 * RATE
    assert total.projected == apbd.projected + apbdes.projected
