"""Verification end to end through the services: each status from real registry records, runs that change
only what changed, decisions that survive, a remote verifier that fails."""

import datetime as dt

import pytest

from jaring.accounts.roles import Role
from jaring.audit.models import AuditEvent
from jaring.intake.lifecycle import CandidateStatus
from jaring.intake.services import candidate_resubmit
from jaring.people.models import Coverage, Person
from jaring.regions.services import regions_load
from jaring.verification import services
from jaring.verification.lifecycle import Decision, RunStatus, Status
from jaring.verification.selectors import candidates_cleared, results_visible_to, status_counts

from ..civil.gateway import running_gateway
from ..conftest import BESUKI, NGARES, TERBIS, make_person, make_user
from .conftest import propose, record_of, resident, result_of, typo, verify

TULUNGAGUNG_VILLAGE = "35.04.01.1001"


def test_each_registry_finding_becomes_a_status_with_its_reasons(program):
    valid = resident(program, "SUTRISNO")
    mismatch = resident(program, "SRI WAHYUNI", record=False, sex="P")
    record_of(mismatch.person, full_name="SRI WAHYUNINGSIH")
    missing = resident(program, "TUMINI", record=False, village=TERBIS, sex="P")
    dead = resident(program, "SLAMET", record=False)
    record_of(dead.person, is_alive=False, death_date=dt.date(2025, 11, 2))
    regions_load(prefix="35.04")
    moved = resident(program, "AGUS", record=False, village=NGARES)
    record_of(moved.person, village=TULUNGAGUNG_VILLAGE)

    run = verify(program)

    assert run.status == RunStatus.DONE and run.written == 5
    assert result_of(valid).status == Status.VALID and result_of(valid).reasons == []
    found = result_of(mismatch)
    assert found.status == Status.MISMATCH
    assert found.reasons[0] == {
        "code": "full_name_differs", "field": "full_name", "ours": "SRI WAHYUNI", "registry": "SRI WAHYUNINGSIH"
    }  # fmt: skip
    assert result_of(missing).status == Status.NOT_FOUND
    assert result_of(dead).status == Status.DECEASED
    assert result_of(moved).status == Status.OUT_OF_REGION
    assert run.counts == {"deceased": 1, "mismatch": 1, "not_found": 1, "out_of_region": 1, "valid": 1}


def test_a_one_digit_nik_typo_gets_the_registry_nik_proposed(program):
    person = make_person(BESUKI, "SUPARMI", sex="P")
    record_of(person)
    wrong = typo(person.nik)
    Person.objects.filter(pk=person.pk).update(nik=wrong)
    candidate = propose(program, Person.objects.get(pk=person.pk))
    verify(program)
    result = result_of(candidate)
    assert result.status == Status.NIK_CORRECTED and result.registry_nik == person.nik


def test_one_person_proposed_twice_keeps_the_domicile_villages_proposal(program):
    kept = resident(program, "WAGIYO")  # Besuki, where the registry says he lives
    other = make_person(TERBIS, "WAGIYO", nik=typo(kept.person.nik))
    dropped = propose(program, other, source="dtks")
    verify(program)
    assert result_of(kept).status == Status.VALID
    result = result_of(dropped)
    assert result.status == Status.DUPLICATE
    reason = next(r for r in result.reasons if r["code"] == "duplicate_domicile")
    assert reason["ours"] == "WAGIYO" and reason["registry"] == BESUKI


def test_a_member_paid_by_the_village_fund_is_already_covered(program):
    candidate = resident(program, "PAIMAN")
    Coverage.objects.create(person=candidate.person, payer="apbdes", segment="bpu", start=dt.date(2025, 4, 1))
    verify(program)
    result = result_of(candidate)
    assert result.status == Status.ALREADY_COVERED
    assert result.reasons == [{"code": "already_covered", "field": "payer", "ours": "apbdes", "registry": "01-04-2025"}]


def test_village_fund_coverage_is_the_programs_own_when_the_village_fund_is_one_of_its_sources(program):
    candidate = resident(program, "PAIMAN")
    Coverage.objects.create(person=candidate.person, payer="apbdes", segment="bpu", start=dt.date(2025, 4, 1))
    program.sources.create(kind="apbdes", name="APBDes Besuki", amount=20_160_000, village_id=BESUKI)
    verify(program)
    assert result_of(candidate).status == Status.VALID


def test_age_outside_the_range_is_ineligible_using_the_registrys_birth_date(program):
    young = resident(program, "DIMAS", born=dt.date(2009, 5, 1))
    # Proposed as 40 years old, but the registry says 70: the registry decides.
    old = resident(program, "KASIMIN", record=False, born=dt.date(1986, 1, 1))
    record_of(old.person, birth_date=dt.date(1956, 1, 1))
    verify(program)
    assert result_of(young).status == Status.INELIGIBLE
    assert [r["code"] for r in result_of(young).reasons] == ["age_below"]
    assert result_of(old).status == Status.INELIGIBLE  # ineligible outranks the mismatch of birth dates
    assert [r["code"] for r in result_of(old).reasons] == ["birth_date_differs", "age_above"]


def test_a_civil_servant_in_the_registry_is_ineligible(program):
    candidate = resident(program, "BAMBANG", record=False)
    record_of(candidate.person, occupation="PEGAWAI NEGERI SIPIL (PNS)")
    verify(program)
    assert result_of(candidate).status == Status.INELIGIBLE
    assert result_of(candidate).reasons[0]["code"] == "civil_servant"


def test_a_rerun_on_unchanged_data_writes_nothing(program):
    candidates = [resident(program, name) for name in ("SUTRISNO", "PAIJO", "SUMINI")]
    verify(program)
    before = {c.pk: (r.verified_at, r.run_id) for c in candidates if (r := result_of(c))}
    run = verify(program)
    assert run.written == 0 and run.counts == {"valid": 3}
    assert {c.pk: (result_of(c).verified_at, result_of(c).run_id) for c in candidates} == before


def test_an_edited_candidate_is_verified_again_and_its_decision_reopened(program, users):
    verifier = users["verifikator"]
    candidate = resident(program, "SRI WAHYUNI", record=False, sex="P")
    record_of(candidate.person, full_name="SRI WAHYUNINGSIH")
    verify(program)
    services.result_accept_as_is(result=result_of(candidate), note="Nama panggilan, sesuai KK", actor=verifier)
    assert verify(program).written == 0
    assert result_of(candidate).decision == Decision.ACCEPTED_AS_IS  # kept across a re-run

    Person.objects.filter(pk=candidate.person_id).update(full_name="SRI WAHYUNINGSIH")
    run = verify(program, actor=verifier)
    result = result_of(candidate)
    assert run.written == 1 and result.status == Status.VALID and result.decision == Decision.PENDING
    assert AuditEvent.objects.filter(action="verification.decision_reset", object_id=str(result.pk)).exists()


def test_accepting_the_registry_data_corrects_the_person_and_stays_accepted(program, users):
    person = make_person(BESUKI, "SUPARMI", sex="P")
    record_of(person, full_name="SUPARMI WATI")
    wrong = typo(person.nik)
    Person.objects.filter(pk=person.pk).update(nik=wrong)
    candidate = propose(program, Person.objects.get(pk=person.pk))
    verify(program)
    services.result_accept_registry(result=result_of(candidate), actor=users["verifikator"])
    corrected = Person.objects.get(pk=person.pk)
    assert (corrected.nik, corrected.full_name) == (person.nik, "SUPARMI WATI")
    verify(program)  # the corrected data now matches: valid, and the decision stands
    result = result_of(candidate)
    assert result.status == Status.VALID and result.decision == Decision.ACCEPTED_REGISTRY
    event = AuditEvent.objects.get(action="verification.decision_accepted_registry")
    assert event.actor == users["verifikator"] and event.detail["changed"]["nik"] == [wrong, person.nik]


def test_accepting_a_registry_nik_another_person_holds_is_refused_with_what_to_do(program, users):
    holder = make_person(NGARES, "SUPARMI")
    record_of(holder)
    mistyped = make_person(BESUKI, "SUPARMI", nik=typo(holder.nik))
    candidate = propose(program, mistyped)
    verify(program)
    with pytest.raises(services.VerificationError, match="kembalikan usulan ini ke desa"):
        services.result_accept_registry(result=result_of(candidate), actor=users["verifikator"])
    assert Person.objects.get(pk=mistyped.pk).nik == mistyped.nik


def test_returning_sends_the_message_to_the_village_and_a_resubmission_reopens_review(program, users):
    candidate = resident(program, "SUTRISNO", record=False)
    verify(program)
    message = "NIK tidak ada di Dukcapil, cek KTP"
    services.result_return(result=result_of(candidate), message=message, actor=users["verifikator"])
    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.RETURNED and "cek KTP" in candidate.return_message
    operator = users["operator_besuki"]
    assert [r.candidate_id for r in results_visible_to(operator, program=program)] == [candidate.pk]

    raw = {"nik": candidate.person.nik, "full_name": "SUTRISNO", "birth_date": "12-04-1985", "sex": "L",
           "village": BESUKI, "occupation": "petani", "rt": "001", "rw": "002"}  # fmt: skip
    record_of(candidate.person)
    candidate_resubmit(candidate=candidate, raw=raw, accept_warnings=True, actor=operator)
    verify(program)
    result = result_of(candidate)
    assert result.status == Status.VALID and result.decision == Decision.PENDING


def test_rejecting_closes_the_candidate_and_later_runs_leave_it(program, users):
    candidate = resident(program, "DIMAS", born=dt.date(2010, 1, 1))
    verify(program)
    services.result_reject(result=result_of(candidate), note="Belum 18 tahun", actor=users["verifikator"])
    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.REJECTED
    assert verify(program).counts == {}
    assert result_of(candidate).decision == Decision.REJECTED


def test_bulk_decisions_report_each_refusal_by_name(program, users):
    first = resident(program, "PAIJO", record=False)
    second = resident(program, "PAIMAN", record=False)
    verify(program)
    services.result_reject(result=result_of(second), note="Ganda", actor=users["verifikator"])
    ids = [result_of(first).pk, result_of(second).pk]
    outcome = services.results_decide(ids=ids, action="return", text="Cek NIK", actor=users["verifikator"])
    assert outcome.done == 1 and len(outcome.refused) == 1 and outcome.refused[0].startswith("PAIMAN")


def test_notes_and_messages_are_required(program, users):
    candidate = resident(program, "PAIJO", record=False)
    verify(program)
    for service, text in ((services.result_accept_as_is, "note"), (services.result_reject, "note")):
        with pytest.raises(services.VerificationError):
            service(result=result_of(candidate), actor=users["verifikator"], **{text: "  "})
    with pytest.raises(services.VerificationError):
        services.result_return(result=result_of(candidate), message="", actor=users["verifikator"])


def test_a_failing_remote_verifier_leaves_candidates_unverified_and_decisions_intact(program, users, settings):
    decided = resident(program, "PAIJO", record=False)
    verify(program)  # no remote verifier configured: not found in the local extract
    services.result_accept_as_is(result=result_of(decided), note="KTP dicek langsung", actor=users["verifikator"])
    new = [resident(program, name, record=False) for name in ("PAIMAN", "PAINEM")]
    local = resident(program, "SUTRISNO")

    with running_gateway() as gateway:
        settings.CIVIL_VERIFIER_URL, settings.CIVIL_VERIFIER_TIMEOUT = gateway.url, 0.5
        settings.CIVIL_VERIFIER_RETRIES, settings.CIVIL_VERIFIER_RATE = 1, 1000
        gateway.script = ["500"]
        run = verify(program)
        assert run.status == RunStatus.DONE
        assert [result_of(c).status for c in new] == [Status.UNVERIFIED, Status.UNVERIFIED]
        assert "500" in result_of(new[0]).reasons[-1]["registry"]
        # One candidate's retries, then the run stops waiting on a service that is down.
        assert len(gateway.requests) == 2
        assert result_of(local).status == Status.VALID
        kept = result_of(decided)
        assert kept.status == Status.NOT_FOUND and kept.decision == Decision.ACCEPTED_AS_IS

        gateway.script = ["match"]
        verify(program)
        assert [result_of(c).status for c in new] == [Status.VALID, Status.VALID]
        assert result_of(decided).decision == Decision.ACCEPTED_AS_IS
        assert gateway.requests[-1]["body"]["nama"] in {"PAIJO", "PAIMAN", "PAINEM"}


def test_a_verifier_of_another_regency_can_do_nothing_here(program, users):
    regions_load(prefix="35.04")
    stranger = make_user("verif.ta", Role.VERIFIKATOR, "35.04")
    candidate = resident(program, "PAIJO", record=False)
    verify(program)
    with pytest.raises(services.VerificationError, match="berwenang"):
        services.verification_start(program=program, actor=stranger)
    with pytest.raises(services.VerificationError, match="berwenang"):
        services.result_accept_as_is(result=result_of(candidate), note="x", actor=stranger)
    assert not results_visible_to(stranger, program=program).exists()
    assert status_counts(users["verifikator"], program)["not_found"] == 1


def test_cleared_candidates_are_the_valid_and_the_accepted(program, users):
    valid = resident(program, "SUTRISNO")
    accepted = resident(program, "PAIJO", record=False)
    returned = resident(program, "PAIMAN", record=False)
    resident(program, "PAINEM", record=False)
    verify(program)
    services.result_accept_as_is(result=result_of(accepted), note="KTP dicek", actor=users["verifikator"])
    services.result_return(result=result_of(returned), message="Cek NIK", actor=users["verifikator"])
    assert set(candidates_cleared(program)) == {valid, accepted}


def test_starting_twice_is_refused_while_a_run_is_queued(program, users, django_capture_on_commit_callbacks):
    verifier = users["verifikator"]
    services.verification_start(program=program, actor=verifier)  # queued; the task runs on commit
    with pytest.raises(services.VerificationError, match="sedang berjalan"):
        services.verification_start(program=program, actor=verifier)
