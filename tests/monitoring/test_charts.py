"""What an aggregate-only reader sees in the per-region charts of a kecamatan: no withheld count can be worked
out from the kecamatan's figures (complementary suppression), and a withheld count's rate goes with it."""

import datetime as dt

import pytest

from jaring.monitoring import charts
from jaring.monitoring.charts import Filters, chart
from jaring.monitoring.dashboard import RegionRow

PANGGUL = "35.03.01"
ROWS = [
    RegionRow("35.03.01.2001", "Besuki", 120, 118, 2),
    RegionRow("35.03.01.2002", "Terbis", 3, 3, 0),
    RegionRow("35.03.01.2003", "Karanggandu", 40, 40, 0),
    RegionRow("35.03.01.2004", "Prigi", 500, 500, 0),
]


@pytest.fixture
def regions(monkeypatch):
    monkeypatch.setattr(charts.d, "by_region", lambda code, year, month: ROWS)


def table(slug: str, aggregate_only: bool) -> list[list]:
    return chart(slug, Filters(PANGGUL, 2026, dt.date(2026, 3, 1), aggregate_only)).rows


def test_a_monitor_cannot_work_a_small_count_out_of_the_kecamatans_total(db, regions):
    rows = {row[0]: row[2:5] for row in table("wilayah", aggregate_only=True)}
    # Terbis's 3 and its complement (Karanggandu, the smallest other desa); Besuki's 2 in arrears and its covered
    # (120 − 118 would give the 2 back), and no column or row is left with a single withheld cell.
    assert rows == {
        "Besuki": [120, None, None],
        "Terbis": [None, None, 0],
        "Karanggandu": [None, None, 0],
        "Prigi": [500, 500, 0],
    }


def test_a_withheld_covered_count_takes_its_coverage_rate_with_it(db, regions, monkeypatch):
    monkeypatch.setattr(charts, "denominators_for", lambda codes, year, basis: dict.fromkeys(codes, 1_000))
    rates = {row[0]: row[4] for row in table("cakupan", aggregate_only=True)}
    assert rates == {"Besuki": None, "Terbis": None, "Karanggandu": None, "Prigi": 50}


def test_an_officer_of_the_regency_sees_every_figure(db, regions):
    rows = {row[0]: row[2:5] for row in table("wilayah", aggregate_only=False)}
    assert rows["Terbis"] == [3, 3, 0] and rows["Besuki"] == [120, 118, 2]
