"""The verification pages through Django's test client: run, queue, detail, decisions, and who may see what."""

import pytest
from django.urls import reverse

from jaring.accounts.roles import Role
from jaring.audit.models import AuditEvent
from jaring.intake.lifecycle import CandidateStatus
from jaring.regions.services import regions_load
from jaring.verification.lifecycle import Decision, RunStatus, Status
from jaring.verification.models import VerificationRun

from ..conftest import NGARES, PASSWORD, make_user
from .conftest import record_of, resident, result_of, verify

HOME, QUEUE, BULK = reverse("verification:home"), reverse("verification:queue"), reverse("verification:bulk")


@pytest.fixture
def as_user(client, users):
    def sign_in(key: str):
        assert client.login(username=users[key].username, password=PASSWORD)
        return client

    return sign_in


@pytest.fixture
def findings(program):
    """One valid, one with another name in the registry, two the registry does not know."""
    mismatch = resident(program, "SRI WAHYUNI", record=False, sex="P")
    record_of(mismatch.person, full_name="SRI WAHYUNINGSIH")
    found = {
        "valid": resident(program, "SUTRISNO"),
        "mismatch": mismatch,
        "missing": resident(program, "PAIJO", record=False),
        "missing_ngares": resident(program, "PAIMAN", record=False, village=NGARES),
    }
    verify(program)
    return found


def test_verifier_runs_verification_and_sees_counts_by_status(
    as_user, program, findings, django_capture_on_commit_callbacks
):
    client = as_user("verifikator")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("verification:start"), {"program": program.code})
    assert response.status_code == 302
    run = VerificationRun.objects.latest("created_at")
    assert run.status == RunStatus.DONE and run.written == 0  # nothing changed since the fixture's run
    page = client.get(HOME)
    assert page.context["counts"][0] == ("valid", "Sesuai", 1)  # labels in Bahasa Indonesia
    counts = {value: n for value, _label, n in page.context["counts"]}
    assert counts["mismatch"] == 1 and counts["not_found"] == 2
    assert f"{QUEUE}?program={program.code}&status=not_found" in page.content.decode()
    assert 'href="/verifikasi/"' in page.content.decode()  # the menu item


def test_progress_is_polled_while_running_and_the_page_reloads_when_done(as_user, program, users):
    client = as_user("verifikator")
    run = VerificationRun.objects.create(program=program, started_by=users["verifikator"], status="running",
                                         progress_done=40, progress_total=100)  # fmt: skip
    assert 'data-testid="progress"' in client.get(HOME).content.decode()
    url = reverse("verification:run_progress", args=[run.pk])
    assert "40" in client.get(url).content.decode()
    VerificationRun.objects.filter(pk=run.pk).update(status="done")
    response = client.get(url)
    assert response.status_code == 204 and response["HX-Refresh"] == "true"


def test_queue_filters_by_status_and_village(as_user, program, findings):
    client = as_user("verifikator")
    page = client.get(QUEUE, {"program": program.code, "status": "not_found"})
    names = [r.candidate.person.full_name for r, _nik in page.context["rows"]]
    assert names == ["PAIJO", "PAIMAN"]  # Besuki before Ngares
    page = client.get(QUEUE, {"program": program.code, "status": "not_found", "desa": NGARES})
    assert [r.candidate.person.full_name for r, _nik in page.context["rows"]] == ["PAIMAN"]


def test_detail_shows_the_registry_record_beside_the_proposal_and_the_reasons(as_user, findings):
    client = as_user("verifikator")
    result = result_of(findings["mismatch"])
    page = client.get(reverse("verification:detail", args=[result.pk]))
    text = page.content.decode()
    assert "SRI WAHYUNINGSIH" in text
    assert "Nama berbeda: usulan SRI WAHYUNI, data kependudukan SRI WAHYUNINGSIH." in text
    assert [row[0] for row in page.context["comparison"] if row[3]] == ["Nama"] or text.count(
        'data-testid="differs"'
    ) == 1
    assert AuditEvent.objects.filter(action="verification.view", object_id=str(result.pk)).exists()


def test_each_action_from_the_detail_page(as_user, findings):
    client = as_user("verifikator")

    def act(key, action, text=""):
        result = result_of(findings[key])
        client.post(reverse("verification:decide", args=[result.pk, action]), {"text": text})
        return result_of(findings[key])

    assert act("mismatch", "accept_registry").decision == Decision.ACCEPTED_REGISTRY
    assert (
        findings["mismatch"].person.__class__.objects.get(pk=findings["mismatch"].person_id).full_name
        == "SRI WAHYUNINGSIH"
    )
    assert act("missing", "accept_as_is", "").decision == Decision.PENDING  # a note is required
    assert act("missing", "accept_as_is", "KTP dicek di kantor desa").decision == Decision.ACCEPTED_AS_IS
    assert act("missing_ngares", "return", "Cek NIK di KK").decision == Decision.RETURNED
    assert act("valid", "reject", "Sudah pindah kerja").decision == Decision.REJECTED
    assert AuditEvent.objects.filter(action__startswith="verification.decision_").count() == 4


def test_bulk_return_sends_each_back_to_its_village_with_the_message(as_user, program, findings, users):
    client = as_user("verifikator")
    ids = [result_of(findings[k]).pk for k in ("missing", "missing_ngares")]
    form = {"program": program.code, "ids": ids, "action": "return", "text": "NIK tidak ditemukan, cek KTP"}
    response = client.post(BULK, form | {"query": f"program={program.code}&status=not_found"})
    assert response.status_code == 302 and "status=not_found" in response["Location"]
    for key in ("missing", "missing_ngares"):
        findings[key].refresh_from_db()
        assert findings[key].status == CandidateStatus.RETURNED
        assert findings[key].return_message == "NIK tidak ditemukan, cek KTP"

    client.logout()
    operator = as_user("operator_ngares")
    page = operator.get(reverse("intake:candidates"), {"program": program.code, "status": "returned"})
    assert "NIK tidak ditemukan, cek KTP" in page.content.decode() and "PAIMAN" in page.content.decode()
    assert "PAIJO" not in page.content.decode()


def test_bulk_without_a_message_changes_nothing_and_says_why(as_user, program, findings):
    client = as_user("verifikator")
    ids = [result_of(findings["missing"]).pk]
    response = client.post(BULK, {"program": program.code, "ids": ids, "action": "reject", "text": ""}, follow=True)
    assert "alasan penolakan" in response.content.decode()
    assert result_of(findings["missing"]).decision == Decision.PENDING


def test_other_roles_and_other_regencies_get_nothing(as_user, client, program, findings):
    regions_load(prefix="35.04")
    make_user("verif.ta", Role.VERIFIKATOR, "35.04")
    result = result_of(findings["mismatch"])
    assert client.login(username="verif.ta", password=PASSWORD)
    assert client.get(reverse("verification:detail", args=[result.pk])).status_code == 404
    assert client.post(reverse("verification:decide", args=[result.pk, "reject"]), {"text": "x"}).status_code == 404
    client.post(BULK, {"program": program.code, "ids": [result.pk], "action": "reject", "text": "x"})
    assert result_of(findings["mismatch"]).decision == Decision.PENDING
    client.logout()
    for key in ("operator_besuki", "perencana"):
        assert as_user(key).get(HOME).status_code == 403
        client.logout()


def test_the_side_by_side_table_masks_the_nik_for_roles_without_full_nik(findings):
    from jaring.verification.selectors import registry_record
    from jaring.verification.views import _comparison

    result = result_of(findings["valid"])
    assert result.status == Status.VALID
    rows = _comparison(result.candidate.person, registry_record(result), full=False)
    assert rows[0][1].count("*") == 8 and rows[0][2].count("*") == 8 and not any(row[3] for row in rows)


def test_a_verifier_without_a_program_yet_is_told_so(as_user, trenggalek):
    page = as_user("verifikator").get(HOME)
    assert page.status_code == 200 and 'data-testid="no-program"' in page.content.decode()
