"""Decrees through the services: drafted from the approved selection, made final with number, date and scan,
frozen from then on, and amended with replacements from the waiting list."""

import datetime as dt

import pytest

from jaring.audit.models import AuditEvent
from jaring.decrees.lifecycle import DecreeStatus, RecipientChange
from jaring.decrees.models import DecreeRecipient
from jaring.decrees.selectors import current_recipients
from jaring.decrees.services import DecreeRefused, Removal, amendment_draft, decree_draft, decree_finalize
from jaring.decrees.signals import decree_finalized
from jaring.intake.models import Candidate

from .conftest import YEAR_APBD, scan, today

SIGNED = dt.date(2026, 1, 5)


def final(program, users, number="400.7/12/KEP/2026"):
    decree = decree_draft(program=program, actor=users["verifikator"])
    return decree_finalize(decree=decree, number=number, signed_on=today(), scan=scan(), actor=users["pejabat"])


def test_a_draft_lists_the_approved_selections_recipients_in_kecamatan_desa_name_order(program, approved, users):
    decree = decree_draft(program=program, actor=users["verifikator"])
    rows = list(decree.recipients.select_related("person").order_by("row"))
    assert decree.status == DecreeStatus.DRAFT and decree.recipients_count == 4 == len(rows)
    assert decree.total_cost == 4 * YEAR_APBD
    assert [r.row for r in rows] == [1, 2, 3, 4]
    keys = [(r.district_code, r.village_id, r.person.full_name) for r in rows]
    assert keys == sorted(keys, key=lambda k: (k[0] != "35.03.01", k[1], k[2]))  # Panggul before Trenggalek
    assert "Pekerja Rentan Tahun 2026" in decree.title
    assert AuditEvent.objects.filter(action="decree.drafted", object_id=str(decree.pk)).exists()


def test_no_decree_before_the_selection_is_approved(program, users):
    with pytest.raises(DecreeRefused, match="belum disetujui"):
        decree_draft(program=program, actor=users["verifikator"])


def test_a_second_original_decree_is_refused(program, approved, users):
    decree_draft(program=program, actor=users["verifikator"])
    with pytest.raises(DecreeRefused, match="sudah punya SK"):
        decree_draft(program=program, actor=users["pejabat"])


def test_only_the_pejabat_makes_a_decree_final(program, approved, users):
    decree = decree_draft(program=program, actor=users["verifikator"])
    with pytest.raises(DecreeRefused, match="pejabat penetap"):
        decree_finalize(decree=decree, number="1/2026", signed_on=today(), scan=scan(), actor=users["verifikator"])


def test_finalizing_stores_number_date_scan_and_tells_later_stages(program, approved, users):
    heard = []
    decree_finalized.connect(lambda sender, decree, actor, **kw: heard.append(decree.pk), weak=False, dispatch_uid="t")
    try:
        decree = final(program, users)
    finally:
        decree_finalized.disconnect(dispatch_uid="t")
    decree.refresh_from_db()
    assert decree.status == DecreeStatus.FINAL and decree.number == "400.7/12/KEP/2026"
    assert decree.signed_scan.read().startswith(b"%PDF")
    assert decree.frozen_text["number"] == "400.7/12/KEP/2026" and decree.frozen_text["is_draft"] is False
    assert heard == [decree.pk]
    assert current_recipients(program).count() == 4


@pytest.mark.parametrize(
    ("number", "signed_on", "upload", "message"),
    [
        ("", today(), scan(), "Nomor SK wajib"),
        ("1/2026", None, scan(), "Tanggal penetapan SK wajib"),
        ("1/2026", today() + dt.timedelta(days=1), scan(), "setelah hari ini"),
        ("1/2026", today(), None, "Unggah pindaian"),
        ("1/2026", today(), scan("sk.pdf", b"MZ\x90\x00 not a pdf"), "PDF, JPG atau PNG"),
    ],
)
def test_bad_finalisation_input_is_refused_and_nothing_changes(
    program, approved, users, number, signed_on, upload, message
):
    decree = decree_draft(program=program, actor=users["verifikator"])
    with pytest.raises(DecreeRefused, match=message):
        decree_finalize(decree=decree, number=number, signed_on=signed_on, scan=upload, actor=users["pejabat"])
    decree.refresh_from_db()
    assert decree.status == DecreeStatus.DRAFT and decree.number == ""


def test_a_decree_number_used_twice_in_the_regency_is_refused(program, approved, users, trenggalek):
    from jaring.decrees.models import Decree

    Decree.objects.create(program=program, selection=approved, kind="amendment", regency_code="35.03",
                          title="SK lain", number="400.7/12/KEP/2026", status="discarded")  # fmt: skip
    decree = decree_draft(program=program, actor=users["verifikator"])
    with pytest.raises(DecreeRefused, match="sudah dipakai"):
        decree_finalize(decree=decree, number="400.7/12/KEP/2026", signed_on=today(), scan=scan(),
                        actor=users["pejabat"])  # fmt: skip


def test_the_list_of_a_final_decree_cannot_be_changed_by_any_path(program, approved, users):
    decree = final(program, users)
    row = decree.recipients.first()
    row.cost = 1
    with pytest.raises(DecreeRefused, match="sudah final"):
        row.save()
    with pytest.raises(DecreeRefused, match="sudah final"):
        row.delete()
    with pytest.raises(DecreeRefused, match="sudah final"):
        DecreeRecipient.objects.filter(decree=decree).update(cost=0)
    with pytest.raises(DecreeRefused, match="sudah final"):
        DecreeRecipient.objects.filter(decree=decree).delete()
    assert decree.recipients.count() == 4


def test_an_amendment_replaces_a_removed_recipient_from_the_waiting_list(program, approved, users):
    decree = final(program, users)
    gone = decree.recipients.select_related("person").order_by("row").first()
    first_waiting = approved.entries.filter(outcome="waiting").order_by("waiting_rank").first()
    amendment, found = amendment_draft(
        decree=decree,
        removals=[Removal(gone.person_id, "Meninggal dunia")],
        effective_from=dt.date(2026, 7, 1),
        reason="Penerima meninggal dunia",
        actor=users["verifikator"],
    )
    assert found[0].by is not None and amendment.amends == decree
    rows = {r.person_id: r for r in amendment.recipients.all()}
    assert rows[gone.person_id].change == RecipientChange.REMOVED
    assert rows[gone.person_id].cost == 6 * 16_800  # January–June were paid for
    assert rows[first_waiting.person_id].change == RecipientChange.ADDED
    assert rows[first_waiting.person_id].cost == 6 * 16_800  # July–December
    assert amendment.recipients_count == 4 and amendment.total_cost == decree.total_cost

    finished = decree_finalize(decree=amendment, number="400.7/30/KEP/2026", signed_on=today(), scan=scan(),
                               actor=users["pejabat"])  # fmt: skip
    people = set(current_recipients(program).values_list("person_id", flat=True))
    assert gone.person_id not in people and first_waiting.person_id in people
    assert Candidate.objects.get(pk=first_waiting.candidate_id).frozen_at is not None
    assert finished.frozen_text["is_amendment"] is True and finished.frozen_text["amends_number"] == decree.number


def test_a_final_decree_is_amended_once_the_chain_never_forks(program, approved, users):
    decree = final(program, users)
    person = decree.recipients.first().person_id
    amendment_draft(decree=decree, removals=[Removal(person, "Pindah")], effective_from=dt.date(2026, 3, 1),
                    reason="Pindah domisili", actor=users["verifikator"])  # fmt: skip
    with pytest.raises(DecreeRefused, match="sudah punya SK perubahan"):
        amendment_draft(decree=decree, removals=[Removal(person, "Pindah")], effective_from=dt.date(2026, 3, 1),
                        reason="Pindah domisili", actor=users["verifikator"])  # fmt: skip


def test_an_amendment_needs_reasons_a_listed_person_and_a_month_in_the_period(program, approved, users):
    decree = final(program, users)
    person = decree.recipients.first().person_id
    cases = [
        ([Removal(person, "")], dt.date(2026, 3, 1), "Pindah", "alasan"),
        ([Removal(person, "Pindah")], dt.date(2026, 3, 1), "", "alasan perubahan"),
        ([Removal(999_999, "Pindah")], dt.date(2026, 3, 1), "Pindah", "tidak ada dalam daftar"),
        ([Removal(person, "Pindah")], dt.date(2027, 3, 1), "Pindah", "masa program"),
        ([], dt.date(2026, 3, 1), "Pindah", "paling sedikit satu"),
    ]
    for removals, effective, reason, message in cases:
        with pytest.raises(DecreeRefused, match=message):
            amendment_draft(decree=decree, removals=removals, effective_from=effective, reason=reason,
                            actor=users["verifikator"])  # fmt: skip
    assert not decree.amendments.exists()


def test_the_api_offers_no_way_to_write_so_no_way_to_change_a_decrees_list(db):
    from jaring.config.api import api

    methods = {method for item in api.get_openapi_schema()["paths"].values() for method in item}
    assert methods <= {"get"}, f"an API write must refuse frozen recipients first: {methods}"


def test_a_place_nobody_can_take_says_why_on_the_removed_row(program, approved, users):
    decree = final(program, users)
    everyone = list(decree.recipients.order_by("row").values_list("person_id", flat=True))
    removals = [Removal(person, "Pindah domisili") for person in everyone]  # four places, three waiting
    amendment, found = amendment_draft(
        decree=decree, removals=removals, effective_from=dt.date(2026, 7, 1), reason="Pindah", actor=None
    )
    assert [r.by is None for r in found] == [False, False, False, True]
    last = amendment.recipients.get(person_id=everyone[-1])
    assert (
        last.reason == "Pindah domisili. Tidak ada pengganti: tidak ada calon di daftar tunggu yang bisa dibiayai "
        "APBD Kabupaten Trenggalek."
    )
    assert amendment.recipients_count == 3
