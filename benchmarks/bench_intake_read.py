"""Reading a village's candidate list (issue #3: a 100,000-row .xlsx in a few seconds): ``read_table`` beside
openpyxl (read_only=True, values_only=True), the reader most Python projects use.

The file is built once into /tmp with XlsxWriter and shared strings, as Excel saves it: 15 columns, NIK typed
as a number in half the rows and as text in the others, birth dates as real dates in two rows of three and as
typed text in the third. Each reader runs in its own subprocess, so its peak RSS is its own. ``--province 94``
gives Papua NIKs, which pass 2**53 and so take read_table's extra boolean load (see jaring.intake.reading).

    .venv/bin/python benchmarks/bench_intake_read.py
    .venv/bin/python benchmarks/bench_intake_read.py --rows 100000 --province 94

openpyxl is not a dependency of Jaring: ``.venv/bin/pip install openpyxl`` to run its half.
"""

import argparse
import datetime as dt
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

HEADERS = [
    "No",
    "NIK",
    "No KK",
    "Nama Lengkap",
    "Tempat Lahir",
    "Tanggal Lahir",
    "Jenis Kelamin",
    "Alamat",
    "RT",
    "RW",
    "Desa",
    "Pekerjaan",
    "Kelompok",
    "No HP",
    "Keterangan",
]
FIRST = ["Siti", "Budi", "Sri", "Agus", "Dewi", "Joko", "Nur", "Eko", "Rina", "Bambang", "Suparmi", "Wahyu"]
LAST = ["Rahayu", "Santoso", "Wulandari", "Prasetyo", "Lestari", "Hidayat", "Susanti", "Saputra", "Aminah"]
PLACES = ["Trenggalek", "Tulungagung", "Ponorogo", "Panggul", "Kediri", "Blitar"]
JOBS = ["Petani", "Nelayan", "Buruh tani", "Pedagang keliling", "Ojek", "Peternak", "Pengrajin"]
GROUPS = ["Pekerja rentan", "Miskin ekstrem", "Lansia pekerja", "Penyandang disabilitas"]


def build(path: Path, rows: int, province: str) -> None:
    import xlsxwriter

    rnd = random.Random(2025)
    book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    sheet, date = book.add_worksheet("Usulan"), book.add_format({"num_format": "dd/mm/yyyy"})
    sheet.write_row(0, 0, HEADERS)
    for row in range(1, rows + 1):
        _write_person(sheet, date, row, rnd, province)
    book.close()


def _write_person(sheet, date, row: int, rnd: random.Random, province: str) -> None:
    born = dt.date(1960, 1, 1) + dt.timedelta(days=rnd.randrange(16000))
    nik = int(f"{province}0301{born:%d%m%y}{rnd.randrange(1, 9999):04d}")
    sheet.write_number(row, 0, row)
    (sheet.write_number if row % 2 else sheet.write_string)(row, 1, nik if row % 2 else str(nik))
    sheet.write_string(row, 2, f"{province}0301{rnd.randrange(10**10):010d}")
    sheet.write_string(row, 3, f"{rnd.choice(FIRST)} {rnd.choice(LAST)}")
    sheet.write_string(row, 4, rnd.choice(PLACES))
    if row % 3:
        sheet.write_datetime(row, 5, dt.datetime(born.year, born.month, born.day), date)
    else:
        sheet.write_string(row, 5, f"{born:%d-%m-%Y}")
    sheet.write_row(row, 6, ["L" if rnd.random() < 0.5 else "P", f"Dusun Krajan RT {row % 9 + 1}"])
    sheet.write_row(row, 8, [rnd.randrange(1, 15), rnd.randrange(1, 6), "Besuki", rnd.choice(JOBS)])
    sheet.write_row(row, 12, [rnd.choice(GROUPS), f"08{rnd.randrange(10**10):010d}"])
    if row % 11 == 0:
        sheet.write_string(row, 14, "Data baru tahun ini")


def child(reader: str, path: str) -> None:
    """Runs inside the subprocess: imports first, then the clock covers reading the file into rows."""
    if reader == "jaring":
        from jaring.intake.reading import read_table

        started = time.perf_counter()
        table = read_table(Path(path).read_bytes(), Path(path).name)
        rows, inexact = len(table.rows), len(table.inexact)
    else:
        import openpyxl

        started = time.perf_counter()
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        rows, inexact = len([list(row) for row in book.worksheets[0].iter_rows(values_only=True)]) - 1, None
        book.close()
    print(json.dumps({"seconds": time.perf_counter() - started, "rows": rows, "inexact": inexact}))


def run(reader: str, path: Path) -> dict:
    proc = subprocess.Popen(
        [sys.executable, __file__, "--child", reader, "--path", str(path)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    output = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{reader} failed with status {os.waitstatus_to_exitcode(status)}")
    result = json.loads(output.strip().splitlines()[-1])
    result["peak_rss_mb"] = usage.ru_maxrss / 1024  # kilobytes on Linux
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--province", default="35", help="first two NIK digits: 35 Jawa Timur, 94 Papua")
    parser.add_argument("--child", choices=["jaring", "openpyxl"])
    parser.add_argument("--path")
    args = parser.parse_args()
    if args.child:
        child(args.child, args.path)
        return
    path = Path("/tmp") / f"jaring-bench-intake-{args.rows}-{args.province}.xlsx"
    started = time.perf_counter()
    build(path, args.rows, args.province)
    print(f"{os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print(f"built {path} ({path.stat().st_size / 2**20:.1f} MiB) in {time.perf_counter() - started:.1f} s")
    print(f"{'reader':<10} {'rows':>8} {'seconds':>8} {'peak RSS':>10} {'inexact':>8}")
    for reader in ("jaring", "openpyxl"):
        result = run(reader, path)
        inexact = "-" if result["inexact"] is None else f"{result['inexact']:,}"
        print(
            f"{reader:<10} {result['rows']:>8,} {result['seconds']:>8.2f} {result['peak_rss_mb']:>7.0f} MB {inexact:>8}"
        )


if __name__ == "__main__":
    main()
