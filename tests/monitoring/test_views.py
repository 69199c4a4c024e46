import io
import json

import openpyxl
import pytest
from django.urls import reverse

from jaring.audit.models import AuditEvent

from .conftest import signed_in

URL = reverse("monitoring:dashboard")


def chart_data(response, slug: str) -> dict:
    content = response.content.decode()
    start = content.index(f'id="chart-data-{slug}"')
    return json.loads(content[content.index(">", start) + 1 : content.index("</script>", start)])


def test_the_verifier_sees_the_regency_with_a_row_per_kecamatan(client, users, billed):
    response = signed_in(client, users["verifikator"]).get(URL, {"tahun": 2026, "bulan": "2026-03"})
    assert response.status_code == 200
    assert chart_data(response, "wilayah")["labels"] == ["Panggul", "Trenggalek"]
    assert chart_data(response, "wilayah")["datasets"][0]["data"] == [3, 1]
    assert 'href="?wilayah=35.03.01&amp;tahun=2026"' in response.content.decode()  # drill down into Panggul
    assert 'data-testid="total-owed">9<' in response.content.decode()  # January 1, February 4, March 4 unpaid


def test_the_village_operator_sees_her_desa_only_and_not_another(client, users, billed):
    client = signed_in(client, users["operator_besuki"])
    response = client.get(URL, {"tahun": 2026, "bulan": "2026-03"})
    assert chart_data(response, "waktu")["datasets"][0]["data"][:3] == [3, 3, 3]
    assert client.get(URL, {"wilayah": "35.03.11.2001", "tahun": 2026}).status_code == 404
    assert client.get(URL, {"wilayah": "35.03", "tahun": 2026}).status_code == 404


def test_the_monitor_sees_small_counts_withheld(client, users, billed):
    response = signed_in(client, users["pemantau"]).get(URL, {"wilayah": "35.03", "tahun": 2026, "bulan": "2026-03"})
    assert chart_data(response, "wilayah")["datasets"][0]["data"] == [None, None]  # 3 and 1 people
    assert '<td class="num">x</td>' in response.content.decode()
    assert "SUTRISNO" not in response.content.decode()


def test_a_chart_downloads_as_xlsx_with_its_table_and_an_audit_row(client, users, billed):
    client = signed_in(client, users["pemantau"])
    response = client.get(
        reverse("monitoring:export", args=["sumber"]), {"wilayah": "35.03", "tahun": 2026, "bulan": "2026-03"}
    )
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [[c for c in row if c is not None] for row in sheet.iter_rows(values_only=True)]
    assert ["x", 0, "x"] in [row[1:] for row in values if row and row[0] == "APBDes"]
    assert AuditEvent.objects.filter(action="monitoring_export", object_id="sumber", region_code="35.03").exists()
    verifier = signed_in(client, users["verifikator"]).get(
        reverse("monitoring:export", args=["sumber"]), {"tahun": 2026, "bulan": "2026-03"}
    )
    sheet = openpyxl.load_workbook(io.BytesIO(verifier.content)).active
    assert [1, 0, 1] in [list(row[1:4]) for row in sheet.iter_rows(values_only=True) if row[0] == "APBDes"]


@pytest.mark.parametrize("slug", ["nothing", "waktu"])
def test_an_unknown_chart_is_not_found(client, users, billed, slug):
    response = signed_in(client, users["verifikator"]).get(reverse("monitoring:export", args=[slug]), {"tahun": 2026})
    assert response.status_code == (404 if slug == "nothing" else 200)


def test_every_role_has_the_dashboard_in_its_menu(client, users):
    for user in users.values():
        response = signed_in(client, user).get("/")
        assert URL in response.content.decode(), user.username


def test_the_public_reads_a_regency_as_aggregates_without_logging_in(client, billed):
    url = reverse("monitoring:public", args=["35.03"])
    response = client.get(url, {"tahun": 2026, "bulan": "2026-03"})
    assert response.status_code == 200
    assert chart_data(response, "wilayah")["datasets"][0]["data"] == [None, None]
    assert "SUTRISNO" not in response.content.decode()
    assert client.get(url, {"wilayah": "35.04"}).status_code == 404
    assert client.get(reverse("monitoring:public", args=["35.04"])).status_code == 404  # no program there
    export = client.get(reverse("monitoring:public_export", args=["35.03", "waktu"]), {"tahun": 2026})
    assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd.openxml")


def test_the_coverage_rate_divides_covered_workers_by_the_loaded_workforce_with_the_target(client, users, billed):
    from django.utils import timezone

    from jaring.monitoring.models import CoverageTarget, WorkforceDenominator

    for code, informal in (("35.03.01.2001", 20), ("35.03.11.2001", 40)):
        WorkforceDenominator.objects.create(
            region_code=code, year=2026, workers=informal * 2, informal_workers=informal, source="BPS",
            loaded_at=timezone.now(),
        )  # fmt: skip
    CoverageTarget.objects.create(regency_id="35.03", target_percent=40)
    response = signed_in(client, users["verifikator"]).get(URL, {"tahun": 2026, "bulan": "2026-01"})
    data = chart_data(response, "cakupan")
    assert data["labels"] == ["Panggul", "Trenggalek"]
    assert data["datasets"][0]["data"] == [10.0, 2.5]  # 2 of 20 covered in Panggul (SUTRISNO's APBDes unpaid); 1 of 40
    assert data["datasets"][1]["data"] == [40.0, 40.0] and data["datasets"][1]["target"]
    page = response.content.decode()
    assert 'data-testid="coverage-rate">5,0%' in page  # 3 of 60 in the regency
    monitor = signed_in(client, users["pemantau"]).get(URL, {"wilayah": "35.03", "tahun": 2026, "bulan": "2026-01"})
    assert chart_data(monitor, "cakupan")["datasets"][0]["data"] == [None, None]  # 2 and 1 workers: withheld
