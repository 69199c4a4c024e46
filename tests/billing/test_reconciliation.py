"""Reconciliation with BPJS's status file: every difference listed with its action, stored only when saved,
and every kind of bad input refused with the reason and nothing stored or counted twice."""

import datetime as dt

import pytest
from django.utils import timezone

from jaring.audit.models import AuditEvent
from jaring.billing.models import Reconciliation, ReconciliationItem
from jaring.billing.reconciliation.compare import Kind
from jaring.billing.selectors import differences_visible_to
from jaring.billing.services import (
    BillingError,
    StatusFileProblems,
    invoices_issue,
    payment_record,
    reconciliation_cancel,
    reconciliation_check,
    reconciliation_import,
    reconciliation_item_resolve,
    reconciliation_save,
    reconciliation_stage,
    status_file_synthetic,
)
from jaring.programs.models import Program
from jaring.regions.services import regions_load

from ..enrollment.conftest import final_decree
from ..verification.conftest import resident, verify
from .conftest import JANUARY, RATE, member

FEBRUARY = dt.date(2026, 2, 1)
STRANGER = "99000000009"


def status_file(rows, header=("No KPJ", "Nama", "Periode", "Iuran", "Iuran Dibayar")) -> bytes:
    lines = [";".join(header)] + [";".join(str(v) for v in row) for row in rows]
    return "\n".join(lines).encode("utf-8")


def row(n: int, *, paid: int = 0, billed: int = RATE, month: str = "2026-01") -> tuple:
    return (f"1701000000{n}", f"PESERTA {n}", month, billed, paid)


@pytest.fixture
def billed(program, memberships):
    """January billed; the APBD's payment covers its first two lines (PAIMAN and WAGIYO, Besuki's, come before
    AGUS of Ngares), SUTRISNO's APBDes invoice is unpaid."""
    run = invoices_issue(program=program, month=JANUARY, actor=None)
    apbd = next(b.invoice for b in run.bills if b.source.kind == "apbd_kabupaten")
    payment_record(kode_iuran=apbd.kode_iuran, amount=2 * RATE, paid_on=dt.date(2026, 2, 3), channel="teller",
                   actor=None)  # fmt: skip
    return run


#: SUTRISNO paid per BPJS only, PAIMAN agrees, WAGIYO paid here only, AGUS billed higher, a stranger billed.
EVERY_KIND = [row(1, paid=RATE), row(2, paid=RATE), row(3), row(4, billed=17_800), (STRANGER, "ENTAH", "2026-01",
              RATE, 0)]  # fmt: skip


def test_the_check_lists_every_difference_with_its_action_and_stores_nothing(program, billed):
    report = reconciliation_check(name="status.csv", data=status_file(EVERY_KIND))
    assert (report.program, report.month) == (program, JANUARY)  # both read from the file
    found = {(d.kind, d.kpj) for d in report.comparison.differences}
    assert found == {(Kind.PAID_NOT_POSTED, "17010000001"), (Kind.POSTED_NOT_PAID, "17010000003"),
                     (Kind.AMOUNT_DIFFERS, "17010000004"), (Kind.NOT_BILLED_HERE, STRANGER)}  # fmt: skip
    assert report.counts["matched"] == 1 and report.counts["theirs"] == 5
    assert not Reconciliation.objects.exists() and not ReconciliationItem.objects.exists()


def test_a_membership_bpjs_does_not_list_is_asked_about(program, billed):
    report = reconciliation_check(name="s.csv", data=status_file([row(1), row(2, paid=RATE), row(3, paid=RATE)]))
    [missing] = [d for d in report.comparison.differences if d.kind == Kind.MISSING_AT_BPJS]
    assert missing.kpj == "17010000004" and missing.action.startswith("Tanyakan ke BPJS")


def test_import_stores_the_differences_with_their_people_and_region(program, billed, memberships, users):
    reconciliation = reconciliation_import(name="status.csv", data=status_file(EVERY_KIND), actor=users["bpjs"])
    assert (reconciliation.status, reconciliation.month, reconciliation.differences) == ("saved", JANUARY, 4)
    assert reconciliation.saved_by == users["bpjs"] and reconciliation.counts["paid_not_posted"] == 1
    items = {i.kpj: i for i in reconciliation.items.all()}
    assert items["17010000003"].membership == memberships["WAGIYO"]
    assert items["17010000003"].village_id == memberships["WAGIYO"].village_id
    assert (items[STRANGER].membership, items[STRANGER].village_id, items[STRANGER].regency_code) == (
        None,
        None,
        "35.03",
    )
    assert items[STRANGER].name == "ENTAH"
    actions = AuditEvent.objects.filter(action__startswith="billing.reconciliation").values_list("action", flat=True)
    assert set(actions) == {"billing.reconciliation_checked", "billing.reconciliation_saved"}


def test_the_same_file_imported_twice_is_refused_naming_the_earlier_import(program, billed):
    data = status_file(EVERY_KIND)
    first = reconciliation_import(program=program, month=JANUARY, name="status.csv", data=data, actor=None)
    when = timezone.localtime(first.saved_at)
    with pytest.raises(BillingError, match=rf"sudah pernah diimpor dan disimpan pada {when:%d-%m-%Y %H:%M}"):
        reconciliation_import(program=program, month=JANUARY, name="lagi.csv", data=data, actor=None)
    assert Reconciliation.objects.count() == 1 and ReconciliationItem.objects.count() == 4


def test_a_checked_file_is_not_saved_twice_even_from_two_uploads(program, billed):
    data = status_file(EVERY_KIND)
    one = reconciliation_stage(program=program, name="a.csv", data=data, actor=None)
    two = reconciliation_stage(program=program, name="b.csv", data=data, actor=None)
    reconciliation_save(reconciliation=one, actor=None)
    with pytest.raises(BillingError, match="sudah pernah diimpor"):
        reconciliation_save(reconciliation=two, actor=None)
    with pytest.raises(BillingError, match="sudah disimpan"):
        reconciliation_save(reconciliation=one, actor=None)
    assert Reconciliation.objects.filter(status="saved").count() == 1


def test_a_file_for_another_month_is_refused(program, billed):
    with pytest.raises(BillingError, match="Berkas ini untuk Februari 2026, bukan Januari 2026"):
        reconciliation_check(program=program, month=JANUARY, name="s.csv", data=status_file([row(1, month="02/2026")]))


def test_a_file_mixing_months_is_refused(program, billed):
    data = status_file([row(1), row(2, month="2026-02")])
    with pytest.raises(BillingError, match="beberapa bulan \\(Januari 2026, Februari 2026\\)"):
        reconciliation_check(program=program, name="s.csv", data=data)


def test_a_month_not_billed_yet_is_refused(program, billed):
    with pytest.raises(BillingError, match=r"Februari 2026 belum ditagih .* jalankan penagihan bulan itu dulu"):
        reconciliation_check(program=program, name="s.csv", data=status_file([row(1, month="2026-02")]))


def test_a_file_without_a_period_needs_the_month(program, billed):
    data = status_file([("17010000001", RATE, 0)], header=("KPJ", "Iuran", "Dibayar"))
    with pytest.raises(BillingError, match="tidak punya kolom periode"):
        reconciliation_check(program=program, name="s.csv", data=data)
    assert reconciliation_check(program=program, month=JANUARY, name="s.csv", data=data).month == JANUARY


@pytest.fixture
def other_program(program, billed):
    """A second program of Trenggalek, billed for January, with two members of its own."""
    other = Program.objects.create(code="pr-lain", name="Iuran nelayan", year=2026, regency_id="35.03",
                                   category="pekerja_rentan")  # fmt: skip
    apbd = other.sources.create(kind="apbd_kabupaten", name="APBD nelayan", amount=10 * 12 * RATE)
    people = [resident(other, name) for name in ("SITI", "BUDI")]
    verify(other)
    final_decree(other, [(c, apbd) for c in people])
    for n, candidate in enumerate(people, start=5):
        member(candidate, apbd, kpj=f"1701000000{n}")
    invoices_issue(program=other, month=JANUARY, actor=None)
    return other


def test_a_file_for_another_program_is_refused_naming_that_program(program, other_program):
    data = status_file([row(5), row(6), row(1)])
    with pytest.raises(BillingError, match=r"tampaknya untuk program Iuran nelayan \(pr-lain\): 2 dari 3 KPJ"):
        reconciliation_check(program=program, name="s.csv", data=data)
    assert reconciliation_check(name="s.csv", data=data).program == other_program


def test_a_file_of_kpjs_no_program_knows_is_refused(program, billed):
    with pytest.raises(BillingError, match="Tidak satu pun KPJ di berkas ini peserta program pr-2026"):
        reconciliation_check(program=program, name="s.csv", data=status_file([(STRANGER, "X", "2026-01", RATE, 0)]))
    with pytest.raises(BillingError, match="sebutkan programnya"):
        reconciliation_check(name="s.csv", data=status_file([(STRANGER, "X", "2026-01", RATE, 0)]))


def test_an_empty_file_is_refused(program, billed):
    with pytest.raises(BillingError, match="kosong"):
        reconciliation_import(program=program, name="s.csv", data=b"", actor=None)
    assert not Reconciliation.objects.exists()


def test_bad_rows_refuse_the_whole_file_naming_each_row(program, billed):
    data = status_file([row(1), ("17010000002", "X", "2026-01", "enam belas ribu", 0)])
    with pytest.raises(StatusFileProblems) as caught:
        reconciliation_import(program=program, name="s.csv", data=data, actor=None)
    assert [str(p) for p in caught.value.problems] == ["Baris 3: Iuran 'enam belas ribu' bukan jumlah rupiah bulat."]
    assert not Reconciliation.objects.exists()


def test_only_billing_roles_of_the_regency_reconcile(program, billed, users):
    with pytest.raises(BillingError, match="tidak berwenang"):
        reconciliation_stage(program=program, name="s.csv", data=status_file(EVERY_KIND), actor=users["perencana"])
    assert not Reconciliation.objects.exists()


def test_a_village_user_sees_only_the_differences_of_the_village(program, billed, users):
    reconciliation = reconciliation_import(program=program, name="s.csv", data=status_file(EVERY_KIND), actor=None)
    regency_wide = {i.kpj for i in differences_visible_to(users["bpjs"], reconciliation)}
    besuki = {i.kpj for i in differences_visible_to(users["operator_besuki"], reconciliation)}
    assert regency_wide == {"17010000001", "17010000003", "17010000004", STRANGER}
    assert besuki == {"17010000001", "17010000003"}  # AGUS lives in Ngares; the stranger has no village


def test_a_difference_is_resolved_once_with_a_note_after_saving(program, billed, users):
    staged = reconciliation_stage(program=program, name="s.csv", data=status_file(EVERY_KIND), actor=users["bpjs"])
    item = staged.items.get(kind=Kind.POSTED_NOT_PAID)
    with pytest.raises(BillingError, match="Simpan hasil rekonsiliasi dulu"):
        reconciliation_item_resolve(item=item, note="Bukti dikirim", actor=users["bpjs"])
    reconciliation_save(reconciliation=staged, actor=users["bpjs"])
    with pytest.raises(BillingError, match="Tulis catatan"):
        reconciliation_item_resolve(item=item, note="  ", actor=users["bpjs"])
    done = reconciliation_item_resolve(
        item=item, note="Bukti setor dikirim ke KC Trenggalek", actor=users["verifikator"]
    )
    assert (done.resolved_by, done.resolution_note) == (users["verifikator"], "Bukti setor dikirim ke KC Trenggalek")
    with pytest.raises(BillingError, match="sudah ditandai selesai"):
        reconciliation_item_resolve(item=item, note="lagi", actor=users["bpjs"])


def test_a_user_of_another_regency_cannot_resolve(program, billed, users):
    from ..conftest import make_user

    regions_load(prefix="35.04")
    stranger = make_user("bpjs.tag", users["bpjs"].role, "35.04")
    saved = reconciliation_import(program=program, name="s.csv", data=status_file(EVERY_KIND), actor=None)
    with pytest.raises(BillingError, match="tidak berwenang"):
        reconciliation_item_resolve(item=saved.items.first(), note="x", actor=stranger)


def test_a_cancelled_check_keeps_no_differences_and_frees_the_file(program, billed):
    data = status_file(EVERY_KIND)
    staged = reconciliation_stage(program=program, name="s.csv", data=data, actor=None)
    reconciliation_cancel(reconciliation=staged, actor=None)
    assert not ReconciliationItem.objects.exists()
    assert reconciliation_import(program=program, name="s.csv", data=data, actor=None).status == "saved"


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_the_synthetic_status_file_plants_one_difference_of_each_kind(program, billed, fmt):
    data, planted = status_file_synthetic(program=program, month=JANUARY, fmt=fmt)
    report = reconciliation_check(name=f"sintetis.{fmt}", data=data)
    found = {(d.kind, d.kpj) for d in report.comparison.differences}
    assert found == {(kind, kpj) for kind, kpjs in planted.items() for kpj in kpjs}
    assert {kind for kind, kpjs in planted.items() if kpjs} == set(Kind)
    assert report.month == JANUARY and report.program == program


def test_the_synthetic_file_without_plants_matches_everything(program, billed):
    data, _ = status_file_synthetic(program=program, month=JANUARY, plant=False)
    report = reconciliation_check(program=program, name="s.xlsx", data=data)
    assert report.comparison.differences == [] and report.counts["matched"] == 4
