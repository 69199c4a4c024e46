"""The Rekap pages: who may open them, the table and its .xlsx, the upload (check → confirm), the admin's sender
keys shown once, and the sending side's signed download. No page shows a person."""

import base64
import io
import json

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from jaring.audit.models import AuditEvent
from jaring.monitoring.models import RegencySummary, SenderKey
from jaring.monitoring.summary_file import verify

from ..conftest import make_user
from ..enrollment.conftest import signed_in
from .rollup_fixtures import jatim, keys, local_program, signed  # noqa: F401

pytestmark = pytest.mark.django_db
URL = reverse("monitoring:rollup")


def upload(client, data: bytes, name="ringkasan.json"):
    file = io.BytesIO(data)
    file.name = name
    return client.post(reverse("monitoring:rollup_check"), {"file": file})


@pytest.mark.parametrize("who", ["verifikator", "perencana", "operator_besuki", "bpjs"])
def test_the_roll_up_is_for_monitors_and_admins_only(client, users, jatim, who):  # noqa: F811
    assert signed_in(client, users[who]).get(URL).status_code == 403


def test_the_monitor_sees_every_regency_of_her_province(client, users, local_program):  # noqa: F811
    page = signed_in(client, users["pemantau"]).get(URL + "?tahun=2026")
    html = page.content.decode()
    assert page.status_code == 200
    for code in ("35.03", "35.05", "35.06", "35.71"):
        assert f'data-testid="row-{code}"' in html
    assert "row-36.01" not in html
    assert "1.200" in html and "Rp2.016.000.000" in html
    assert 'href="/pantau/rekap/"' in html  # the menu entry


def test_the_upload_is_checked_then_confirmed(client, users, keys):  # noqa: F811
    signed_in(client, users["pemantau"])
    data = signed(keys["35.05"])
    checked = upload(client, data)
    assert checked.status_code == 200 and "Kabupaten Blitar (35.05)" in checked.content.decode()
    assert not RegencySummary.objects.exists()
    carried = checked.context["data"]
    confirmed = client.post(reverse("monitoring:rollup_confirm"), {"data": carried})
    assert confirmed.status_code == 302 and confirmed["Location"].endswith("?tahun=2026")
    assert RegencySummary.objects.get().members == 10_400
    assert AuditEvent.objects.filter(action="monitoring.summary_import", actor=users["pemantau"]).exists()


def test_a_refused_file_shows_the_reason_and_saves_nothing(client, users, keys):  # noqa: F811
    signed_in(client, users["pemantau"])
    page = upload(client, signed(keys["35.05"]).replace(b"10400", b"10500"))
    assert page.status_code == 400
    assert "Tanda tangan tidak cocok: berkas diubah atau kunci salah" in page.content.decode()
    assert not RegencySummary.objects.exists()


def test_a_file_changed_between_check_and_confirm_is_refused(client, users, keys):  # noqa: F811
    signed_in(client, users["pemantau"])
    data = signed(keys["35.05"]).replace(b"10400", b"10500")
    response = client.post(reverse("monitoring:rollup_confirm"), {"data": base64.b64encode(data).decode()},
                           follow=True)  # fmt: skip
    assert "Tanda tangan tidak cocok" in response.content.decode()
    assert not RegencySummary.objects.exists()


def test_the_export_is_the_table_with_withheld_counts(client, users, local_program):  # noqa: F811
    response = signed_in(client, users["pemantau"]).get(reverse("monitoring:rollup_export") + "?tahun=2026")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    trenggalek = next(r for r in rows if r[0] == "35.03")
    assert trenggalek[3:10] == [1_200, 0, 0, 1_000, "x", "x", 1_200]
    assert trenggalek[10] == 2_016_000_000
    assert next(r for r in rows if r[0] == "35.05")[3] is None  # no data: empty cells
    assert AuditEvent.objects.filter(action="monitoring.rollup_export").exists()


def test_the_admin_makes_a_key_and_sees_its_secret_once(client, users, jatim):  # noqa: F811
    signed_in(client, users["admin"])
    page = client.post(reverse("monitoring:rollup_keys"), {"regency": "35.05"})
    key = SenderKey.objects.get()
    assert key.secret in page.content.decode() and page["Cache-Control"].startswith("max-age=0")
    assert key.secret not in client.get(reverse("monitoring:rollup_keys")).content.decode()
    client.post(reverse("monitoring:rollup_key_deactivate", args=[key.pk]))
    assert not SenderKey.objects.get().active


def test_a_monitor_does_not_manage_keys_on_the_page(client, users, jatim):  # noqa: F811
    assert signed_in(client, users["pemantau"]).get(reverse("monitoring:rollup_keys")).status_code == 403


def test_the_regency_verifier_downloads_its_signed_summary(client, users, local_program):  # noqa: F811
    from jaring.monitoring.services_summaries import sender_key_create

    key = sender_key_create(regency_code="35.03", actor=None)
    response = signed_in(client, users["verifikator"]).get(reverse("monitoring:rollup_send") + "?tahun=2026&unduh=1")
    assert response["Content-Disposition"] == 'attachment; filename="ringkasan-35.03-2026.json"'
    summary = verify(response.content, {key.key_id: key.secret}.get)
    assert summary.members == 1_200 and json.loads(response.content)["regency_code"] == "35.03"


def test_without_a_key_the_sending_page_says_how_to_get_one(client, users, jatim):  # noqa: F811
    page = signed_in(client, users["perencana"]).get(reverse("monitoring:rollup_send"))
    assert 'data-testid="no-key"' in page.content.decode()
    assert signed_in(client, users["pemantau"]).get(reverse("monitoring:rollup_send")).status_code == 403


def test_a_banten_monitor_cannot_import_a_jatim_summary(client, jatim, keys):  # noqa: F811
    signed_in(client, make_user("pantau.banten", "pemantau", "36"))
    page = upload(client, signed(keys["35.05"]))
    assert "di luar wilayah Anda" in page.content.decode()
