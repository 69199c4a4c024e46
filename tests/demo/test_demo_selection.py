"""The selection stage of the demo: funding sources of three kinds, an approved selection whose people each
source may pay for, and a waiting list with its reasons.

Seeding (regency, intake, verification, selection) runs once for the module inside a transaction rolled back
at the end.
"""

from collections import Counter

import pytest
from django.db import transaction
from django.test import override_settings

from jaring.audit.models import AuditEvent
from jaring.demo.intake import demo_intake_seed
from jaring.demo.selection import demo_selection_seed
from jaring.demo.services import demo_regency_generate
from jaring.demo.users import demo_users_ensure
from jaring.demo.verification import demo_verification_seed
from jaring.programs.lifecycle import SelectionStatus
from jaring.programs.models import Program, Selection, SelectionEntry
from jaring.regions.services import regions_load

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
        regions_load(prefix="35.04")
        demo_regency_generate(regency="35.03", population=POPULATION, seed=SEED)
        demo_users_ensure()
        demo_intake_seed(regency="35.03", seed=SEED)
        demo_verification_seed(regency="35.03", seed=SEED)
        summary = demo_selection_seed(regency="35.03", seed=SEED)
        yield summary
        transaction.set_rollback(True)


@pytest.fixture
def selection(seeded, db) -> Selection:
    return Selection.objects.get()


def test_the_demo_program_has_the_regencys_budget_tobacco_excise_and_village_funds(seeded, db):
    kinds = Counter(Program.objects.get().sources.values_list("kind", flat=True))
    assert kinds["apbd_kabupaten"] == 1 and kinds["dbhcht"] == 1 and kinds["apbdes"] >= 2


def test_the_demo_selection_is_approved_by_the_official_after_the_verifier_proposed_it(selection):
    assert selection.status == SelectionStatus.APPROVED
    assert selection.proposed_by.username == "verifikator" and selection.decided_by.username == "pejabat"
    actions = set(AuditEvent.objects.filter(action__startswith="selection.").values_list("action", flat=True))
    assert {"selection.compute", "selection.propose", "selection.approve"} <= actions


def test_each_source_pays_only_whom_it_may_and_some_wait_for_money_or_a_full_quota(selection):
    selected = SelectionEntry.objects.filter(selection=selection, outcome="selected").select_related("source")
    for entry in selected.filter(source__kind="apbdes"):
        assert entry.village_id == entry.source.village_id
    tobacco = selected.filter(source__kind="dbhcht").values_list("person__occupation", flat=True)
    assert tobacco and set(tobacco) <= {"petani_tembakau", "buruh_tembakau"}
    waiting = Counter(
        SelectionEntry.objects.filter(selection=selection, outcome="waiting").values_list("reason", flat=True)
    )
    assert waiting["waiting_budget"] > 0 and waiting["waiting_quota"] > 0
    assert selection.selected_count == selected.count() and selection.total_cost == sum(e.cost for e in selected)
