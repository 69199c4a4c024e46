"""The billing stage of the demo, once memberships exist: months billed and paid, one village fund in arrears and
the DBHCHT short, a death replaced from the waiting list, BPJS's status file reconciled, donations received.

Seeding (every stage up to billing) runs once for the module inside a transaction rolled back at the end; the
billing stage runs on 22 November of the program's year, or today when that is later.
"""

import datetime as dt
from collections import Counter

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from jaring.billing.lifecycle import InvoiceStatus
from jaring.billing.models import Invoice, Reconciliation
from jaring.decrees.models import Decree
from jaring.demo.billing import demo_billing_seed
from jaring.demo.decree import demo_decree_seed
from jaring.demo.enrollment import demo_enrollment_seed
from jaring.demo.intake import demo_intake_seed
from jaring.demo.selection import demo_selection_seed
from jaring.demo.services import demo_regency_generate
from jaring.demo.users import demo_users_ensure
from jaring.demo.verification import demo_verification_seed
from jaring.donations.models import Donation
from jaring.enrollment.models import Membership
from jaring.enrollment.rules import end_of_month
from jaring.programs.models import Program
from jaring.regions.services import regions_load

SEED = 11
POPULATION = 3000


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")),
        transaction.atomic(),
    ):
        regions_load(prefix="35.03")
        demo_regency_generate(regency="35.03", population=POPULATION, seed=SEED)
        demo_users_ensure()
        demo_intake_seed(regency="35.03", seed=SEED)
        demo_verification_seed(regency="35.03", seed=SEED)
        demo_selection_seed(regency="35.03", seed=SEED)
        program = Program.objects.get()
        today = max(timezone.localdate(), dt.date(program.year, 11, 22))
        demo_decree_seed(regency="35.03", seed=SEED)
        demo_enrollment_seed(program, today=dt.date(program.year, 1, 15))
        summary = demo_billing_seed(program, today=today)
        yield program, summary, today
        transaction.set_rollback(True)


@pytest.fixture
def program(seeded, db):
    return seeded[0]


def test_every_month_to_this_one_is_billed_once_per_source(seeded, program):
    _, summary, today = seeded
    months = sorted(set(Invoice.objects.filter(program=program).values_list("month", flat=True)))
    assert months == [dt.date(program.year, m, 1) for m in range(1, today.month + 1)] == months
    assert summary.months == today.month
    per_month = Counter(Invoice.objects.filter(program=program).values_list("month", flat=True))
    assert len(set(per_month.values())) == 1 and summary.invoices == sum(per_month.values())


def test_sources_pay_before_the_due_day_except_one_village_fund_and_the_dbhcht_short(seeded, program):
    _, summary, today = seeded
    due = Invoice.objects.filter(program=program, due_on__lt=today).select_related("source")
    last = max(i.month.month for i in due)
    unpaid = {(i.source.name, i.month.month) for i in due if i.status == InvoiceStatus.ISSUED}
    assert unpaid == {(summary.late, last - 1), (summary.late, last)}
    short = [i for i in due if i.status == InvoiceStatus.PARTIAL]
    assert [(i.source.kind, i.month.month) for i in short] == [("dbhcht", last)]
    not_due = Invoice.objects.filter(program=program, month=dt.date(program.year, today.month, 1))
    assert not not_due.exclude(status=InvoiceStatus.ISSUED).exists()


def test_the_coverage_check_lapsed_the_members_in_arrears(seeded, program):
    _, summary, _ = seeded
    lapsed = Membership.objects.filter(program=program, status="lapsed")
    assert lapsed.count() == summary.in_arrears > 0
    assert {m.source.name for m in lapsed.select_related("source")} >= {summary.late}


def test_a_death_is_replaced_from_the_waiting_list_by_a_final_sk_perubahan(seeded, program):
    today = seeded[2]
    dead = Membership.objects.get(program=program, status="ended", status_reason__startswith="Meninggal dunia")
    assert dead.end == end_of_month(today)
    amendment = Decree.objects.get(program=program, number__startswith="188.45/214/")
    assert amendment.status == "final" and amendment.recipients.filter(change="removed", person=dead.person).exists()
    added = amendment.recipients.get(change="added")
    replacement = Membership.objects.get(program=program, person=added.person)
    following = min(end_of_month(today) + dt.timedelta(days=1), dt.date(program.year, 12, 1))  # inside the program
    assert (replacement.start, replacement.status) == (following, "pending")


def test_bpjss_status_file_is_reconciled_with_one_difference_of_each_kind(program):
    reconciliation = Reconciliation.objects.get(program=program)
    last_due = Invoice.objects.filter(program=program, status="partial").get().month
    assert reconciliation.status == "saved" and reconciliation.month == last_due
    assert len(set(reconciliation.items.values_list("kind", flat=True))) == 5


def test_donations_received_are_the_donation_sources_budget(program):
    source = program.sources.get(kind="donasi")
    donations = Donation.objects.filter(source=source)
    assert donations.count() == 3 and donations.filter(anonymous=True).count() == 1
    assert source.amount == sum(d.amount for d in donations)
    assert Invoice.objects.filter(program=program, source=source).exists()


def test_seeding_again_changes_nothing(seeded, program):
    assert demo_billing_seed(program, today=seeded[2]) is None
