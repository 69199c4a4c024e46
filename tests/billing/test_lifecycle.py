"""Ends reported by a village or BPJS, and deaths read from the civil registry: cover stops at the end of the
month of the event, the reason says what, when and who."""

import datetime as dt

import pytest

from jaring.audit.models import AuditEvent
from jaring.billing.services import BillingError, deaths_from_civil, membership_end_report
from jaring.civil.models import CivilRecord
from jaring.enrollment.models import Membership, MembershipEvent

TODAY = dt.date(2026, 4, 2)


def report(membership, actor, *, cause="death", occurred_on=dt.date(2026, 3, 12), note=""):
    return membership_end_report(membership=membership, cause=cause, occurred_on=occurred_on, note=note,
                                 actor=actor, today=TODAY)  # fmt: skip


def test_a_reported_death_ends_the_membership_at_the_end_of_that_month(memberships, users):
    report(memberships["PAIMAN"], users["verifikator"])
    paiman = Membership.objects.get(pk=memberships["PAIMAN"].pk)
    assert (paiman.status, paiman.end) == ("ended", dt.date(2026, 3, 31))
    assert paiman.status_reason == "Meninggal dunia 12-03-2026 (dilaporkan oleh verif)"
    event = MembershipEvent.objects.get(membership=paiman, to_status="ended")
    assert event.actor == users["verifikator"] and event.effective == dt.date(2026, 3, 31)
    assert AuditEvent.objects.filter(action="billing.membership_end_reported", detail__cause="death").exists()


@pytest.mark.parametrize(
    ("cause", "words"),
    [("moved_out", "Pindah keluar kabupaten"), ("wage_earner", "Menjadi pekerja penerima upah"),
     ("withdrew", "Mengundurkan diri")],
)  # fmt: skip
def test_every_cause_ends_at_month_end_with_its_words_and_the_note(memberships, users, cause, words):
    report(memberships["WAGIYO"], users["bpjs"], cause=cause, occurred_on=dt.date(2026, 2, 3), note="surat desa")
    wagiyo = Membership.objects.get(pk=memberships["WAGIYO"].pk)
    assert wagiyo.end == dt.date(2026, 2, 28)
    assert wagiyo.status_reason == f"{words} 03-02-2026 (dilaporkan oleh bpjs): surat desa"


def test_the_village_operator_reports_ends_in_her_own_village_only(memberships, users):
    report(memberships["PAIMAN"], users["operator_besuki"], cause="moved_out")
    with pytest.raises(BillingError, match="tidak berwenang"):
        report(memberships["AGUS"], users["operator_besuki"])
    with pytest.raises(BillingError, match="tidak berwenang"):
        report(memberships["AGUS"], users["perencana"])
    assert Membership.objects.get(pk=memberships["AGUS"].pk).status == "active"


def test_an_end_in_the_future_an_unknown_cause_or_a_second_end_is_refused(memberships, users):
    agus = memberships["AGUS"]
    with pytest.raises(BillingError, match="setelah hari ini"):
        report(agus, users["verifikator"], occurred_on=dt.date(2026, 4, 3))
    with pytest.raises(BillingError, match="tidak dikenal"):
        report(agus, users["verifikator"], cause="married")
    report(agus, users["verifikator"])
    with pytest.raises(BillingError, match="sudah berakhir 31-03-2026"):
        report(Membership.objects.get(pk=agus.pk), users["verifikator"], cause="withdrew")


def test_a_death_in_the_civil_registry_ends_the_membership_at_that_months_end(memberships, users):
    CivilRecord.objects.filter(nik=memberships["WAGIYO"].person.nik).update(
        is_alive=False, death_date=dt.date(2026, 2, 3)
    )
    ended = deaths_from_civil(program=memberships["WAGIYO"].program, actor=users["verifikator"])
    assert [m.pk for m in ended] == [memberships["WAGIYO"].pk]
    wagiyo = Membership.objects.get(pk=memberships["WAGIYO"].pk)
    assert (wagiyo.status, wagiyo.end) == ("ended", dt.date(2026, 2, 28))
    assert wagiyo.status_reason == "Meninggal dunia 03-02-2026 menurut data Dukcapil"
    assert deaths_from_civil(program=wagiyo.program, actor=None) == []  # read again: nothing twice


def test_only_billing_roles_read_deaths_from_the_civil_registry(memberships, users):
    with pytest.raises(BillingError, match="tidak berwenang"):
        deaths_from_civil(program=memberships["AGUS"].program, actor=users["operator_besuki"])
