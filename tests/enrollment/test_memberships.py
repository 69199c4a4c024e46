"""Memberships change status only through membership_transition, along MEMBERSHIP_TRANSITIONS, each change with
its event and audit row; pending ones become active on their start date; a final SK perubahan ends the
memberships of the recipients it removed; and verification counts other programs' memberships as coverage."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from jaring.audit.models import AuditEvent
from jaring.enrollment.lifecycle import MembershipStatus
from jaring.enrollment.models import Membership
from jaring.enrollment.services import EnrollmentError, membership_transition, memberships_activate_due
from jaring.enrollment.services.memberships import memberships_transition
from jaring.programs.models import Program
from jaring.verification.lifecycle import Status

from ..verification.conftest import propose, result_of, verify
from .conftest import amend, source_of


def member(candidate, source, *, kpj="17010000001", start=dt.date(2026, 1, 1), status=MembershipStatus.PENDING):
    decree = source.program.decrees.filter(status="final").order_by("-finalized_at").first()
    membership = Membership(
        person=candidate.person,
        program=source.program,
        source=source,
        decree=decree,
        kpj=kpj,
        participation_type="SG",
        start=start,
        status=status,
    )
    membership.set_village(candidate.village_id)
    membership.save()
    return membership


@pytest.fixture
def membership(program, decree, candidates):
    return member(candidates["PAIMAN"], source_of(program, "apbd_kabupaten"))


def test_a_transition_leaves_an_event_and_an_audit_row(membership, users):
    membership_transition(
        membership=membership, to="active", effective=dt.date(2026, 1, 1), reason="Mulai", actor=users["bpjs"]
    )
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.ACTIVE
    event = membership.events.get()
    assert (event.from_status, event.to_status, event.effective, event.reason, event.actor) == (
        "pending",
        "active",
        dt.date(2026, 1, 1),
        "Mulai",
        users["bpjs"],
    )
    audit = AuditEvent.objects.get(action="enrollment.membership_active")
    assert audit.object_id == str(membership.pk) and audit.detail["from"] == "pending"


def test_ending_a_membership_keeps_its_last_day(membership, users):
    membership_transition(membership=membership, to="ended", effective=dt.date(2026, 3, 31), reason="x", actor=None)
    membership.refresh_from_db()
    assert (membership.status, membership.end) == (MembershipStatus.ENDED, dt.date(2026, 3, 31))


@pytest.mark.parametrize(
    ("start", "target"), [("pending", "lapsed"), ("ended", "active"), ("active", "pending"), ("ended", "ended")]
)
def test_the_transition_table_refuses_other_moves(program, decree, candidates, start, target):
    membership = member(candidates["PAIMAN"], source_of(program, "apbd_kabupaten"), status=start)
    with pytest.raises(EnrollmentError, match=f"berstatus {start} tidak bisa menjadi {target}"):
        membership_transition(membership=membership, to=target, effective=dt.date(2026, 1, 1), reason="", actor=None)
    assert not membership.events.exists()


def test_many_change_together_or_not_at_all(program, decree, candidates):
    apbd = source_of(program, "apbd_kabupaten")
    pending = member(candidates["PAIMAN"], apbd)
    ended = member(candidates["WAGIYO"], apbd, kpj="17010000002", status=MembershipStatus.ENDED)
    day = dt.date(2026, 1, 1)
    with pytest.raises(EnrollmentError, match="berstatus ended"):
        memberships_transition(changes=[(pending, day), (ended, day)], to="active", reason="", actor=None)
    pending.refresh_from_db()
    assert pending.status == MembershipStatus.PENDING and not pending.events.exists()
    assert not AuditEvent.objects.filter(action__startswith="enrollment.membership").exists()


def test_a_user_outside_the_membership_region_cannot_change_it(membership, users):
    with pytest.raises(EnrollmentError, match="di luar wilayah"):
        membership_transition(
            membership=membership, to="active", effective=dt.date(2026, 1, 1), reason="", actor=users["operator_ngares"]
        )


def test_pending_memberships_become_active_on_their_start_date_only(program, decree, candidates, users):
    apbd = source_of(program, "apbd_kabupaten")
    early = member(candidates["PAIMAN"], apbd, start=dt.date(2026, 1, 1))
    late = member(candidates["WAGIYO"], apbd, kpj="17010000002", start=dt.date(2026, 2, 1))
    assert memberships_activate_due(today=dt.date(2026, 1, 31), actor=users["bpjs"]) == 1
    early.refresh_from_db()
    late.refresh_from_db()
    assert (early.status, late.status) == (MembershipStatus.ACTIVE, MembershipStatus.PENDING)
    assert early.events.get().effective == dt.date(2026, 1, 1)
    assert memberships_activate_due(today=dt.date(2026, 1, 31), actor=users["bpjs"]) == 0


def test_the_activation_command_is_a_dry_run_without_wet_run(program, decree, candidates):
    member(candidates["PAIMAN"], source_of(program, "apbd_kabupaten"))
    out = StringIO()
    call_command("memberships_activate", "--today", "2026-01-02", stdout=out)
    assert "1 kepesertaan" in out.getvalue() and "Uji coba" in out.getvalue()
    assert Membership.objects.get().status == MembershipStatus.PENDING
    call_command("memberships_activate", "--today", "2026-01-02", "--wet-run", stdout=out)
    assert "Diaktifkan: 1" in out.getvalue() and Membership.objects.get().status == MembershipStatus.ACTIVE


# --- decree_finalized: an SK perubahan ends the memberships of the rows it removed --------------------------------


def test_a_final_amendment_ends_the_removed_recipients_membership_at_the_end_of_its_signing_month(
    program, decree, candidates, users
):
    apbd = source_of(program, "apbd_kabupaten")
    removed = member(candidates["PAIMAN"], apbd, status=MembershipStatus.ACTIVE)
    kept = member(candidates["WAGIYO"], apbd, kpj="17010000002", status=MembershipStatus.ACTIVE)
    amendment = amend(
        decree, removed=[candidates["PAIMAN"]], reason="Meninggal dunia", signed_on=dt.date(2026, 3, 10),
        actor=users["pejabat"],
    )  # fmt: skip
    removed.refresh_from_db()
    kept.refresh_from_db()
    assert (removed.status, removed.end) == (MembershipStatus.ENDED, dt.date(2026, 3, 31))
    why = f"Dihapus dari daftar penerima oleh SK perubahan {amendment.number}: Meninggal dunia"
    assert removed.status_reason == why
    event = removed.events.get()
    assert (event.from_status, event.to_status, event.actor) == ("active", "ended", users["pejabat"])
    assert kept.status == MembershipStatus.ACTIVE and kept.end is None


def test_a_pending_membership_of_a_removed_recipient_ends_too(program, decree, candidates):
    membership = member(candidates["PAIMAN"], source_of(program, "apbd_kabupaten"), start=dt.date(2026, 5, 1))
    amend(decree, removed=[candidates["PAIMAN"]], signed_on=dt.date(2026, 3, 10))
    membership.refresh_from_db()
    assert (membership.status, membership.end) == (MembershipStatus.ENDED, dt.date(2026, 3, 31))


def test_an_original_decree_becoming_final_ends_nothing(program, decree, candidates):
    from jaring.decrees.models import Decree
    from jaring.decrees.signals import decree_finalized

    membership = member(candidates["PAIMAN"], source_of(program, "apbd_kabupaten"))
    decree_finalized.send(sender=Decree, decree=decree, actor=None)
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.PENDING


# --- already covered: verification sees other programs' memberships --------------------------------------------


def test_a_membership_paid_by_another_programs_different_payer_flags_the_candidate(program, decree, candidates):
    village_fund = source_of(program, "apbdes")
    member(candidates["SUTRISNO"], village_fund, status=MembershipStatus.ACTIVE)
    province = Program.objects.create(
        code="prov-2026", name="Program provinsi", year=2026, regency_id="35.03", category="pekerja_rentan"
    )
    province.sources.create(kind="apbd_provinsi", name="APBD Jawa Timur", amount=201_600)
    person = candidates["SUTRISNO"].person
    again = propose(province, person)
    verify(province)
    result = result_of(again)
    assert result.status == Status.ALREADY_COVERED
    assert {"code": "already_covered", "field": "payer", "ours": "apbdes", "registry": "01-01-2026"} in result.reasons


def test_a_membership_the_same_payer_kind_pays_or_that_ended_does_not_flag(program, decree, candidates, users):
    membership = member(candidates["PAIMAN"], source_of(program, "apbd_kabupaten"), status=MembershipStatus.ACTIVE)
    next_year = Program.objects.create(
        code="pr-2027", name="Bantuan iuran 2027", year=2027, regency_id="35.03", category="pekerja_rentan"
    )
    next_year.sources.create(kind="apbd_kabupaten", name="APBD Trenggalek 2027", amount=201_600)
    again = propose(next_year, candidates["PAIMAN"].person)
    verify(next_year)
    assert result_of(again).status == Status.VALID
    next_year.sources.all().update(kind="dbhcht")
    membership_transition(membership=membership, to="ended", effective=dt.date(2026, 6, 30), reason="x", actor=None)
    verify(next_year)
    assert result_of(again).status == Status.VALID  # ended before the 2027 program year


def test_the_programs_own_memberships_do_not_send_decided_results_back_to_review(program, decree, candidates):
    result = result_of(candidates["PAIMAN"])
    fingerprint = result.fingerprint
    member(candidates["PAIMAN"], source_of(program, "apbd_kabupaten"), status=MembershipStatus.ACTIVE)
    verify(program)
    assert result_of(candidates["PAIMAN"]).fingerprint == fingerprint
