"""Selection through the services: who is paid by which source, who waits and why, the maker-checker steps,
what approval freezes, and the refusals when the data moved under a proposal."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from jaring.accounts.roles import Role
from jaring.audit.models import AuditEvent
from jaring.intake.services import IntakeError, candidate_return
from jaring.programs.lifecycle import SelectionStatus
from jaring.programs.models import Program, Selection, SelectionEntry
from jaring.programs.services.selection import (
    SelectionRefused,
    selection_approve,
    selection_compute,
    selection_propose,
    selection_return,
)
from jaring.verification import services as verification
from jaring.verification.lifecycle import Status

from ..conftest import BESUKI, NGARES, TERBIS, make_person
from ..verification.conftest import propose, record_of, resident, result_of, verify

YEAR_APBD = 12 * 16_800  # a whole year of JKK + JKM at the minimum income, paid from the APBD (no discount)


@pytest.fixture
def program(trenggalek):
    return Program.objects.create(
        code="pr-2026", name="Bantuan iuran pekerja rentan", year=2026, regency_id="35.03", category="pekerja_rentan"
    )


def entry(selection, candidate) -> SelectionEntry:
    return SelectionEntry.objects.get(selection=selection, candidate=candidate)


def computed(program, users) -> Selection:
    verify(program)
    return selection_compute(program=program, actor=users["verifikator"])


def test_the_village_fund_pays_its_own_villagers_first_the_regency_the_rest_and_the_others_wait(program, users):
    besuki = [resident(program, name) for name in ("SUTRISNO", "PAIMAN", "WAGIYO")]
    ngares = [resident(program, name, village=NGARES) for name in ("AGUS", "SLAMET")]
    village_fund = program.sources.create(kind="apbdes", name="APBDes Besuki", amount=250_000, village_id=BESUKI)
    regency = program.sources.create(kind="apbd_kabupaten", name="APBD Trenggalek", amount=2 * YEAR_APBD)

    selection = computed(program, users)

    outcomes = [entry(selection, c) for c in besuki + ngares]
    assert [e.outcome for e in outcomes].count("selected") == 3
    assert [e.source_id for e in outcomes if e.outcome == "selected"].count(village_fund.pk) == 1
    assert [e.source_id for e in outcomes if e.outcome == "selected"].count(regency.pk) == 2
    waiting = sorted((e for e in outcomes if e.outcome == "waiting"), key=lambda e: e.waiting_rank)
    assert [e.waiting_rank for e in waiting] == [1, 2]
    assert {e.reason for e in waiting} == {"waiting_budget"}
    assert selection.selected_count == 3 and selection.waiting_count == 2
    assert selection.total_cost == sum(e.cost for e in outcomes)
    assert selection.status == SelectionStatus.DRAFT


def test_a_candidate_verification_did_not_clear_is_listed_with_the_finding(program, users):
    resident(program, "SUTRISNO")
    missing = resident(program, "TUMINI", record=False, village=TERBIS, sex="P")
    program.sources.create(kind="apbd_kabupaten", name="APBD Trenggalek", amount=10 * YEAR_APBD)
    selection = computed(program, users)
    assert result_of(missing).status == Status.NOT_FOUND
    found = entry(selection, missing)
    assert (found.outcome, found.reason_keys, found.rank) == ("ineligible", ["not_found"], None)


def test_a_program_without_funding_sources_cannot_be_selected(program, users):
    resident(program, "SUTRISNO")
    verify(program)
    with pytest.raises(SelectionRefused, match="belum punya sumber dana"):
        selection_compute(program=program, actor=users["verifikator"])


def test_a_month_without_a_contribution_rate_stops_the_computation(trenggalek, users):
    old = Program.objects.create(code="pr-2014", name="Lama", year=2014, regency_id="35.03", category="pekerja_rentan")
    resident(old, "SUTRISNO")
    old.sources.create(kind="apbd_kabupaten", name="APBD", amount=YEAR_APBD)
    verify(old)
    with pytest.raises(SelectionRefused, match="belum ada"):
        selection_compute(program=old, actor=users["verifikator"])
    assert not Selection.objects.exists()


def test_only_a_verifier_computes_and_only_an_official_approves(program, users):
    resident(program, "SUTRISNO")
    program.sources.create(kind="apbd_kabupaten", name="APBD", amount=YEAR_APBD)
    verify(program)
    with pytest.raises(SelectionRefused, match="Hanya verifikator"):
        selection_compute(program=program, actor=users["perencana"])
    selection = selection_compute(program=program, actor=users["verifikator"])
    selection_propose(selection=selection, actor=users["verifikator"])
    with pytest.raises(SelectionRefused, match="Hanya pejabat penetap"):
        selection_approve(selection=selection, actor=users["verifikator"])


def test_whoever_proposed_a_selection_cannot_approve_it_even_after_becoming_an_official(program, users):
    resident(program, "SUTRISNO")
    program.sources.create(kind="apbd_kabupaten", name="APBD", amount=YEAR_APBD)
    selection = computed(program, users)
    verifier = users["verifikator"]
    selection_propose(selection=selection, actor=verifier)
    verifier.role = Role.PEJABAT
    verifier.save()
    with pytest.raises(SelectionRefused, match="tidak boleh menyetujuinya sendiri"):
        selection_approve(selection=Selection.objects.get(pk=selection.pk), actor=verifier)


def test_approval_freezes_the_selected_candidates_and_the_selection(program, users):
    chosen = resident(program, "SUTRISNO")
    program.sources.create(kind="apbd_kabupaten", name="APBD", amount=YEAR_APBD)
    selection = computed(program, users)
    selection_propose(selection=selection, actor=users["verifikator"])
    selection_approve(selection=selection, actor=users["pejabat"])

    chosen.refresh_from_db()
    assert chosen.frozen_at is not None
    with pytest.raises(IntakeError, match="SK perubahan"):
        candidate_return(candidate=chosen, message="NIK salah", actor=users["verifikator"])
    with pytest.raises(verification.VerificationError, match="SK perubahan"):
        verification.result_accept_as_is(result=result_of(chosen), note="oke", actor=users["verifikator"])
    with pytest.raises(SelectionRefused, match="sudah disetujui"):
        selection_compute(program=program, actor=users["verifikator"])
    actions = list(AuditEvent.objects.filter(object_type="selection").order_by("pk").values_list("action", flat=True))
    assert actions == ["selection.compute", "selection.propose", "selection.approve"]


def test_approval_is_refused_when_a_candidate_changed_after_the_computation(program, users):
    chosen = resident(program, "SUTRISNO")
    program.sources.create(kind="apbd_kabupaten", name="APBD", amount=YEAR_APBD)
    selection = computed(program, users)
    selection_propose(selection=selection, actor=users["verifikator"])
    person = chosen.person
    person.welfare_decile = 2
    person.save()
    with pytest.raises(SelectionRefused, match=r"Data calon berubah.*SUTRISNO"):
        selection_approve(selection=selection, actor=users["pejabat"])
    assert Selection.objects.get(pk=selection.pk).status == SelectionStatus.PROPOSED


def test_approval_is_refused_when_a_budget_changed_after_the_computation(program, users):
    resident(program, "SUTRISNO")
    source = program.sources.create(kind="apbd_kabupaten", name="APBD", amount=YEAR_APBD)
    selection = computed(program, users)
    selection_propose(selection=selection, actor=users["verifikator"])
    source.amount = 5 * YEAR_APBD
    source.save()
    with pytest.raises(SelectionRefused, match="Anggaran, biaya, kuota"):
        selection_approve(selection=selection, actor=users["pejabat"])


def test_a_returned_selection_says_why_and_a_new_computation_supersedes_it(program, users):
    resident(program, "SUTRISNO")
    program.sources.create(kind="apbd_kabupaten", name="APBD", amount=YEAR_APBD)
    selection = computed(program, users)
    selection_propose(selection=selection, actor=users["verifikator"])
    with pytest.raises(SelectionRefused, match="Tulis alasan"):
        selection_return(selection=selection, note="  ", actor=users["pejabat"])
    selection_return(selection=selection, note="Kuota Besuki terlalu kecil", actor=users["pejabat"])
    again = selection_compute(program=program, actor=users["verifikator"])
    selection.refresh_from_db()
    assert (selection.status, selection.note) == (SelectionStatus.SUPERSEDED, "Kuota Besuki terlalu kecil")
    assert not selection.entries.exists() and again.entries.count() == 1


def test_last_periods_recipients_come_first_with_a_carry_over_weight(trenggalek, users):
    last = Program.objects.create(
        code="pr-2025", name="PR 2025", year=2025, regency_id="35.03", category="pekerja_rentan"
    )
    now = Program.objects.create(
        code="pr-2026", name="PR 2026", year=2026, regency_id="35.03", category="pekerja_rentan",
        priority={"carry_over": 10},
    )  # fmt: skip
    newcomer = make_person(BESUKI, "AAA NEWCOMER")
    recipient = make_person(BESUKI, "ZZZ RECIPIENT")
    for person in (newcomer, recipient):
        record_of(person)
    propose(last, recipient)
    last.sources.create(kind="apbd_kabupaten", name="APBD 2025", amount=YEAR_APBD)
    first = computed(last, users)
    selection_propose(selection=first, actor=users["verifikator"])
    selection_approve(selection=first, actor=users["pejabat"])
    early, returning = propose(now, newcomer), propose(now, recipient)
    now.sources.create(kind="apbd_kabupaten", name="APBD 2026", amount=YEAR_APBD)

    selection = computed(now, users)

    assert entry(selection, returning).outcome == "selected" and entry(selection, returning).rank == 1
    assert entry(selection, early).outcome == "waiting"


def test_select_command_prints_counts_per_source_and_stores_only_with_wet_run(program, users):
    for name in ("SUTRISNO", "PAIMAN"):
        resident(program, name)
    program.sources.create(kind="apbd_kabupaten", name="APBD Trenggalek", amount=YEAR_APBD)
    verify(program)
    out = StringIO()
    call_command("select", program="pr-2026", stdout=out)
    text = out.getvalue()
    assert "1 terpilih, 1 menunggu" in text and "APBD Trenggalek" in text and "Uji coba saja" in text
    assert not Selection.objects.exists()
    call_command("select", program="pr-2026", wet_run=True, stdout=StringIO())
    assert Selection.objects.get().status == SelectionStatus.DRAFT
    with pytest.raises(CommandError, match="tidak ada"):
        call_command("select", program="nope", stdout=StringIO())


def test_select_command_refuses_a_rate_gap_in_indonesian(trenggalek):
    old = Program.objects.create(code="pr-2014", name="Lama", year=2014, regency_id="35.03", category="pekerja_rentan")
    old.sources.create(kind="apbd_kabupaten", name="APBD", amount=YEAR_APBD)
    with pytest.raises(CommandError, match="belum ada"):
        call_command("select", program="pr-2014", stdout=StringIO())


def test_the_selection_uses_the_stored_plan_even_from_an_outdated_program_object(program, users):
    early = resident(program, "EARLY")
    poorer = resident(program, "POORER")
    poorer.person.welfare_decile = 1
    poorer.person.save()
    program.sources.create(kind="apbd_kabupaten", name="APBD", amount=YEAR_APBD)
    Program.objects.filter(pk=program.pk).update(priority={"decile": 10})  # the planner, meanwhile
    selection = computed(program, users)  # ``program`` still has no weights in memory
    assert entry(selection, poorer).outcome == "selected" and entry(selection, early).outcome == "waiting"
    assert selection.inputs["weights"]["decile"] == 10
