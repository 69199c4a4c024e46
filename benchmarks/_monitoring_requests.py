"""The timed part of benchmarks/bench_monitoring.py: the dashboard page and every chart's .xlsx export, asked
through Django's test client (full middleware, scoping, audit rows, template rendering) by users of every
scope, from the nation down to one desa.

The regency, kecamatan and desa are the largest of their parent by memberships, so their rows are the most a
scope of that level reads. Each page gets 2 warm-up requests (their queries are counted), then ``repeats``
timed ones.
"""

import math
import os
import statistics
import time

LIMIT_MS = 300


def scopes(year: int) -> list[dict]:
    """label, the user's role and region, and the ``wilayah`` asked for."""
    from django.db.models import Sum

    from jaring.core.regioncodes import Level
    from jaring.monitoring.dashboard import latest_month
    from jaring.monitoring.models import CoverageFact

    month = latest_month(None, year)

    def largest(level: Level, parent: str) -> str:
        rows = CoverageFact.objects.filter(level=level, dim="total", month=month, region_code__startswith=parent)
        return rows.values("region_code").annotate(m=Sum("members")).order_by("-m")[0]["region_code"]

    regency = largest(Level.REGENCY, "35.")
    district = largest(Level.DISTRICT, regency + ".")
    village = largest(Level.VILLAGE, district + ".")
    return [
        {"label": "pemantau (nation)", "role": "pemantau", "region": None, "wilayah": ""},
        {"label": "pemantau (province)", "role": "pemantau", "region": "35", "wilayah": "35"},
        {"label": "verifikator (regency)", "role": "verifikator", "region": regency, "wilayah": regency},
        {"label": "verifikator → kecamatan", "role": "verifikator", "region": regency, "wilayah": district},
        {"label": "verifikator → desa", "role": "verifikator", "region": regency, "wilayah": village},
        {"label": "operator desa", "role": "operator_desa", "region": village, "wilayah": village},
    ]


def pages(year: int, wilayah: str) -> list[tuple[str, str]]:
    from django.urls import reverse

    from jaring.monitoring.charts import CHARTS

    query = f"?wilayah={wilayah}&tahun={year}" if wilayah else f"?tahun={year}"
    out = [("dashboard", reverse("monitoring:dashboard") + query)]
    return out + [(f"{slug}.xlsx", reverse("monitoring:export", args=[slug]) + query) for slug in CHARTS]


def measure(year: int, repeats: int) -> list[dict]:
    """Every scope's pages, each timed ``repeats`` times after 2 warm-ups."""
    from django.test import Client

    from jaring.accounts.models import User

    out = []
    for k, scope in enumerate(scopes(year)):
        user, _ = User.objects.update_or_create(
            username=f"bench.{k}", defaults={"role": scope["role"], "region_id": scope["region"]}
        )
        client = Client()
        client.force_login(user)
        for page, url in pages(year, scope["wilayah"]):
            queries = _warm_up(client, url)
            samples = sorted(_timed(client, url) for _ in range(repeats))
            out.append({"scope": scope["label"], "wilayah": scope["wilayah"] or "-", "page": page, "url": url,
                        **queries, **_summary(samples)})  # fmt: skip
            _profile(client, url, f"{k}-{page}")
    return out


def _warm_up(client, url: str) -> dict:
    """Two requests; the second's queries are counted and the slowest kept (for EXPLAIN ANALYZE)."""
    from django.db import connection

    queries = []

    def timed_query(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            queries.append(((time.perf_counter() - started) * 1000, sql % tuple(map(_literal, params or ()))))

    _timed(client, url)
    with connection.execute_wrapper(timed_query):
        _timed(client, url)
    slowest = max(queries)
    return {"queries": len(queries), "slowest_ms": slowest[0], "slowest_sql": slowest[1]}


def _literal(value) -> str:
    """A parameter as SQL text, to paste the query into EXPLAIN ANALYZE."""
    if isinstance(value, int | float):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"


def _timed(client, url: str) -> float:
    started = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise SystemExit(f"FAILED: {url} answered {response.status_code}")
    return elapsed


def _summary(samples: list[float]) -> dict:
    """Median, 95th percentile (nearest rank) and maximum, in ms."""
    p95 = samples[max(0, math.ceil(0.95 * len(samples)) - 1)]
    return {"p50": statistics.median(samples), "p95": p95, "max": samples[-1], "n": len(samples)}


def _profile(client, url: str, step: str) -> None:
    from _setup import profiled

    if not os.environ.get("JARING_BENCH_PROFILE"):
        return
    with profiled(step, prefix="monitoring-"):
        client.get(url)


def slowest_queries(rows: list[dict], count: int = 3) -> list[str]:
    """The slowest single queries seen (one per page), to read with EXPLAIN ANALYZE."""
    lines = ["slowest queries (one warm-up request per page; SQL with its parameters):"]
    for r in sorted(rows, key=lambda r: -r["slowest_ms"])[:count]:
        lines.append(f"  {r['slowest_ms']:6.1f} ms  {r['scope']} {r['page']}: {r['slowest_sql'][:600]}")
    return lines


def table(rows: list[dict]) -> list[str]:
    lines = [f"{'scope':<24} {'wilayah':<14} {'page':<16} {'queries':>7} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}"]
    for r in rows:
        verdict = "PASS" if r["p95"] < LIMIT_MS else "FAIL"
        lines.append(f"{r['scope']:<24} {r['wilayah']:<14} {r['page']:<16} {r['queries']:>7} {r['p50']:>8.1f} "
                     f"{r['p95']:>8.1f} {r['max']:>8.1f}  {verdict}")  # fmt: skip
    return lines
