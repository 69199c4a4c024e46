"""A recipient BPJS rejected is back in the verifier's queue with BPJS's reason. The candidate stays frozen: the
verifier may only accept it again (it is then in the next registration file); rejecting or returning it still
needs an SK perubahan."""

import datetime as dt

import pytest

from jaring.enrollment.selectors import awaiting_verifier, registration_queue
from jaring.enrollment.services import result_import_apply, result_import_stage
from jaring.verification import selectors as verification_selectors
from jaring.verification.lifecycle import Decision
from jaring.verification.services import (
    VerificationError,
    result_accept_as_is,
    result_reject,
    result_return,
    results_decide,
)

from ..verification.conftest import result_of, verify
from .conftest import rejected, results_file, signed_in

REASON = "NIK tidak terdaftar di Dukcapil"


@pytest.fixture
def bounced(program, decree, candidates, users):
    """AGUS rejected by BPJS."""
    staged = result_import_stage(
        program=program,
        data=results_file([rejected(candidates["AGUS"], REASON)]),
        filename="hasil.csv",
        actor=users["bpjs"],
    )
    result_import_apply(result_import=staged, actor=users["bpjs"], today=dt.date(2025, 12, 28))
    return result_of(candidates["AGUS"])


def test_the_rejected_recipient_waits_for_the_verifier_and_is_not_in_the_next_file(program, candidates, bounced):
    assert list(awaiting_verifier(program).values_list("person_id", flat=True)) == [candidates["AGUS"].person_id]
    assert candidates["AGUS"].person_id not in set(registration_queue(program).values_list("person_id", flat=True))


def test_the_verifiers_queue_shows_bpjss_reason_and_counts_it(client, program, users, bounced):
    signed_in(client, users["verifikator"])
    page = client.get(f"/verifikasi/antrian/?program={program.code}").content.decode()
    assert f"Ditolak BPJS Ketenagakerjaan: {REASON}" in page
    detail = client.get(f"/verifikasi/hasil/{bounced.pk}/").content.decode()
    assert f"Ditolak BPJS Ketenagakerjaan: {REASON}" in detail
    assert verification_selectors.pending_count(users["verifikator"], program) == 1


@pytest.mark.parametrize("refuse", [result_reject, result_return])
def test_rejecting_or_returning_a_frozen_recipient_still_needs_an_sk_perubahan(bounced, users, refuse):
    text = {"note": "x"} if refuse is result_reject else {"message": "x"}
    with pytest.raises(VerificationError, match="hanya lewat SK perubahan"):
        refuse(result=bounced, actor=users["verifikator"], **text)
    bounced.refresh_from_db()
    assert bounced.decision == Decision.PENDING


def test_accepting_again_puts_the_recipient_in_the_next_registration_file(program, candidates, bounced, users):
    result_accept_as_is(result=bounced, note="NIK sudah dicek ke Disdukcapil: benar.", actor=users["verifikator"])
    bounced.refresh_from_db()
    assert bounced.decision == Decision.ACCEPTED_AS_IS
    assert not awaiting_verifier(program).exists()
    assert candidates["AGUS"].person_id in set(registration_queue(program).values_list("person_id", flat=True))


def test_a_frozen_recipient_bpjs_did_not_reject_cannot_be_accepted_either(program, candidates, decree, users):
    result = result_of(candidates["PAIMAN"])
    outcome = results_decide(ids=[result.pk], action="accept_as_is", text="catatan", actor=users["verifikator"])
    assert outcome.done == 0 and "hanya lewat SK perubahan" in outcome.refused[0]


def test_a_verification_run_keeps_bpjss_open_finding(program, candidates, bounced):
    fingerprint = bounced.fingerprint
    person = candidates["AGUS"].person
    person.phone = "081234567890"
    person.full_name = "AGUS PRASETYO"  # a changed name changes the fingerprint: the result is rewritten
    person.save()
    verify(program)
    result = result_of(candidates["AGUS"])
    assert result.fingerprint != fingerprint
    assert any(r["code"] == "bpjs_rejected" and r["ours"] == REASON for r in result.reasons)
    assert result.decision == Decision.PENDING
