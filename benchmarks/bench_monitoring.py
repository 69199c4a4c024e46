"""Monitoring dashboards over a whole province (issue #8: with 10,000,000 memberships across a province's
regencies on PostgreSQL, 1,000,000 on SQLite, each dashboard answers in under 300 ms at the 95th percentile for
any scope).

The world (benchmarks/_monitoring_data.py, _monitoring_billing.py): Jawa Timur's real 38 regencies, 666 kecamatan
and 8,494 desa/kelurahan; a pekerja-rentan program per regency for this year (and a perangkat-desa program in
four), funded by the APBD kabupaten, DBHCHT and APBDes; N people and memberships written by bulk ``INSERT …
SELECT`` into a template database, the latest month whose due date has passed billed by ``invoices_issue`` for
every program and mostly paid. Every run works on a fresh copy of the template, in three kinds of subprocess:

- ``template``: the data, the billing and the payments, then ``ANALYZE`` (each phase timed);
- ``refresh``: ``monitoring.services.facts_refresh(program=…)`` for every program (the figures the dashboards
  read: CoverageFact rows per program, month, region level and dimension), then ``ANALYZE`` of those rows, as
  autovacuum would gather after them (the planner's choices differ with and without; see RESULTS.md);
- ``dashboard``: through Django's test client (full middleware, scoping, templates), as users of every scope,
  the dashboard page and each chart's .xlsx export, 2 warm-ups then ``--requests`` timed requests each.

    .venv/bin/python benchmarks/bench_monitoring.py --database sqlite                  # 1,000,000 memberships
    .venv/bin/python benchmarks/bench_monitoring.py --database postgresql              # 10,000,000
    .venv/bin/python benchmarks/bench_monitoring.py --database both --memberships 50000 --requests 5   # a look
    .venv/bin/python benchmarks/bench_monitoring.py --database postgresql --keep       # keep the databases …
    .venv/bin/python benchmarks/bench_monitoring.py --database postgresql --reuse      # … and skip the build
    .venv/bin/python benchmarks/bench_monitoring.py --profile /tmp/monitoring-profiles # pyinstrument

PostgreSQL: 127.0.0.1:5432, user postgres (``--postgres-url``); the script creates and drops its own databases,
``jaring_bench_monitoring`` and ``jaring_bench_monitoring_template``, and never touches another. SQLite files
go to a temporary folder (``--workdir`` to keep them).
"""

import argparse
import datetime as dt
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from _monitoring_requests import LIMIT_MS, slowest_queries, table

from _setup import PostgresServer, spawn

ROOT = Path(__file__).resolve().parent.parent
BENCH_DB = "jaring_bench_monitoring"
DEFAULT_MEMBERSHIPS = {"sqlite": 1_000_000, "postgresql": 10_000_000}
DUE_DAY = 15  # BillingSettings' default


# --- Children: each step in its own process --------------------------------------------------------------------


def billed_month(today: dt.date) -> dt.date:
    """The latest month of this year whose contributions are past due (January itself early in January)."""
    from jaring.billing.periods import due_date
    from jaring.programs.rates import add_months

    month = today.replace(day=1)
    for back in (1, 2):
        earlier = add_months(month, -back)
        if earlier.year == today.year and due_date(earlier, DUE_DAY) < today:
            return earlier
    return month


def child_template(url: str, n: int) -> None:
    from _billing_data import _analyze
    from _monitoring_billing import bill
    from _monitoring_data import build

    from _setup import django_with_database

    django_with_database(url)
    from django.utils import timezone

    today = timezone.localdate()
    month = billed_month(today)
    made = build(n, month)
    billed = bill(month, today)
    started = time.perf_counter()
    _analyze()
    phases = {**made.pop("phases"), **billed.pop("phases"), "analyze": time.perf_counter() - started}
    print(json.dumps({"phases": phases, "month": f"{month:%Y-%m}", **made, **billed}))


def child_refresh(url: str) -> None:
    from _setup import django_with_database, profiled

    django_with_database(url)
    from django.db.models import Count

    from jaring.enrollment.models import Membership
    from jaring.monitoring.models import CoverageFact
    from jaring.monitoring.services import facts_refresh
    from jaring.programs.models import Program

    sizes = dict(Membership.objects.order_by().values_list("program").annotate(n=Count("pk")))
    timings = []
    with profiled("refresh", prefix="monitoring-"):
        for program in Program.objects.order_by("code"):
            started = time.perf_counter()
            rows = facts_refresh(program=program)
            timings.append({"program": program.code, "memberships": sizes.get(program.pk, 0), "rows": rows,
                            "seconds": time.perf_counter() - started})  # fmt: skip
    largest = max(timings, key=lambda t: t["memberships"])
    slowest = max(timings, key=lambda t: t["seconds"])
    total = sum(t["seconds"] for t in timings)
    print(json.dumps({"programs": len(timings), "seconds": total, "largest": largest, "slowest": slowest,
                      "facts": CoverageFact.objects.count(), "analyze": _analyze_facts()}))  # fmt: skip


def _analyze_facts() -> float:
    """Planner statistics for the new figures, as autovacuum would gather them after 1.5 million new rows (the
    benchmark's server runs with autovacuum off, and the template was analyzed before any figure existed)."""
    from django.db import connection

    from jaring.monitoring.models import CoverageFact

    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {CoverageFact._meta.db_table}")
    return time.perf_counter() - started


def child_dashboard(url: str, repeats: int) -> None:
    from _monitoring_requests import measure

    from _setup import django_with_database

    django_with_database(url)
    from django.utils import timezone

    print(json.dumps({"rows": measure(timezone.localdate().year, repeats)}))


# --- Databases: a template built once, a fresh copy for every run ----------------------------------------------


class SQLite:
    name = "sqlite"

    def __init__(self, folder: Path):
        self.template, self.run = folder / "template.sqlite3", folder / "run.sqlite3"

    def exists(self) -> bool:
        return self.template.exists()

    def build(self, n: int) -> dict:
        for leftover in self.template.parent.glob("template.sqlite3*"):
            leftover.unlink()
        return spawn(__file__, "--child", "template", "--database-url", f"sqlite:///{self.template}",
                     "--memberships", str(n))  # fmt: skip

    def fresh(self) -> str:
        for leftover in self.run.parent.glob("run.sqlite3*"):
            leftover.unlink()
        shutil.copyfile(self.template, self.run)
        return f"sqlite:///{self.run}"

    def drop(self, keep: bool) -> None:
        pass  # the folder goes with everything in it, or stays with --workdir


class Postgres:
    name = "postgresql"

    def __init__(self, url: str):
        self.server, self.template = PostgresServer(url), f"{BENCH_DB}_template"
        self.url, self._sql = self.server.url, self.server.sql

    def exists(self) -> bool:
        return bool(self._sql(f"SELECT 1 FROM pg_database WHERE datname = '{self.template}'")[0])

    def build(self, n: int) -> dict:
        self._sql(f'DROP DATABASE IF EXISTS "{self.template}" WITH (FORCE)', f'CREATE DATABASE "{self.template}"')
        return spawn(__file__, "--child", "template", "--database-url", self.url(self.template),
                     "--memberships", str(n))  # fmt: skip

    def fresh(self) -> str:
        # FILE_COPY copies the files after a checkpoint instead of writing gigabytes of WAL (PostgreSQL 15+).
        self._sql(f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)',
                  f'CREATE DATABASE "{BENCH_DB}" TEMPLATE "{self.template}" STRATEGY FILE_COPY')  # fmt: skip
        return self.url(BENCH_DB)

    def drop(self, keep: bool) -> None:
        if not keep:
            self._sql(f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)',
                      f'DROP DATABASE IF EXISTS "{self.template}" WITH (FORCE)')  # fmt: skip


# --- The run ---------------------------------------------------------------------------------------------------


def bench(database, n: int, args) -> list[str]:
    if args.reuse and database.exists():
        print(f"\n{database.name}: reusing the template built before (--reuse)", flush=True)
    else:
        started = time.perf_counter()
        made = database.build(n)
        print(f"\n{database.name}: {made['people']:,} people and memberships in {made['villages']:,} desa, "
              f"{made['programs']} programs; {made['invoices']:,} invoices with {made['lines']:,} lines for "
              f"{made['month']}; template built in {time.perf_counter() - started:.1f} s "
              f"(peak RSS {made['peak_rss_mb']:.0f} MB){load()}", flush=True)  # fmt: skip
        print("  " + ", ".join(f"{phase} {seconds:.1f} s" for phase, seconds in made["phases"].items()), flush=True)
    verdicts = []
    try:
        started = time.perf_counter()
        url = database.fresh()
        print(f"fresh copy of the template in {time.perf_counter() - started:.1f} s", flush=True)
        refreshed = spawn(__file__, "--child", "refresh", "--database-url", url)
        print(refresh_line(refreshed) + load(), flush=True)
        timed = spawn(__file__, "--child", "dashboard", "--database-url", url, "--requests", str(args.requests))
        print(f"dashboard: {args.requests} timed requests per page after 2 warm-ups (peak RSS "
              f"{timed['peak_rss_mb']:.0f} MB){load()}")  # fmt: skip
        print("\n".join(table(timed["rows"]) + slowest_queries(timed["rows"])), flush=True)
        verdicts.append(verdict(database.name, n, timed["rows"]))
    finally:
        database.drop(args.keep)
    return verdicts


def load() -> str:
    return f"; load average {os.getloadavg()[0]:.2f}"


def refresh_line(r: dict) -> str:
    largest, slowest = r["largest"], r["slowest"]
    return (f"refresh: {r['programs']} programs in {r['seconds']:.1f} s, {r['facts']:,} CoverageFact rows "
            f"(peak RSS {r['peak_rss_mb']:.0f} MB); largest {largest['program']} ({largest['memberships']:,} "
            f"memberships) {largest['seconds']:.2f} s, {largest['rows']:,} rows; slowest {slowest['program']} "
            f"{slowest['seconds']:.2f} s; then ANALYZE of the figures {r['analyze']:.1f} s")  # fmt: skip


def verdict(name: str, n: int, rows: list[dict]) -> str:
    worst = max(rows, key=lambda r: r["p95"])
    ok = worst["p95"] < LIMIT_MS
    return (
        f"{name:<10} {n:>11,} memberships: {len(rows)} pages × scopes, worst p95 {worst['p95']:.1f} ms "
        f"({worst['scope']}, {worst['page']})  [floor {LIMIT_MS} ms: {'PASS' if ok else 'FAIL'}]"
    )


def child(args) -> None:
    steps = {
        "template": lambda: child_template(args.database_url, args.memberships),
        "refresh": lambda: child_refresh(args.database_url),
        "dashboard": lambda: child_dashboard(args.database_url, args.requests),
    }
    steps[args.child]()


def main() -> None:
    args = arguments()
    if args.child:
        return child(args)
    os.environ["DEBUG"] = "0"  # as production runs: no query log kept in memory
    if args.profile:  # children read it
        os.environ["JARING_BENCH_PROFILE"] = str(Path(args.profile).resolve())
        Path(args.profile).mkdir(parents=True, exist_ok=True)
    names = ("sqlite", "postgresql") if args.database == "both" else (args.database,)
    print(f"monitoring dashboards over Jawa Timur; {os.cpu_count()} cores, Python {sys.version.split()[0]}, "
          f"load average {os.getloadavg()[0]:.2f}")  # fmt: skip
    summary = []
    with tempfile.TemporaryDirectory(prefix="jaring-bench-monitoring-") as temporary:
        folder = Path(args.workdir or temporary)
        folder.mkdir(parents=True, exist_ok=True)
        for name in names:
            database = SQLite(folder) if name == "sqlite" else Postgres(args.postgres_url)
            summary += bench(database, args.memberships or DEFAULT_MEMBERSHIPS[name], args)
    print(f"\n{os.cpu_count()} cores; load average at end {os.getloadavg()[0]:.2f}")
    print("\n".join(summary))


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--memberships", type=int, help="default 1,000,000 on SQLite, 10,000,000 on PostgreSQL")
    parser.add_argument("--requests", type=int, default=30, help="timed requests per page and scope")
    parser.add_argument("--database", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--postgres-url", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--workdir", help="SQLite files here (kept) instead of a temporary folder")
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL databases at the end")
    parser.add_argument("--reuse", action="store_true", help="use the template left by --keep/--workdir")
    parser.add_argument("--profile", metavar="DIR", help="profile the refresh and the requests into DIR")
    parser.add_argument("--child", choices=["template", "refresh", "dashboard"], help=argparse.SUPPRESS)
    parser.add_argument("--database-url", help=argparse.SUPPRESS)
    return parser.parse_args()


if __name__ == "__main__":
    main()
