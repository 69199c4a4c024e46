"""The monthly billing run (jaring.billing.services.invoices_issue) for 1,000,000 memberships (issue #7: under
30 s and under 1 GB, on SQLite and on PostgreSQL), the same month run again, and a payment of the largest invoice.

The world (benchmarks/_billing_data.py): Trenggalek's real 14 kecamatan and 157 desa/kelurahan, a program paid
by the APBD and six APBDes, one final decree, and N people each with an active membership from January 2026,
spread over the villages; written by bulk ``INSERT … SELECT`` into a template database once per invocation, then
``ANALYZE``d. Every run starts from a fresh copy of that template (a copied SQLite file; ``CREATE DATABASE …
TEMPLATE`` on PostgreSQL) and runs three subprocesses, each with ``DEBUG=0`` as the worker would:

- ``issue``: ``invoices_issue(program, month, actor=None)``, end to end: the plan (a count per source), one
  invoice per source with its kode iuran, every line by one ``INSERT … SELECT``, the audit rows, the commit;
- ``again``: the same call for the same month, which must find the invoices and write nothing;
- ``pay``: ``payment_record`` of the largest invoice's whole total (it updates the invoice row, not the lines).

Peak RSS is each subprocess's own high-water mark (``wait4``), Django's start-up and migration check included.

    .venv/bin/python benchmarks/bench_billing.py --memberships 1000000 --runs 3 --database both
    .venv/bin/python benchmarks/bench_billing.py --memberships 20000 --runs 1 --database sqlite   # a quick look
    .venv/bin/python benchmarks/bench_billing.py --profile /tmp/billing-profiles                 # pyinstrument

PostgreSQL: 127.0.0.1:5432, user postgres (``--postgres-url``); the script creates and drops its own databases,
``jaring_bench_billing`` and ``jaring_bench_billing_template``, and never touches another.
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
from urllib.parse import urlsplit, urlunsplit

from _setup import profiled, spawn

ROOT = Path(__file__).resolve().parent.parent
LIMIT_SECONDS, LIMIT_MB = 30, 1024
MONTH = dt.date(2026, 1, 1)
PAID_ON = dt.date(2026, 2, 10)
BENCH_DB = "jaring_bench_billing"
STEPS = ("issue", "again", "pay")


# --- Children: each step in its own process --------------------------------------------------------------------


def child_template(url: str, n: int) -> None:
    from _billing_data import build

    from _setup import django_with_database

    django_with_database(url)
    started = time.perf_counter()
    made = build(n)
    print(json.dumps({"seconds": time.perf_counter() - started, **made}))


def child_step(url: str, step: str) -> None:
    from _billing_data import PROGRAM

    from _setup import django_with_database

    django_with_database(url)
    from jaring.programs.models import Program

    program = Program.objects.get(code=PROGRAM)
    from django.db import connection

    measured = (issue if step in ("issue", "again") else pay)(program, step)
    if connection.vendor != "postgresql":
        del measured["server_cpu"]
    print(json.dumps(measured))


def issue(program, step: str) -> dict:
    from jaring.billing.services import invoices_issue

    started, cpu, server = time.perf_counter(), time.process_time(), server_cpu()
    with profiled(step, prefix="billing-"):
        run = invoices_issue(program=program, month=MONTH, actor=None)
    seconds, cpu, server = time.perf_counter() - started, time.process_time() - cpu, server_cpu() - server
    created, written = sum(b.created for b in run.bills), sum(b.lines for b in run.bills if b.created)
    return {"seconds": seconds, "cpu": cpu, "server_cpu": server, "lines": run.lines, "invoices": len(run.bills),
            "created": created, "written": written, "total": str(run.total)}  # fmt: skip


def pay(program, step: str) -> dict:
    from jaring.billing.models import Invoice
    from jaring.billing.services import payment_record

    invoice = Invoice.objects.filter(program=program, month=MONTH).order_by("-lines_count").first()
    started, cpu, server = time.perf_counter(), time.process_time(), server_cpu()
    with profiled(step, prefix="billing-"):
        payment_record(kode_iuran=invoice.kode_iuran, amount=invoice.total, paid_on=PAID_ON, channel="transfer",
                       actor=None, reference="SP2D/BENCH/0001", today=PAID_ON)  # fmt: skip
    seconds, cpu, server = time.perf_counter() - started, time.process_time() - cpu, server_cpu() - server
    invoice.refresh_from_db()
    return {"seconds": seconds, "cpu": cpu, "server_cpu": server, "lines": invoice.lines_count,
            "covered": invoice.covered_lines, "status": str(invoice.status), "total": str(invoice.total)}  # fmt: skip


def server_cpu() -> float:
    """CPU seconds used so far by this connection's PostgreSQL backend (it runs on this machine), where the run's
    work is done; it moves less than the wall time when other work shares the cores. 0 on SQLite, whose work is
    in this process's own CPU time."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return 0.0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime, in clock ticks


# --- Databases: a template built once, a fresh copy for every run ----------------------------------------------


class SQLite:
    name = "sqlite"

    def __init__(self, folder: Path):
        self.template, self.run = folder / "template.sqlite3", folder / "run.sqlite3"

    def build(self, n: int) -> dict:
        return spawn(
            __file__, "--child", "template", "--database-url", f"sqlite:///{self.template}", "--memberships", str(n)
        )

    def fresh(self) -> str:
        for leftover in self.run.parent.glob("run.sqlite3*"):
            leftover.unlink()
        shutil.copyfile(self.template, self.run)
        return f"sqlite:///{self.run}"

    def drop(self) -> None:
        pass  # the temporary folder goes with everything in it


class Postgres:
    name = "postgresql"

    def __init__(self, url: str):
        parts = urlsplit(url)
        self.admin = urlunsplit(parts._replace(path="/postgres"))
        self.url = lambda name: urlunsplit(parts._replace(path=f"/{name}"))
        self.template = f"{BENCH_DB}_template"

    def _sql(self, *statements: str) -> None:
        import psycopg

        with psycopg.connect(self.admin, autocommit=True) as conn:
            for statement in statements:
                conn.execute(statement)

    def build(self, n: int) -> dict:
        self._sql(f'DROP DATABASE IF EXISTS "{self.template}" WITH (FORCE)', f'CREATE DATABASE "{self.template}"')
        return spawn(
            __file__, "--child", "template", "--database-url", self.url(self.template), "--memberships", str(n)
        )

    def fresh(self) -> str:
        self._sql(f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)',
                  f'CREATE DATABASE "{BENCH_DB}" TEMPLATE "{self.template}"')  # fmt: skip
        return self.url(BENCH_DB)

    def drop(self) -> None:
        self._sql(f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)',
                  f'DROP DATABASE IF EXISTS "{self.template}" WITH (FORCE)')  # fmt: skip


# --- The run ---------------------------------------------------------------------------------------------------


def bench(database, n: int, runs: int) -> dict[str, list[dict]]:
    started = time.perf_counter()
    made = database.build(n)
    print(f"\n{database.name}: {n:,} people and memberships in {made['villages']} villages, {made['sources']} "
          f"sources; template built in {time.perf_counter() - started:.1f} s (data {made['seconds']:.1f} s, "
          f"peak RSS {made['peak_rss_mb']:.0f} MB)", flush=True)  # fmt: skip
    results = {step: [] for step in STEPS}
    try:
        for i in range(1, runs + 1):
            url = database.fresh()
            for step in STEPS:
                results[step].append(spawn(__file__, "--child", step, "--database-url", url))
                print(line(f"run {i} {step}", results[step][-1]), flush=True)
            check(results, n)
    finally:
        database.drop()
    return results


def check(results: dict[str, list[dict]], n: int) -> None:
    first, again, paid = (results[step][-1] for step in STEPS)
    _expect(first["lines"] == n and first["written"] == n, f"the run billed {first['lines']:,} lines, not {n:,}")
    _expect(first["created"] == first["invoices"], "the first run found invoices in a fresh database")
    _expect(again["created"] == 0 and again["lines"] == n, f"the second run wrote: {again}")
    _expect(again["total"] == first["total"], f"the second run's total {again['total']} ≠ {first['total']}")
    _expect(paid["covered"] == paid["lines"] and paid["status"] == "paid", f"the payment left {paid}")


def _expect(condition: bool, message: str) -> None:
    if not condition:
        raise SystemExit(f"FAILED: {message}")


def line(step: str, r: dict) -> str:
    if "invoices" in r:
        what = f"{r['written']:>9,} lines written, {r['invoices']} invoices ({r['created']} new)"
    else:
        what = f"{r['lines']:>9,}-line invoice paid in full, {r['covered']:,} lines covered"
    server = f"  server CPU {r['server_cpu']:6.2f} s" if "server_cpu" in r else ""
    return (
        f"{step:<12} {r['seconds']:7.2f} s  CPU {r['cpu']:6.2f} s{server}  peak RSS {r['peak_rss_mb']:5.0f} MB  {what}"
    )


def verdict(name: str, step: str, rs: list[dict]) -> str:
    seconds, peaks = sorted(r["seconds"] for r in rs), sorted(r["peak_rss_mb"] for r in rs)
    ok = seconds[-1] < LIMIT_SECONDS and peaks[-1] < LIMIT_MB
    cpu = sorted(r["cpu"] + r.get("server_cpu", 0) for r in rs)
    return (f"{name:<10} {step:<6} best {seconds[0]:6.2f} s, worst {seconds[-1]:6.2f} s (CPU, with the server's, "
            f"{cpu[0]:.2f}–{cpu[-1]:.2f} s); peak RSS "
            f"{peaks[0]:.0f}–{peaks[-1]:.0f} MB  [floor {LIMIT_SECONDS} s, {LIMIT_MB} MB: "
            f"{'PASS' if ok else 'FAIL'}]")  # fmt: skip


def main() -> None:
    args = arguments()
    if args.child:
        if args.child == "template":
            child_template(args.database_url, args.memberships)
        else:
            child_step(args.database_url, args.child)
        return
    if args.profile:
        Path(args.profile).mkdir(parents=True, exist_ok=True)
        os.environ["JARING_BENCH_PROFILE"] = str(Path(args.profile).resolve())
    os.environ["DEBUG"] = "0"  # as the production worker runs: no query log kept in memory
    names = ("sqlite", "postgres") if args.database == "both" else (args.database,)
    python, load = sys.version.split()[0], os.getloadavg()[0]
    print(f"billing run of {args.memberships:,} memberships for {MONTH:%Y-%m}, {args.runs} run(s) per database; "
          f"{os.cpu_count()} cores, Python {python}, load average {load:.2f}")  # fmt: skip
    summary = []
    with tempfile.TemporaryDirectory(prefix="jaring-bench-billing-") as folder:
        for name in names:
            database = SQLite(Path(folder)) if name == "sqlite" else Postgres(args.postgres_url)
            results = bench(database, args.memberships, args.runs)
            summary += [verdict(database.name, step, results[step]) for step in STEPS]
    print(f"\n{os.cpu_count()} cores; load average at end {os.getloadavg()[0]:.2f}")
    print("\n".join(summary))


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--memberships", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3, help="fresh databases per database, each with three steps")
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--postgres-url", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--profile", metavar="DIR", help="profile the measured calls with pyinstrument into DIR")
    parser.add_argument("--child", choices=["template", *STEPS], help=argparse.SUPPRESS)
    parser.add_argument("--database-url", help=argparse.SUPPRESS)
    return parser.parse_args()


if __name__ == "__main__":
    main()
