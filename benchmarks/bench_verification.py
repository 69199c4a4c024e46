"""Linking candidates to the civil registry: precision, recall, F1, time and peak memory, beside an exact-NIK
baseline and (when installed) Splink on DuckDB, on the same data.

The registry is a synthetic regency from the demo generator; the candidates carry known truth and the faults
of real lists (see ``_linkage_data``). Each linker runs in its own subprocess that reads the two Parquet files,
so its time is end to end (read, normalise, block, compare, decide, explain) and its peak RSS is its own.

    .venv/bin/python benchmarks/bench_verification.py --registry 1000000 --candidates 100000
    .venv/bin/pip install 'splink>=5,<6'   # optional: adds Splink's figures
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))


def prepare(registry: int, candidates: int) -> tuple[Path, Path]:
    import _linkage_data as data

    cands = data.CACHE / f"candidates-{registry}-{candidates}.parquet"
    reg = data.CACHE / f"registry-{registry}-2025.parquet"
    if not cands.exists():
        started = time.perf_counter()
        frame = data.registry(registry)
        data.candidates(frame, candidates).write_parquet(cands)
        print(f"data generated in {time.perf_counter() - started:.0f} s (cached in {data.CACHE})", flush=True)
    return reg, cands


def child(linker: str, reg_path: str, cand_path: str, out_path: str) -> None:
    import polars as pl

    started = time.perf_counter()
    reg = pl.read_parquet(reg_path)
    cands = pl.read_parquet(cand_path).drop("truth", "faults")
    if linker == "jaring":
        from jaring.verification.engine import match_batch

        links = match_batch(cands, reg, regency="35.03").select("id", "registry_nik", "status")
    elif linker == "exact":
        hit = cands.join(reg.select("nik"), on="nik", how="semi")["id"]
        links = cands.select("id", registry_nik=pl.when(pl.col("id").is_in(hit.implode())).then(pl.col("nik")))
    else:
        from _splink_linker import splink_links

        links = splink_links(cands, reg)
    seconds = time.perf_counter() - started
    links.write_parquet(out_path)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2  # KiB → GiB
    print(json.dumps({"seconds": seconds, "peak_gb": peak}))


def measure(linker: str, reg: Path, cands: Path) -> dict | None:
    out = cands.with_name(f"links-{linker}-{cands.stem}.parquet")
    proc = subprocess.run(
        [sys.executable, __file__, "--child", linker, str(reg), str(cands), str(out)],
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        print(f"{linker}: failed\n{proc.stderr[-2000:]}")
        return None
    figures = json.loads(proc.stdout.strip().splitlines()[-1])
    return figures | scores(cands, out)


def scores(cands_path: Path, links_path: Path) -> dict:
    import polars as pl

    truth = pl.read_parquet(cands_path).select("id", "truth", "faults")
    joined = truth.join(pl.read_parquet(links_path), on="id", how="left")
    pred, real = pl.col("registry_nik"), pl.col("truth")
    tp = joined.filter(pred.is_not_null() & (pred == real)).height
    fp = joined.filter(pred.is_not_null() & (real.is_null() | (pred != real))).height
    fn = joined.filter(real.is_not_null() & (pred.is_null() | (pred != real))).height
    precision, recall = tp / max(1, tp + fp), tp / max(1, tp + fn)
    f1 = 2 * precision * recall / max(1e-9, precision + recall)
    return {"precision": precision, "recall": recall, "f1": f1, "wrong_person": fp, "missed": fn}


def by_fault(cands_path: Path, links_path: Path) -> None:
    import polars as pl

    joined = pl.read_parquet(cands_path).join(pl.read_parquet(links_path), on="id")
    linked, real = pl.col("registry_nik"), pl.col("truth")
    joined = joined.with_columns(
        fault=pl.when(real.is_null())
        .then(pl.lit("(tidak ada di registri)"))
        .otherwise(pl.col("faults").replace("", "(bersih)").str.split(",").list.first()),
        right=(linked == real).fill_null(False) | (real.is_null() & linked.is_null()),
    )
    table = joined.group_by("fault").agg(rows=pl.len(), right=pl.col("right").mean())
    print("\nJaring, share decided right by first fault:")
    for row in table.sort("rows", descending=True).iter_rows(named=True):
        print(f"  {row['fault']:<26} {row['rows']:>7}  {row['right']:.4f}")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(*sys.argv[2:6])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--registry", type=int, default=1_000_000)
    parser.add_argument("--candidates", type=int, default=100_000)
    parser.add_argument("--no-splink", action="store_true", help="skip Splink even when it is installed")
    args = parser.parse_args()
    reg, cands = prepare(args.registry, args.candidates)
    python = sys.version.split()[0]
    print(f"registry {args.registry:,}, candidates {args.candidates:,}; {os.cpu_count()} cores, Python {python}")
    linkers = ["jaring", "exact"]
    try:
        import splink  # noqa: F401

        if not args.no_splink:
            linkers.append("splink")
    except ImportError:
        print("Splink is not installed (pip install 'splink>=5,<6'); its figures are left out.")
    heads = ("seconds", "peak GB", "precision", "recall", "F1", "wrong", "missed")
    print(f"{'linker':<8} " + " ".join(f"{h:>{max(8, len(h)) + (1 if h == 'precision' else 0)}}" for h in heads))
    for linker in linkers:
        r = measure(linker, reg, cands)
        if r:
            print(
                f"{linker:<8} {r['seconds']:>8.2f} {r['peak_gb']:>8.2f} {r['precision']:>10.4f} {r['recall']:>8.4f}"
                f" {r['f1']:>8.4f} {r['wrong_person']:>8} {r['missed']:>8}",
                flush=True,
            )
    by_fault(cands, cands.with_name(f"links-jaring-{cands.stem}.parquet"))


if __name__ == "__main__":
    main()
