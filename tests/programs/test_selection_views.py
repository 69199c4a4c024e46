"""The selection page and the simulator over HTTP: who may open them, what each role may do, what they show."""

import pytest

from jaring.programs.lifecycle import SelectionStatus
from jaring.programs.models import Program, Selection

from ..conftest import NGARES, PASSWORD
from ..verification.conftest import resident, verify

YEAR_APBD = 12 * 16_800


@pytest.fixture
def program(trenggalek):
    program = Program.objects.create(
        code="pr-2026", name="Bantuan iuran pekerja rentan", year=2026, regency_id="35.03", category="pekerja_rentan"
    )
    resident(program, "SUTRISNO")
    resident(program, "AGUS", village=NGARES)
    program.sources.create(kind="apbd_kabupaten", name="APBD Trenggalek", amount=YEAR_APBD)
    verify(program)
    return program


def signed_in(client, user):
    client.login(username=user.username, password=PASSWORD)
    return client


@pytest.mark.parametrize("role", ["operator_besuki", "bpjs", "pemantau"])
def test_roles_without_a_part_in_selection_are_refused(client, users, program, role):
    signed_in(client, users[role])
    assert client.get("/program/pr-2026/seleksi/").status_code == 403
    assert client.get("/program/simulasi/").status_code == 403
    assert client.post("/program/pr-2026/seleksi/aksi/", {"action": "compute"}).status_code == 403
    assert not Selection.objects.exists()


def test_a_planner_reads_the_selection_but_cannot_compute_it(client, users, program):
    signed_in(client, users["perencana"])
    page = client.get("/program/pr-2026/seleksi/")
    assert page.status_code == 200 and b'data-testid="compute"' not in page.content
    response = client.post("/program/pr-2026/seleksi/aksi/", {"action": "compute"}, follow=True)
    assert "Hanya verifikator" in response.content.decode()
    assert not Selection.objects.exists()


def test_the_verifier_computes_and_sees_who_waits_and_why(client, users, program):
    signed_in(client, users["verifikator"])
    client.post("/program/pr-2026/seleksi/aksi/", {"action": "compute"})
    selection = Selection.objects.get()
    page = client.get("/program/pr-2026/seleksi/?hasil=waiting").content.decode()
    assert "AGUS" in page and "APBD Trenggalek" in page and "habis" in page
    assert 'data-testid="waiting-reasons"' in page
    assert selection.status == SelectionStatus.DRAFT


def test_the_official_approves_a_proposed_selection_over_http(client, users, program):
    signed_in(client, users["verifikator"])
    client.post("/program/pr-2026/seleksi/aksi/", {"action": "compute"})
    selection = Selection.objects.get()
    client.post("/program/pr-2026/seleksi/aksi/", {"action": "propose", "selection": selection.pk})
    client.logout()
    signed_in(client, users["pejabat"])
    client.post("/program/pr-2026/seleksi/aksi/", {"action": "approve", "selection": selection.pk})
    selection.refresh_from_db()
    assert selection.status == SelectionStatus.APPROVED and selection.decided_by == users["pejabat"]


def test_another_regencys_program_is_not_found(client, users, program):
    from jaring.regions.services import regions_load

    regions_load(prefix="35.04")
    Program.objects.create(code="pr-tag", name="Tulungagung", year=2026, regency_id="35.04", category="pekerja_rentan")
    signed_in(client, users["verifikator"])
    assert client.get("/program/pr-tag/seleksi/").status_code == 404


def test_the_simulator_reproduces_trenggalek_2025_and_refuses_bad_input(client, users, program):
    signed_in(client, users["perencana"])
    data = {"b-year": 2026, "b-start_month": 1, "b-months": 12, "b-income": "1.000.000", "b-budget": "2016000000"}
    page = client.post("/program/simulasi/hitung/", data).content.decode()
    assert 'data-testid="b-people">10.000<' in page
    data |= {"b-months": 10, "b-budget": "Rp 1.200.000.000", "b-people": 10000}
    page = client.post("/program/simulasi/hitung/", data).content.decode()
    assert 'data-testid="b-people">7.142<' in page and "Rp1.680.000.000" in page
    page = client.post("/program/simulasi/hitung/", data | {"b-budget": "-5"}).content.decode()
    assert "tidak boleh negatif" in page
    page = client.post("/program/simulasi/hitung/", data | {"b-months": 0}).content.decode()
    assert 'data-testid="result-b-invalid"' in page
    page = client.post("/program/simulasi/hitung/", data | {"b-year": 2015}).content.decode()
    assert "belum ada" in page  # the shipped rates start in July 2015


def test_the_simulator_allocates_a_programs_candidates_with_changed_budgets(client, users, program):
    signed_in(client, users["perencana"])
    source = program.sources.get()
    base = {"a-program": "pr-2026", "a-year": 2026, "a-start_month": 1, "a-months": 12, "a-income": "1.000.000"}
    page = client.post("/program/simulasi/hitung/", base).content.decode()
    assert 'data-testid="a-people">1<' in page and "Panggul" in page
    page = client.post("/program/simulasi/hitung/", base | {f"a-source_{source.pk}": str(2 * YEAR_APBD)}).content
    assert b'data-testid="a-people">2<' in page and b"Trenggalek" in page
    source.refresh_from_db()
    assert source.amount == YEAR_APBD  # nothing a scenario changes is saved
