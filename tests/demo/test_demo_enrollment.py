"""The enrollment stage of the demo, once the demo decree is final: a PKS, the registration file, BPJS's
synthesised answer imported as the demo BPJS officer, memberships active from the PKS's start; deterministic.

Seeding (regency, intake, verification, selection, the decree and its amendment, enrollment) runs once for the
module inside a transaction rolled back at the end.
"""

import csv
import datetime as dt
import io

import pytest
from django.db import transaction
from django.test import override_settings

from jaring.audit.models import AuditEvent
from jaring.decrees.models import Decree
from jaring.decrees.selectors import current_recipients
from jaring.demo.decree import demo_decree_seed
from jaring.demo.enrollment import REJECTIONS, bpjs_answer, demo_enrollment_seed
from jaring.demo.intake import demo_intake_seed
from jaring.demo.selection import demo_selection_seed
from jaring.demo.services import demo_regency_generate
from jaring.demo.users import demo_users_ensure
from jaring.demo.verification import demo_verification_seed
from jaring.enrollment.models import CooperationAgreement, Membership, ResultImport
from jaring.enrollment.selectors import added_by_amendment, awaiting_verifier, registration_queue
from jaring.programs.models import Program
from jaring.regions.services import regions_load
from jaring.verification.models import VerificationResult

SEED = 11
POPULATION = 3000


def january(program) -> dt.date:
    return dt.date(program.year, 1, 15)


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
        demo_decree_seed(regency="35.03", seed=SEED)
        program = Program.objects.get()  # the current year's: the demo's program follows the calendar
        summary = demo_enrollment_seed(program, today=january(program))
        yield program, summary
        transaction.set_rollback(True)


@pytest.fixture
def program(seeded, db):
    return seeded[0]


def test_almost_everyone_gets_an_eleven_digit_kpj_and_a_few_go_back_to_the_verifier(seeded, program):
    _, summary = seeded
    assert summary.registered == current_recipients(program).count() > 0
    assert 3 <= summary.rejected <= 5 and summary.memberships == summary.registered - summary.rejected
    kpjs = list(Membership.objects.filter(program=program).values_list("kpj", flat=True))
    assert len(kpjs) == summary.memberships == len(set(kpjs))
    assert all(len(k) == 11 and k.isdigit() for k in kpjs)
    assert awaiting_verifier(program).count() == summary.rejected and not registration_queue(program).exists()
    reasons = VerificationResult.objects.filter(program=program, reasons__icontains="bpjs_rejected")
    assert reasons.count() == summary.rejected
    assert all(any(r.get("ours") in REJECTIONS for r in result.reasons) for result in reasons)


def test_memberships_follow_the_pks_start_and_are_active_once_it_has_come(program):
    agreement = CooperationAgreement.objects.get(program=program)
    assert agreement.start == dt.date(program.year, 1, 1) and agreement.updated_by.username == "bpjs"
    members = Membership.objects.filter(program=program)
    replacements = set(added_by_amendment(program))
    statuses = set(members.exclude(person_id__in=replacements).values_list("status", "start").distinct())
    assert statuses == {("active", dt.date(program.year, 1, 1))}
    # The SK perubahan's replacement starts in the month the amendment takes effect, not with the PKS.
    effective = Decree.objects.get(program=program, kind="amendment").effective_from
    assert set(members.filter(person_id__in=replacements).values_list("start", flat=True)) <= {effective}
    by_kind = dict(Membership.objects.filter(program=program).values_list("source__kind", "participation_type"))
    assert by_kind["apbdes"] == "SD" and by_kind["apbd_kabupaten"] == "SG" and by_kind["dbhcht"] == "SG"


def test_the_demo_bpjs_officer_did_it_through_the_services(program):
    imported = ResultImport.objects.get(program=program)
    assert imported.status == "applied" and imported.applied_by.username == "bpjs"
    actions = set(AuditEvent.objects.filter(action__startswith="enrollment.").values_list("action", flat=True))
    assert {"enrollment.registration_export", "enrollment.results_apply", "enrollment.membership_active"} <= actions


def test_seeding_again_changes_nothing(program):
    assert demo_enrollment_seed(program, today=january(program)) is None


def test_bpjss_answer_is_deterministic_and_avoids_kpjs_in_use(program):
    rows = [(f"3503{i:012d}", f"ORANG {i}") for i in range(1, 41)]
    registration = ("NIK,Nama Lengkap (sesuai KTP)\n" + "".join(f"{n},{m}\n" for n, m in rows)).encode("utf-8-sig")
    first = bpjs_answer(registration, program=program)
    assert first == bpjs_answer(registration, program=program)
    answer = list(csv.DictReader(io.StringIO(first.decode())))
    kpjs = [r["No. KPJ"] for r in answer if r["Status"] == "DITERIMA"]
    assert 3 <= sum(r["Status"] == "DITOLAK" for r in answer) <= 5 and len(kpjs) == len(set(kpjs))
    again = list(csv.DictReader(io.StringIO(bpjs_answer(registration, program=program, taken={kpjs[0]}).decode())))
    assert kpjs[0] not in {r["No. KPJ"] for r in again}


def test_the_command_refuses_a_database_that_is_not_a_demo(db):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="bukan basis data demo"):
        call_command("demo_enrollment")
