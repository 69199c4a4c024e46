"""The verification stage of the demo: a real run over the demo's proposals finds every kind of problem.

Seeding (regency, intake, verification) runs once for the module inside a transaction rolled back at the end.
"""

from collections import Counter

import pytest
from django.db import transaction
from django.test import override_settings

from jaring.audit.models import AuditEvent
from jaring.demo.intake import demo_intake_seed
from jaring.demo.services import demo_regency_generate
from jaring.demo.users import demo_users_ensure
from jaring.demo.verification import demo_verification_seed
from jaring.intake.lifecycle import CandidateStatus
from jaring.intake.models import Candidate
from jaring.regions.services import regions_load
from jaring.verification.lifecycle import Decision, Status
from jaring.verification.models import VerificationResult, VerificationRun

SEED = 11
POPULATION = 6000


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")),
        transaction.atomic(),
    ):
        regions_load(prefix="35.03")
        regions_load(prefix="35.04")  # where the demo's movers went
        demo_regency_generate(regency="35.03", population=POPULATION, seed=SEED)
        demo_users_ensure()
        demo_intake_seed(regency="35.03", seed=SEED)
        summary = demo_verification_seed(regency="35.03", seed=SEED)
        yield summary
        transaction.set_rollback(True)


@pytest.fixture
def results(seeded, db):
    return VerificationResult.objects.select_related("candidate")


def test_the_review_queue_holds_every_kind_of_finding_the_local_extract_can_give(seeded, results):
    found = Counter(results.values_list("status", flat=True))
    expected = set(Status) - {Status.UNVERIFIED}  # that one needs a remote verifier that failed
    assert expected <= set(found), f"missing: {expected - set(found)}"
    assert found[Status.VALID] > sum(n for s, n in found.items() if s != Status.VALID)  # most proposals are fine
    assert seeded.counts == dict(found)


def test_each_demo_operator_has_a_proposal_returned_by_verification_to_fix(results):
    returned = results.filter(decision=Decision.RETURNED)
    villages = set(returned.values_list("candidate__village_id", flat=True))
    assert {"35.03.01.2001", "35.03.11.2001"} <= villages  # Besuki and Ngares, the demo operators' villages
    for result in returned:
        assert result.candidate.status == CandidateStatus.RETURNED and "NIK" in result.candidate.return_message


def test_the_verifier_has_taken_decisions_and_left_the_rest_pending(results):
    decisions = Counter(results.values_list("decision", flat=True))
    assert decisions[Decision.ACCEPTED_REGISTRY] >= 1 and decisions[Decision.REJECTED] >= 1
    assert decisions[Decision.PENDING] > 10 * sum(n for d, n in decisions.items() if d != Decision.PENDING)
    assert AuditEvent.objects.filter(action="verification.decision_accepted_registry").exists()


def test_the_same_person_again_from_dtsen_is_a_duplicate_of_the_village_proposal(results):
    duplicate = results.filter(status=Status.DUPLICATE).first()
    kept = results.filter(registry_nik=duplicate.registry_nik).exclude(pk=duplicate.pk).get()
    assert kept.status != Status.DUPLICATE
    assert {duplicate.candidate.source, kept.candidate.source} == {"dtsen", "usulan"}


def test_seeding_again_changes_nothing(seeded, db):
    runs = VerificationRun.objects.count()
    assert demo_verification_seed(regency="35.03", seed=SEED) is None
    assert VerificationRun.objects.count() == runs == 1
    assert Candidate.objects.filter(source="dtsen").exists()
