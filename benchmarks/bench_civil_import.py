"""Civil-registry extract import (`jaring import-civil`, issue #4): a synthetic SIAK CSV of N rows loaded into
an empty extract, the same file again (nothing changes), then a newer extract where every tenth person moved.

Prints rows, seconds per step, peak RSS and the core count.

    .venv/bin/python benchmarks/bench_civil_import.py --rows 1000000
    .venv/bin/python benchmarks/bench_civil_import.py --rows 1000000 \
        --database-url postgres://postgres@127.0.0.1:5432/jaring_bench_civil
"""

import argparse
import datetime as dt
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

import polars as pl

REGENCY = "35.03"


def extract_file(rows: int, villages: list[str], path: Path, moved_every: int = 0) -> None:
    """A SIAK-shaped CSV with ``rows`` distinct, structurally valid NIKs (serial, then day and month vary)."""
    i = pl.col("i")
    rest = i // 9999
    day, month = rest % 28 + 1, rest // 28 % 12 + 1
    village = pl.lit(pl.Series(villages)).gather(i % len(villages))
    if moved_every:
        village = pl.when(i % moved_every == 0).then(pl.lit(villages[0])).otherwise(village)

    def pad(expr, width):
        return expr.cast(pl.String).str.zfill(width)

    frame = pl.DataFrame({"i": pl.int_range(0, rows, eager=True)}).select(
        NIK=pl.format("350301{}{}85{}", pad(day, 2), pad(month, 2), pad(i % 9999 + 1, 4)),
        NO_KK=pl.format("350301010120{}", pad(i // 4 % 10000, 4)),
        NAMA_LGKP=pl.format("WARGA NOMOR {}", i),
        TMPT_LHR=pl.lit("TRENGGALEK"),
        TGL_LHR=pl.format("{}-{}-1985", pad(day, 2), pad(month, 2)),
        JENIS_KLMIN=pl.lit("LAKI-LAKI"),
        ALAMAT=pl.lit("DSN KRAJAN"),
        NO_RT=pl.lit("1"),
        NO_RW=pl.lit("2"),
        KODE_DESA=village,
        STAT_HIDUP=pl.lit("HIDUP"),
        JENIS_PKRJN=pl.lit("PETANI/PEKEBUN"),
    )
    frame.write_csv(path, separator=";")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).parent))
    from _setup import django_with_database, machine

    url = django_with_database(args.database_url)
    from jaring.civil.models import CivilRecord
    from jaring.civil.services import civil_extract_import
    from jaring.regions.models import Region, RegionLevel
    from jaring.regions.services import regions_load

    regions_load(prefix=REGENCY)
    CivilRecord.objects.filter(regency_code=REGENCY).delete()
    villages = list(
        Region.objects.filter(level=RegionLevel.VILLAGE, code__startswith=REGENCY).values_list("code", flat=True)
    )
    print(f"{machine()}; {os.cpu_count()} CPUs; database {url.split(':', 1)[0]}; machine shared with other work")
    with tempfile.TemporaryDirectory(prefix="jaring-bench-") as tmp:
        first, moved = Path(tmp) / "siak.csv", Path(tmp) / "siak-newer.csv"
        extract_file(args.rows, villages, first)
        extract_file(args.rows, villages, moved, moved_every=10)
        steps = [
            ("first load", first, dt.date(2026, 1, 31)),
            ("same file again", first, dt.date(2026, 1, 31)),
            ("newer extract, 10% moved", moved, dt.date(2026, 2, 28)),
        ]
        for label, path, extract_date in steps:
            started = time.perf_counter()
            summary = civil_extract_import(path=path, extract_date=extract_date, actor=None, wet_run=True)
            seconds = time.perf_counter() - started
            print(f"{label:26} rows {summary.rows_read:>9,}  {seconds:6.1f} s  {summary.counts()}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak:,.0f} MB (whole process, file generation included); os.cpu_count() = {os.cpu_count()}")


if __name__ == "__main__":
    main()
