"""Replacements: the places freed by ended memberships go to the waiting list in a draft SK perubahan, under
the same funding source and quota rules; one draft at a time."""

import datetime as dt

import pytest

from jaring.billing.services import BillingError, membership_end_report, replacement_draft
from jaring.decrees.lifecycle import DecreeStatus, RecipientChange
from jaring.decrees.services import decree_draft, decree_finalize

from ..decrees import conftest as decrees
from .conftest import member

# The decree tests' program: an approved selection whose waiting list fills the freed places.
program, approved = decrees.program, decrees.approved
scan, today = decrees.scan, decrees.today


@pytest.fixture
def listed(program, approved, users):
    """The final decree's four recipients (APBD), each with an active membership from January."""
    decree = decree_draft(program=program, actor=users["verifikator"])
    decree = decree_finalize(decree=decree, number="400.7/12/KEP/2026", signed_on=today(), scan=scan(),
                             actor=users["pejabat"])  # fmt: skip
    rows = decree.recipients.select_related("candidate__person", "source").order_by("row")
    return [member(r.candidate, r.source, kpj=f"170100001{n:02d}") for n, r in enumerate(rows, start=1)]


def died(membership, users, day=dt.date(2026, 3, 12)):
    membership_end_report(membership=membership, cause="death", occurred_on=day, actor=users["verifikator"],
                          today=dt.date(2026, 12, 31))  # fmt: skip


def test_a_death_is_replaced_from_the_waiting_list_in_a_draft_amendment(program, approved, listed, users):
    gone = listed[0]
    died(gone, users)
    first_waiting = approved.entries.filter(outcome="waiting").order_by("waiting_rank").first()
    result = replacement_draft(program=program, actor=users["verifikator"])
    amendment = result.amendment
    assert amendment.status == DecreeStatus.DRAFT and amendment.effective_from == dt.date(2026, 4, 1)
    rows = {r.person_id: r for r in amendment.recipients.all()}
    assert rows[gone.person_id].change == RecipientChange.REMOVED
    assert rows[gone.person_id].reason == "Meninggal dunia 12-03-2026 (dilaporkan oleh verif)"
    assert rows[first_waiting.person_id].change == RecipientChange.ADDED
    assert [r.by is not None for r in result.replacements] == [True]
    assert result.names[gone.person_id] == gone.person.full_name


def test_the_effective_month_can_be_chosen(program, listed, users):
    died(listed[1], users)
    result = replacement_draft(program=program, actor=users["verifikator"], effective_from=dt.date(2026, 6, 1))
    assert result.amendment.effective_from == dt.date(2026, 6, 1)


def test_a_second_draft_is_refused_while_the_first_is_open(program, listed, users):
    died(listed[0], users)
    first = replacement_draft(program=program, actor=users["verifikator"]).amendment
    died(listed[1], users)
    with pytest.raises(BillingError, match=f"Sudah ada draf SK perubahan #{first.pk}.*tetapkan atau batalkan"):
        replacement_draft(program=program, actor=users["verifikator"])


def test_nothing_to_replace_is_said_plainly(program, listed, users):
    with pytest.raises(BillingError, match="Tidak ada penerima yang kepesertaannya berakhir"):
        replacement_draft(program=program, actor=users["verifikator"])


def test_only_those_who_draft_decrees_draft_the_replacement(program, listed, users):
    died(listed[0], users)
    with pytest.raises(BillingError, match="verifikator atau pejabat penetap"):
        replacement_draft(program=program, actor=users["bpjs"])
