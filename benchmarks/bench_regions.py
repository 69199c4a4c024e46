"""All-region load time: 91,599 Kemendagri regions into an empty database, then a second (idempotent) run.

.venv/bin/python benchmarks/bench_regions.py [--database-url postgres://postgres@127.0.0.1:5432/jaring_bench_regions]
"""

import argparse
import time

from _setup import django_with_database, machine


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url")
    args = parser.parse_args()
    url = django_with_database(args.database_url)
    from jaring.regions.services import regions_load

    vendor = url.split(":", 1)[0]
    for label in ("first load", "second load (no changes)"):
        started = time.perf_counter()
        counts = regions_load()
        seconds = time.perf_counter() - started
        print(f"regions {label:<26} {vendor:<10} {sum(counts.values()):>7,} regions  {seconds:6.2f} s  [{machine()}]")


if __name__ == "__main__":
    main()
