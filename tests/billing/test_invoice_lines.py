"""Invoice lines copy their membership and village without database foreign keys (for the speed of a
1,000,000-line run, see InvoiceLine); what a user could notice of that must not change."""

import pytest
from django.db.models import ProtectedError

from jaring.billing.models import InvoiceLine
from jaring.billing.services import invoices_issue

from .conftest import JANUARY


def test_a_billed_membership_cannot_be_deleted(program, memberships):
    invoices_issue(program=program, month=JANUARY, actor=None)
    with pytest.raises(ProtectedError):
        memberships["PAIMAN"].delete()
    assert InvoiceLine.objects.filter(membership=memberships["PAIMAN"]).count() == 1


def test_lines_carry_their_memberships_village_and_kpj(program, memberships):
    invoices_issue(program=program, month=JANUARY, actor=None)
    for line in InvoiceLine.objects.select_related("membership"):
        assert (line.village_id, line.kpj) == (line.membership.village_id, line.membership.kpj)
        assert line.district_code == line.village_id[:8]
