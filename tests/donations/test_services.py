"""``donation_record`` and ``donation_void``: what counts as a donation source, the budget as the sum received,
the same transfer never counted twice, voiding a mistaken entry, and who may do it where."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jaring.accounts.roles import Role
from jaring.audit.models import AuditEvent
from jaring.donations.lifecycle import DonationStatus
from jaring.donations.models import Donation
from jaring.donations.services import DonationError, donation_void
from jaring.programs.services.planning import PlanningRefused, funding_source_save
from jaring.regions.services import regions_load

from ..conftest import make_user
from .conftest import YEAR, give, source_of


def budget(source) -> Decimal:
    source.refresh_from_db()
    return source.amount


def test_received_money_becomes_the_sources_budget(donasi):
    donasi.amount = 50_000_000  # a pledge the planner typed
    donasi.save()
    give(donasi, 5_000_000)
    assert budget(donasi) == 5_000_000
    give(donasi, "Rp2.500.000", donor="Ibu Sri")
    assert budget(donasi) == 7_500_000


def test_a_donation_is_refused_on_a_source_that_is_not_donation_or_csr(program, users):
    apbd = source_of(program, "apbd_kabupaten")
    with pytest.raises(DonationError, match="bukan sumber dana donasi atau CSR/BAZNAS"):
        give(apbd, 1_000_000, actor=users["perencana"])
    assert not Donation.objects.exists() and budget(apbd) == 10 * YEAR


def test_csr_and_baznas_money_counts_like_donations(csr):
    give(csr, 12_000_000, donor="BAZNAS Trenggalek", donor_kind="baznas")
    assert budget(csr) == 12_000_000


def test_the_same_bank_reference_is_not_counted_twice_on_a_source(donasi):
    give(donasi, 1_000_000, reference="TRF 0001")
    with pytest.raises(DonationError, match="referensi bank TRF 0001 sudah dicatat"):
        give(donasi, 1_000_000, reference="TRF  0001")
    assert budget(donasi) == 1_000_000 and Donation.objects.count() == 1


def test_the_same_receipt_is_not_counted_twice(donasi, csr):
    scan = b"%PDF-1.4 bukti transfer"
    give(donasi, 1_000_000, receipt=SimpleUploadedFile("bukti.pdf", scan))
    with pytest.raises(DonationError, match="Bukti transfer ini sudah dipakai"):
        give(csr, 1_000_000, receipt=SimpleUploadedFile("bukti-lagi.pdf", scan))
    with pytest.raises(DonationError, match="PDF, JPG atau PNG"):
        give(csr, 1_000_000, receipt=SimpleUploadedFile("bukti.pdf", b"bukan pdf"))
    assert budget(csr) == 0


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"amount": 0}, "lebih dari Rp0"),
        ({"amount": "2 juta lebih"}, "tidak terbaca"),
        ({"amount": Decimal("1000.50")}, "rupiah utuh"),
        ({"donor": ""}, "Tulis nama donatur"),
        ({"received_on": dt.date(2099, 1, 1)}, "setelah hari ini"),
        ({"donor_kind": "alien"}, "tidak dikenal"),
    ],
)
def test_bad_input_is_refused_with_the_reason_and_nothing_is_counted(donasi, change, message):
    options = {"amount": 1_000_000} | change
    amount = options.pop("amount")
    with pytest.raises(DonationError, match=message):
        give(donasi, amount, **options)
    assert not Donation.objects.exists() and budget(donasi) == 0


def test_an_anonymous_donor_needs_no_name(donasi):
    donation = give(donasi, 300_000, donor="", anonymous=True, donor_kind="person")
    assert donation.anonymous and donation.donor_name == ""


def test_donations_still_raise_the_budget_after_the_selection_is_approved(decree, donasi, users):
    with pytest.raises(PlanningRefused, match="dibekukan"):
        funding_source_save(program=donasi.program, source=donasi, data={"kind": "donasi", "amount": 9},
                            actor=users["perencana"])  # fmt: skip
    give(donasi, 3_000_000, actor=users["perencana"])
    assert budget(donasi) == 3_000_000


def test_recording_and_voiding_leave_audit_rows(donasi, users):
    donation = give(donasi, 2_000_000, actor=users["verifikator"], reference="TRF 7")
    donation_void(donation=donation, reason="Salah ketik jumlah", actor=users["verifikator"])
    events = AuditEvent.objects.filter(object_type="donation", object_id=str(donation.pk)).order_by("pk")
    assert [e.action for e in events] == ["donations.donation_recorded", "donations.donation_voided"]
    assert events[0].detail["budget"] == ["0", "2000000"] and events[1].detail["budget"] == ["2000000", "0"]
    assert {e.actor_label for e in events} == {"verif"} and {e.region_code for e in events} == {"35.03"}


def test_a_voided_donation_stays_on_record_and_no_longer_counts(donasi):
    wrong = give(donasi, 20_000_000, reference="TRF 9")
    give(donasi, 1_000_000, donor="Ibu Sri")
    donation_void(donation=wrong, reason="Jumlah salah: seharusnya 2 juta", actor=None)
    wrong.refresh_from_db()
    assert wrong.status == DonationStatus.VOID and wrong.void_reason == "Jumlah salah: seharusnya 2 juta"
    assert budget(donasi) == 1_000_000
    give(donasi, 2_000_000, reference="TRF 9")  # the right entry, with the same transfer's reference
    assert budget(donasi) == 3_000_000


def test_a_void_needs_a_reason_and_happens_once(donasi):
    donation = give(donasi, 1_000_000)
    with pytest.raises(DonationError, match="alasan"):
        donation_void(donation=donation, reason="  ", actor=None)
    donation_void(donation=donation, reason="Dobel", actor=None)
    with pytest.raises(DonationError, match="sudah dibatalkan"):
        donation_void(donation=donation, reason="Dobel", actor=None)


def test_a_void_that_would_leave_less_than_the_decree_commits_is_refused(decree, donasi):
    big = give(donasi, 2 * YEAR)  # PAIMAN and WAGIYO, YEAR each
    extra = give(donasi, 100_000, donor="Ibu Sri")
    donation_void(donation=extra, reason="Bukan untuk program ini", actor=None)
    with pytest.raises(DonationError, match=r"kurang dari Rp403\.200 yang sudah dipakai"):
        donation_void(donation=big, reason="Salah sumber", actor=None)
    big.refresh_from_db()
    assert big.status == DonationStatus.RECEIVED and budget(donasi) == 2 * YEAR


@pytest.mark.parametrize("role", ["perencana", "verifikator"])
def test_planners_and_verifiers_of_the_regency_record_donations(donasi, users, role):
    give(donasi, 1_000_000, actor=users[role])
    assert budget(donasi) == 1_000_000


@pytest.mark.parametrize("role", ["pejabat", "bpjs", "operator_besuki", "pemantau", "admin"])
def test_other_roles_may_not_record_or_void(donasi, users, role):
    donation = give(donasi, 1_000_000)
    with pytest.raises(DonationError, match="tidak berwenang"):
        give(donasi, 1_000_000, actor=users[role])
    with pytest.raises(DonationError, match="tidak berwenang"):
        donation_void(donation=donation, reason="x", actor=users[role])
    assert budget(donasi) == 1_000_000


def test_a_planner_of_another_regency_may_not_record(donasi, users):
    regions_load(prefix="35.04")
    stranger = make_user("rencana.tag", Role.PERENCANA, "35.04")
    with pytest.raises(DonationError, match="tidak berwenang"):
        give(donasi, 1_000_000, actor=stranger)
