"""Enrollment on decrees made by the decree services themselves: the recipients of a final decree registered
with BPJS, then an SK perubahan whose removal ends a membership the month before it takes effect and whose
replacement is in the next registration file."""

import datetime as dt

import pytest

from jaring.decrees.services import Removal, amendment_draft, decree_draft, decree_finalize
from jaring.enrollment.lifecycle import MembershipStatus
from jaring.enrollment.models import Membership
from jaring.enrollment.selectors import registration_queue
from jaring.enrollment.services import result_import_apply, result_import_stage
from jaring.programs.models import Program

from ..decrees.conftest import approved, scan, today  # noqa: F401 - fixtures
from .conftest import results_file


@pytest.fixture
def program(trenggalek):
    """As the decrees' tests have it (no funding source yet: ``approved`` adds the APBD for four of seven)."""
    return Program.objects.create(
        code="pr-2026", name="Bantuan iuran pekerja rentan", year=2026, regency_id="35.03", category="pekerja_rentan"
    )


@pytest.fixture
def final(approved, users):  # noqa: F811 - the decrees' fixture
    decree = decree_draft(program=approved.program, actor=users["verifikator"])
    return decree_finalize(decree=decree, number="400.3/1/2026", signed_on=today(), scan=scan(), actor=users["pejabat"])


def test_a_final_amendment_ends_the_removed_membership_and_lists_the_replacement_for_registration(final, users):
    program = final.program
    rows = final.recipients.select_related("person").order_by("row")
    answer = [(r.person.nik, r.person.full_name, f"170200000{r.row:02d}", "DITERIMA", "") for r in rows]
    staged = result_import_stage(program=program, data=results_file(answer), filename="h.csv", actor=users["bpjs"])
    result_import_apply(result_import=staged, actor=users["bpjs"], today=dt.date(2026, 1, 2))
    assert Membership.objects.filter(program=program, status=MembershipStatus.ACTIVE).count() == rows.count()
    assert not registration_queue(program).exists()

    leaving = rows[0].person
    amendment, found = amendment_draft(
        decree=final,
        removals=[Removal(leaving.pk, "Meninggal dunia 3 Maret 2026")],
        effective_from=dt.date(2026, 4, 1),
        reason="Penerima meninggal dunia",
        actor=users["verifikator"],
    )
    assert not Membership.objects.get(person=leaving).end  # a draft ends nothing
    decree_finalize(decree=amendment, number="400.3/2/2026", signed_on=today(), scan=scan(), actor=users["pejabat"])

    ended = Membership.objects.get(person=leaving)
    assert (ended.status, ended.end) == (MembershipStatus.ENDED, dt.date(2026, 3, 31))
    assert (
        ended.status_reason
        == "Dihapus dari daftar penerima oleh SK perubahan 400.3/2/2026: Meninggal dunia 3 Maret 2026"
    )
    replacement = next(r.by for r in found if r.by is not None)
    assert replacement is not None
    assert list(registration_queue(program).values_list("change", flat=True)) == ["added"]  # … to register
