"""Synthetic-regency generation (`jaring demo-data`): wall time, throughput and peak memory per population.

Each population runs in its own subprocess, into a fresh temporary SQLite database (or the PostgreSQL
database given, migrated, with Trenggalek's earlier data removed before the clock starts), so that peak
RSS is that run's own.

    .venv/bin/python benchmarks/bench_generator.py --population 50000 750000
    .venv/bin/python benchmarks/bench_generator.py --population 750000 \
        --database-url postgres://postgres@127.0.0.1:5432/jaring_bench
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REGENCY = "35.03"


def child(population: int, database_url: str) -> None:
    """Runs inside the subprocess: set up, clear, then time the generation and write alone."""
    from _setup import django_with_database

    django_with_database(database_url)
    from django.db import transaction

    from jaring.demo.services import demo_regency_generate
    from jaring.demo.writer import regency_delete
    from jaring.regions.services import regions_load

    regions_load(prefix=REGENCY)
    with transaction.atomic():
        regency_delete(REGENCY, [])
    _vacuum()
    started = time.perf_counter()
    summary = demo_regency_generate(regency=REGENCY, population=population, seed=2025)
    seconds = time.perf_counter() - started
    from jaring.people.models import PersonGroup

    rows = summary.residents + summary.people + PersonGroup.objects.filter(person__regency_code=REGENCY).count()
    print(json.dumps({"seconds": seconds, "residents": summary.residents, "rows": rows, "people": summary.people}))


def _vacuum() -> None:
    """On PostgreSQL, reclaim the rows of the previous run so that every run starts from equal tables."""
    from django.db import connection

    from jaring.civil.models import CivilRecord
    from jaring.people.models import Person, PersonGroup

    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in (CivilRecord, Person, PersonGroup):
            cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def run(population: int, database_url: str | None) -> dict:
    with tempfile.TemporaryDirectory(prefix="jaring-bench-") as tmp:
        url = database_url or f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        proc = subprocess.Popen(
            [sys.executable, __file__, "--child", "--population", str(population), "--database-url", url],
            stdout=subprocess.PIPE,
            text=True,
            cwd=Path(__file__).parent,
        )
        output = proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"run for {population:,} failed with status {proc.returncode}")
    result = json.loads(output.strip().splitlines()[-1])
    result["peak_rss_mb"] = usage.ru_maxrss / 1024  # kilobytes on Linux
    result["vendor"] = url.split(":", 1)[0]
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--population", type=int, nargs="+", default=[50_000, 750_000])
    parser.add_argument("--database-url")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.population[0], args.database_url)
        return
    from _setup import machine

    print(f"demo-data generation + write, regency {REGENCY}, seed 2025 [{machine()}]")
    for population in args.population:
        r = run(population, args.database_url)
        print(
            f"{r['vendor']:<10} {population:>9,} residents  {r['seconds']:6.1f} s  "
            f"{r['residents'] / r['seconds']:>8,.0f} residents/s  {r['rows'] / r['seconds']:>8,.0f} rows/s "
            f"({r['rows']:,} rows)  peak RSS {r['peak_rss_mb']:,.0f} MB",
            flush=True,
        )


if __name__ == "__main__":
    main()
