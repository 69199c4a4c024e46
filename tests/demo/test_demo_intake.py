"""The intake stage of the demo: a program, files from most villages through the real services, returns.

Seeding runs once for the module (about 150 files through upload, check and commit), inside a transaction
that is rolled back at the end; each test runs in a savepoint of its own.
"""

from collections import Counter

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from jaring.accounts.models import User
from jaring.audit.models import AuditEvent
from jaring.demo.intake import demo_intake_seed
from jaring.demo.services import demo_regency_generate
from jaring.demo.users import demo_users_ensure
from jaring.intake.lifecycle import BatchStatus, CandidateStatus
from jaring.intake.models import Candidate, ImportBatch, ImportRow
from jaring.intake.selectors import batches_visible_to, candidates_visible_to
from jaring.programs.models import Program
from jaring.regions.models import Region
from jaring.regions.services import regions_load

from ..conftest import BESUKI

SEED = 7
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
        summary = demo_intake_seed(regency="35.03", seed=SEED)
        yield summary
        transaction.set_rollback(True)


@pytest.fixture
def program(seeded, db):
    return Program.objects.get()


def villages_of_trenggalek() -> int:
    return Region.objects.filter(code__startswith="35.03.", level=4).count()


def test_the_current_year_has_a_program_for_vulnerable_workers_of_the_regency(program):
    year = timezone.localdate().year
    assert (program.code, program.year, program.regency_id, program.category) == (
        f"pr-{year}",
        year,
        "35.03",
        "pekerja_rentan",
    )
    assert program.name == f"Bantuan iuran BPJS Ketenagakerjaan pekerja rentan {year}"


def test_most_villages_send_a_proposal_file(program):
    villages = set(ImportBatch.objects.filter(program=program).values_list("region_id", flat=True))
    assert len(villages) >= 0.8 * villages_of_trenggalek()
    assert all(code.startswith("35.03.") for code in villages)


def test_saved_files_become_candidates_of_their_own_village(program, seeded):
    candidates = Candidate.objects.filter(program=program).select_related("batch")
    assert candidates.count() == seeded.candidates > 5 * seeded.committed
    assert all(c.village_id == c.batch.region_id for c in candidates)
    assert not candidates.exclude(person__regency_code="35.03").exists()


def test_some_files_have_rows_with_errors_and_some_with_warnings(program):
    counts = list(ImportBatch.objects.filter(program=program).values_list("counts", flat=True))
    assert sum(1 for c in counts if c.get("error")) >= 3
    assert sum(1 for c in counts if c.get("warning")) >= 3
    rows = ImportRow.objects.filter(batch__program=program)
    flagged = rows.filter(status__in=["error", "warning"]).count()
    assert 0.02 < flagged / rows.count() < 0.15


def test_besuki_has_a_file_with_problems_waiting_for_its_operator_to_confirm(program):
    operator = User.objects.get(username="operator.besuki")
    waiting = batches_visible_to(operator).filter(program=program, status=BatchStatus.CHECKED)
    assert waiting.count() == 1
    batch = waiting.get()
    assert batch.region_id == BESUKI and batch.uploaded_by == operator
    assert batch.counts["error"] >= 1 and batch.counts["warning"] >= 1 and batch.counts["existing"] >= 1


def test_two_or_three_files_wait_for_confirmation_and_one_is_refused(program):
    by_status = Counter(ImportBatch.objects.filter(program=program).values_list("status", flat=True))
    assert 2 <= by_status[BatchStatus.CHECKED] <= 3
    refused = ImportBatch.objects.get(program=program, status=BatchStatus.REFUSED)
    assert refused.filename.endswith(".xlsx") and refused.message
    assert by_status[BatchStatus.COMMITTED] == sum(by_status.values()) - by_status[BatchStatus.CHECKED] - 1


def test_most_files_are_saved_with_their_warnings_accepted_and_a_few_without(program):
    saved = ImportBatch.objects.filter(program=program, status=BatchStatus.COMMITTED)
    accepted = saved.filter(warnings_accepted=True).count()
    assert 0.6 * saved.count() < accepted < saved.count()


def test_files_come_from_village_operators_where_the_demo_has_one(program):
    uploaders = dict(
        ImportBatch.objects.filter(program=program, uploaded_by__isnull=False).values_list(
            "region_id", "uploaded_by__username"
        )
    )
    assert uploaders == {BESUKI: "operator.besuki", "35.03.11.2001": "operator.ngares"}


def test_the_verifier_returns_proposals_with_a_message_three_or_more_in_besuki(program):
    returned = Candidate.objects.filter(program=program, status=CandidateStatus.RETURNED)
    assert 15 <= returned.count() <= 25
    assert all(len(c.return_message) > 20 for c in returned)
    operator = User.objects.get(username="operator.besuki")
    mine = candidates_visible_to(operator, program=program, status=CandidateStatus.RETURNED)
    assert mine.count() >= 3
    actors = set(AuditEvent.objects.filter(action="intake.candidate_return").values_list("actor__username", flat=True))
    assert actors == {"verifikator"}


def test_seeding_again_changes_nothing(program, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    before = (
        Program.objects.count(),
        ImportBatch.objects.count(),
        Candidate.objects.count(),
        AuditEvent.objects.count(),
    )
    assert demo_intake_seed(regency="35.03", seed=SEED) is None
    after = (
        Program.objects.count(),
        ImportBatch.objects.count(),
        Candidate.objects.count(),
        AuditEvent.objects.count(),
    )
    assert after == before
    assert not any(tmp_path.iterdir())


def test_the_summary_counts_what_was_written(program, seeded):
    assert seeded.batches == ImportBatch.objects.filter(program=program).count()
    assert seeded.returned == Candidate.objects.filter(status=CandidateStatus.RETURNED).count()
    text = str(seeded)
    assert text.startswith(f"program {program.code}: ") and "dikembalikan ke desa" in text


def test_the_intake_command_refuses_a_database_that_is_not_a_demo(program):
    with pytest.raises(CommandError, match="bukan basis data demo"):
        call_command("demo_intake")
