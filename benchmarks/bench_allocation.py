"""Budget-constrained selection (jaring.programs.allocation): seconds and peak memory of allocate() on a
synthetic regency, with what each funding source paid for and who waits.

The candidates are generated with a fixed seed (no files needed): 160 villages of uneven size in 14
districts, occupations with ~15% tobacco farmers and farm labourers, groups, deciles 1–10 (10% unknown),
20% carried over, ~5% ineligible, rows in shuffled id order. Six sources (APBD kabupaten and provinsi,
DBHCHT for tobacco farmers and farm labourers, a donation, two APBDes) cover about 60% of the candidates;
each village has a maximum quota and one in five a minimum.

Each run is its own subprocess that reads the generated frame from a temporary Parquet file and then times
allocate() alone. Peak RSS is that subprocess's high-water mark while allocate() runs (on Linux the mark is
reset just before it, as reading the Parquet file peaks higher), which includes the interpreter, Polars and
the input frame; the RSS held just before allocate() and the whole process's peak are printed beside it.

    .venv/bin/python benchmarks/bench_allocation.py --candidates 1000000 --runs 3
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SEED = 2025
COST = 10 * 16_800  # 10 months of the BPU package (JKK Rp10,000 + JKM Rp6,800), the same for every source here
OCCUPATIONS = {
    "petani": 0.25,
    "petani_tembakau": 0.05,
    "buruh_tani": 0.10,
    "pedagang_kecil": 0.15,
    "ojek": 0.08,
    "nelayan": 0.05,
    "lainnya": 0.22,
    "": 0.10,
}
TOBACCO = frozenset({"petani_tembakau", "buruh_tani"})  # DBHCHT: tobacco excise money, for tobacco farming
GROUPS = {"disabilitas": 0.03, "lansia": 0.10, "perempuan_kepala_keluarga": 0.08}


def villages(rng) -> list[str]:
    """160 Kemendagri-style village codes in 14 districts of Trenggalek (35.03)."""
    per_district = rng.multinomial(160 - 14, [1 / 14] * 14) + 1
    return [f"35.03.{d + 1:02}.{2001 + v}" for d in range(14) for v in range(per_district[d])]


def candidates(n: int):
    import numpy as np
    import polars as pl

    rng = np.random.default_rng(SEED)
    codes = villages(rng)
    size = rng.lognormal(0, 0.6, len(codes))
    village = rng.choice(len(codes), n, p=size / size.sum())
    frame = pl.DataFrame(
        {
            "id": rng.permutation(np.arange(1, n + 1, dtype=np.int64)),
            "village": pl.Series(codes).gather(village),
            "occupation": rng.choice(list(OCCUPATIONS), n, p=list(OCCUPATIONS.values())),
            "decile": pl.Series(rng.integers(1, 11, n), dtype=pl.Int8),
            "unknown_decile": rng.random(n) < 0.10,
            "carry_over": rng.random(n) < 0.20,
            "age": rng.integers(18, 71, n),
            "eligible": rng.random(n) >= 0.05,
            **{g: rng.random(n) < share for g, share in GROUPS.items()},
        }
    )
    return frame.select(
        "id",
        "village",
        district=pl.col("village").str.slice(0, 8),
        occupation="occupation",
        groups=pl.concat_list(pl.when(pl.col(g)).then(pl.lit(g)) for g in GROUPS).list.drop_nulls(),
        decile=pl.when(~pl.col("unknown_decile")).then("decile"),
        carry_over="carry_over",
        age="age",
        eligible="eligible",
    )


def world(frame):
    """Sources covering ~60% of the candidates, and a quota for every village (a minimum for one in five)."""
    from jaring.programs.allocation import Quota, Source, Weights

    n = frame.height
    sizes = dict(frame.group_by("village").len().sort("village").iter_rows())
    codes = list(sizes)
    first, second = codes[0], codes[len(codes) // 2]
    sources = [
        Source("kab", "apbd_kabupaten", "APBD Kabupaten", int(0.38 * n) * COST, COST),
        Source("prov", "apbd_provinsi", "APBD Provinsi", int(0.10 * n) * COST, COST),
        Source("cht", "dbhcht", "DBHCHT", int(0.08 * n) * COST, COST, occupations=TOBACCO),
        Source("don", "donasi", "Donasi Peduli Pekerja", int(0.03 * n) * COST, COST),
        Source("des1", "apbdes", "APBDes 1", sizes[first] // 2 * COST, COST, village=first),
        Source("des2", "apbdes", "APBDes 2", sizes[second] // 2 * COST, COST, village=second),
    ]
    quotas = [
        # maximum: 55% to 90% of the village's candidates, spread evenly; every fifth village a 5% minimum
        Quota("village", code, f"Desa {code}", size // 20 if i % 5 == 0 else 0, int(size * (0.55 + i * 37 % 100 / 286)))
        for i, (code, size) in enumerate(sizes.items())
    ]
    weights = Weights(
        decile=10,
        groups={"disabilitas": 3, "lansia": 2, "perempuan_kepala_keluarga": 2},
        occupations={"buruh_tani": 1, "petani_tembakau": 1},
        carry_over=2,
        age=1,
    )
    return sources, quotas, weights


def child(path: str, summary: bool) -> None:
    import polars as pl

    from jaring.programs.allocation import allocate

    frame = pl.read_parquet(path)
    sources, quotas, weights = world(frame)
    before = _rss_reset()
    started = time.perf_counter()
    result = allocate(frame, sources, quotas, weights)
    seconds = time.perf_counter() - started
    peak = _status_mb("VmHWM") if before is not None else None
    whole = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB → MiB
    figures = {"seconds": seconds, "peak_mb": peak, "before_mb": before, "process_peak_mb": whole}
    if summary:
        figures["summary"] = _summary(result, sources)
    print(json.dumps(figures))


def _rss_reset() -> float | None:
    """Linux: reset the process's peak RSS to its current RSS (clear_refs 5) and return that, in MiB; reading
    the input can peak higher than allocate(), which would hide allocate()'s own peak. None elsewhere."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return _status_mb("VmRSS")
    except OSError:
        return None


def _status_mb(field: str) -> float:
    line = next(x for x in Path("/proc/self/status").read_text().splitlines() if x.startswith(field + ":"))
    return int(line.split()[1]) / 1024  # kB


def _summary(result, sources) -> dict:
    import polars as pl

    decisions = result.decisions
    waiting = decisions.filter(pl.col("reason") == "waiting_budget").explode("reason_keys")
    waiting_by = dict(waiting.group_by("reason_keys").len().iter_rows())
    return {
        "reasons": dict(decisions.group_by("reason").len().sort("reason").iter_rows()),
        "sources": [
            {"name": s.name, "selected": u.selected, "remaining": u.remaining, "waiting": waiting_by.get(s.key, 0)}
            for s, u in zip(sources, result.sources, strict=True)
        ],
    }


def run(path: Path, summary: bool) -> dict:
    proc = subprocess.run(
        [sys.executable, __file__, "--child", str(path), "1" if summary else "0"], capture_output=True, text=True
    )
    if proc.returncode != 0:
        raise SystemExit(f"allocation failed\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3] == "1")
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3, help="subprocesses, each timing one allocate()")
    args = parser.parse_args()
    python = sys.version.split()[0]
    print(f"candidates {args.candidates:,}, 160 village quotas, 6 sources; {os.cpu_count()} cores, Python {python}")
    with tempfile.TemporaryDirectory(prefix="jaring-bench-") as tmp:
        path = Path(tmp) / "candidates.parquet"
        started = time.perf_counter()
        candidates(args.candidates).write_parquet(path)
        print(f"data generated in {time.perf_counter() - started:.1f} s", flush=True)
        print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        results = []
        for i in range(args.runs):
            results.append(run(path, summary=i == 0))
            r = results[-1]
            print(f"run {i + 1}: {r['seconds']:.2f} s, {_memory(r)}", flush=True)
    seconds = sorted(r["seconds"] for r in results)
    peaks = sorted(r["peak_mb"] or r["process_peak_mb"] for r in results)
    print(
        f"allocate(): best {seconds[0]:.2f} s, spread {seconds[0]:.2f}–{seconds[-1]:.2f} s;"
        f" peak RSS during allocate() {peaks[0]:.0f}–{peaks[-1]:.0f} MB"
    )
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    _print_summary(results[0]["summary"])


def _memory(r: dict) -> str:
    process = f"whole process {r['process_peak_mb']:.0f} MB"
    if r["peak_mb"] is None:
        return f"peak RSS {process}"
    held = f"{r['before_mb']:.0f} MB held before: interpreter, Polars, input frame"
    return f"peak RSS during allocate() {r['peak_mb']:.0f} MB ({held}; {process})"


def _print_summary(summary: dict) -> None:
    print(f"\n{'source':<24} {'selected':>9} {'waiting':>9} {'remaining (Rp)':>16}")
    for s in summary["sources"]:
        print(f"{s['name']:<24} {s['selected']:>9,} {s['waiting']:>9,} {s['remaining']:>16,}")
    print("\nreasons: " + ", ".join(f"{k} {v:,}" for k, v in summary["reasons"].items()))
    print("(waiting per source: people waiting for money whose allowed sources include it)")


if __name__ == "__main__":
    main()
