"""Sender keys and the import of signed summaries: two phases, the same file twice changes nothing, a newer
month replaces an older one and an older file is refused, tampering and keys of other regencies refused, and
only monitors of a scope holding the regency import."""

import datetime as dt
import json

import pytest

from jaring.audit.models import AuditEvent
from jaring.monitoring.models import RegencySummary, SenderKey
from jaring.monitoring.services_summaries import (
    Outcome,
    sender_key_create,
    sender_key_deactivate,
    summary_check,
    summary_export,
    summary_import,
)
from jaring.monitoring.summary_file import SummaryRefused, verify

from ..conftest import make_user
from .rollup_fixtures import TODAY, WIB, jatim, keys, local_program, signed  # noqa: F401

pytestmark = pytest.mark.django_db


def test_a_sender_key_has_a_fresh_secret_and_leaves_an_audit_row_without_it(jatim, users):  # noqa: F811
    key = sender_key_create(regency_code="35.05", actor=users["admin"])
    assert key.key_id.startswith("35.05-") and len(key.secret) == 64 and key.active
    other = sender_key_create(regency_code="35.05", actor=users["pemantau"])
    assert other.secret != key.secret
    event = AuditEvent.objects.get(action="monitoring.sender_key_create", object_id=key.key_id)
    assert key.secret not in json.dumps(event.detail)


def test_only_a_monitor_of_a_scope_holding_the_regency_makes_its_key(jatim, users):  # noqa: F811
    pandeglang_monitor = make_user("pantau.banten", "pemantau", "36")
    for actor in (users["verifikator"], pandeglang_monitor):
        with pytest.raises(SummaryRefused, match="tidak berwenang"):
            sender_key_create(regency_code="35.05", actor=actor)
    with pytest.raises(SummaryRefused, match=r"35.99 tidak ada di tabel wilayah"):
        sender_key_create(regency_code="35.99", actor=None)


def test_the_check_shows_what_it_would_record_and_writes_nothing(keys, users):  # noqa: F811
    check = summary_check(data=signed(keys["35.05"]), actor=users["pemantau"], today=TODAY)
    assert check.outcome == Outcome.NEW
    assert check.summary.regency_name == "Kabupaten Blitar" and check.summary.members == 10_400
    assert not RegencySummary.objects.exists()


def test_importing_records_the_figures_once_and_the_same_file_again_changes_nothing(keys, users):  # noqa: F811
    data = signed(keys["35.05"])
    summary_import(data=data, actor=users["pemantau"], today=TODAY)
    held = RegencySummary.objects.get(regency_code="35.05", year=2026)
    assert (held.members, held.covered, held.arrears) == (10_400, 10_100, 300)
    assert held.by_source == {"apbd": 6_000, "apbdes": None, "other": None}
    assert held.month == dt.date(2026, 3, 1) and held.imported_by == users["pemantau"]
    imported_at = held.imported_at

    again = summary_import(data=data, actor=users["pemantau"], today=TODAY)
    assert again.outcome == Outcome.SAME
    assert RegencySummary.objects.get().imported_at == imported_at
    assert AuditEvent.objects.filter(action="monitoring.summary_import").count() == 1


def test_a_newer_month_replaces_the_one_held(keys):  # noqa: F811
    summary_import(data=signed(keys["35.05"]), actor=None, today=TODAY)
    april = signed(keys["35.05"], month="2026-04", members=10_900, generated=dt.datetime(2026, 5, 2, tzinfo=WIB))
    assert summary_check(data=april, actor=None, today=TODAY).outcome == Outcome.REPLACES
    summary_import(data=april, actor=None, today=TODAY)
    held = RegencySummary.objects.get()
    assert (held.month, held.members) == (dt.date(2026, 4, 1), 10_900)


def test_an_older_file_than_the_one_held_is_refused(keys):  # noqa: F811
    summary_import(data=signed(keys["35.05"], month="2026-04"), actor=None, today=TODAY)
    with pytest.raises(SummaryRefused, match="lebih lama dari ringkasan Kabupaten Blitar 2026 yang sudah ada"):
        summary_import(data=signed(keys["35.05"], month="2026-03", members=1), actor=None, today=TODAY)
    assert RegencySummary.objects.get().month == dt.date(2026, 4, 1)


def test_a_later_file_for_the_same_month_replaces_a_correction(keys):  # noqa: F811
    summary_import(data=signed(keys["35.05"]), actor=None, today=TODAY)
    fixed = signed(keys["35.05"], members=10_401, generated=dt.datetime(2026, 4, 3, tzinfo=WIB))
    summary_import(data=fixed, actor=None, today=TODAY)
    assert RegencySummary.objects.get().members == 10_401


def test_a_tampered_file_is_refused_and_nothing_is_recorded(keys):  # noqa: F811
    data = signed(keys["35.05"]).replace(b'"members": 10400', b'"members": 14000')
    with pytest.raises(SummaryRefused, match="Tanda tangan tidak cocok: berkas diubah atau kunci salah"):
        summary_import(data=data, actor=None, today=TODAY)
    assert not RegencySummary.objects.exists()


def test_a_regency_cannot_sign_for_another_with_its_own_key(keys):  # noqa: F811
    data = signed(keys["35.05"], regency_code="35.06", regency_name="Kabupaten Kediri")
    with pytest.raises(SummaryRefused, match=r"milik kabupaten/kota 35.05, bukan 35.06"):
        summary_import(data=data, actor=None, today=TODAY)


def test_a_deactivated_key_is_refused(keys, users):  # noqa: F811
    sender_key_deactivate(key=keys["35.05"], actor=users["admin"])
    with pytest.raises(SummaryRefused, match="sudah dinonaktifkan"):
        summary_check(data=signed(keys["35.05"]), actor=None, today=TODAY)


def test_a_monitor_imports_only_inside_her_scope(keys, users):  # noqa: F811
    banten = make_user("pantau.banten", "pemantau", "36")
    with pytest.raises(SummaryRefused, match="di luar wilayah Anda"):
        summary_check(data=signed(keys["35.05"]), actor=banten, today=TODAY)
    with pytest.raises(SummaryRefused, match="tidak berwenang"):
        summary_check(data=signed(keys["35.05"]), actor=users["verifikator"], today=TODAY)
    nation = make_user("pantau.ri", "pemantau", None)
    assert summary_check(data=signed(keys["35.05"]), actor=nation, today=TODAY).outcome == Outcome.NEW


def test_a_summary_from_a_sender_with_a_lower_threshold_is_withheld_again_here(keys):  # noqa: F811
    summary_import(data=signed(keys["35.05"], threshold=2, arrears=3), actor=None, today=TODAY)
    assert RegencySummary.objects.get().arrears is None


def test_the_check_notes_a_regency_this_instance_runs_itself(local_program):  # noqa: F811
    key = sender_key_create(regency_code="35.03", actor=None)
    data = signed(key, regency_code="35.03", regency_name="Kabupaten Trenggalek")
    assert "rekap memakai data sendiri" in summary_check(data=data, actor=None, today=TODAY).notices[0]


def test_the_sending_side_signs_its_own_figures_of_the_regency(local_program):  # noqa: F811
    key = sender_key_create(regency_code="35.03", actor=None)
    data = summary_export(regency_code="35.03", year=2026, key_id=key.key_id, secret=key.secret)
    summary = verify(data, {key.key_id: key.secret}.get, today=TODAY)
    assert summary.regency_name == "Kabupaten Trenggalek"
    assert summary.month == dt.date(2026, 3, 1)
    assert (summary.members, summary.by_source) == (1_200, {"apbd": 1_000, "apbdes": None, "other": None})
    assert summary.budget_allocated == 2_016_000_000 and summary.has_program
    assert AuditEvent.objects.filter(action="monitoring.summary_export", object_id="35.03/2026").exists()


def test_keys_are_listed_without_their_secret_in_str(keys):  # noqa: F811
    assert str(SenderKey.objects.get(regency_code="35.05")) == keys["35.05"].key_id
