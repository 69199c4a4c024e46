"""Monitoring fixtures: the billing fixtures' program with four memberships from January 2026 (SUTRISNO on
the APBDes of Besuki; PAIMAN and WAGIYO of Besuki and AGUS of Ngares on the APBD), January to March billed,
the APBD's January paid, and the figures computed as of 20 April 2026."""

import datetime as dt

import pytest

from jaring.billing.models import Invoice
from jaring.billing.services import invoices_issue, payment_record
from jaring.monitoring.services import facts_refresh

from ..billing.conftest import JANUARY, RATE, member, memberships  # noqa: F401
from ..enrollment.conftest import candidates, decree, program, signed_in, source_of  # noqa: F401

TODAY = dt.date(2026, 4, 20)


@pytest.fixture
def billed(program, memberships):  # noqa: F811
    for month in (1, 2, 3):
        invoices_issue(program=program, month=dt.date(2026, month, 1), actor=None)
    january = Invoice.objects.get(source__kind="apbd_kabupaten", month=JANUARY)
    payment_record(kode_iuran=january.kode_iuran, amount=3 * RATE, paid_on=dt.date(2026, 2, 10), channel="teller",
                   actor=None, today=TODAY)  # fmt: skip
    facts_refresh(program=program, today=TODAY)
    return memberships
