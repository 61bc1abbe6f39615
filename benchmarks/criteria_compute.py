"""Benchmark `boligsocial criteria compute` at national scale (not a test; `make bench`).

Generates a synthetic register of 5.9 million persons × 2 years in ~600 areas once (cached in
var/bench/), then, in the same run on the same file, measures the median wall time of:

- compute: the criteria figures of every area for the list year (DuckDB, one streaming pass);
- bare scan: DuckDB reading the same columns and nothing else;
- pandas: a plain pandas implementation of the same computation, which must give identical
  counts and figures (asserted);

and the peak memory (ru_maxrss) of `boligsocial criteria compute` run as a subprocess. Prints
each figure, both ratios and whether the targets of issue 3 are met:
compute ≤ 2 s and ≤ 1 GB, ≥ 5× faster than pandas, within 4× of the bare scan.

    .venv/bin/python benchmarks/criteria_compute.py [--runs 5] [--persons N --areas M]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from boligsocial.criteria.compute import (  # noqa: E402
    Aggregate,
    compute,
    figures_from_aggregate,
    read_area_names,
    render_figures_csv,
)
from boligsocial.criteria.counting import (  # noqa: E402
    COMPUTE_COLUMNS,
    ROLLUP,
    band_columns_needed,
    connect,
    count_persons,
)
from boligsocial.criteria.rules import rule_set_for_year  # noqa: E402
from boligsocial.criteria.synth import VERSION, synth  # noqa: E402

YEAR = 2024
TARGET_SECONDS = 2.0
TARGET_BYTES = 1024**3
TARGET_PANDAS_RATIO = 5.0
TARGET_SCAN_RATIO = 4.0
COUNT_NAMES = list(ROLLUP)


def ensure_register(persons: int, areas: int, seed: int) -> Path:
    folder = ROOT / "var" / "bench" / f"register-v{VERSION}-{persons}-{areas}-{seed}"
    if not (folder / "persons.parquet").exists():
        print(f"Generating {persons:,} persons × 2 years in {areas} areas into {folder} ...")
        started = time.perf_counter()
        synth(persons=persons, areas=areas, seed=seed, out=folder, year=YEAR)
        print(f"  generated in {time.perf_counter() - started:.1f} s (not part of any timing)")
    return folder


def run_compute(folder: Path) -> str:
    return render_figures_csv(compute(folder, year=YEAR).rows)


def bare_scan(folder: Path) -> None:
    """DuckDB reading every column compute reads, doing as little as possible with them."""
    columns = ", ".join(f"min({c})" for c in COMPUTE_COLUMNS)
    con = connect()
    try:
        con.execute(f"SELECT {columns} FROM read_parquet(?)", [str(folder / "persons.parquet")])
        con.fetchall()
    finally:
        con.close()


def pandas_counts(folder: Path, years: list[int]) -> list[dict[str, Any]]:
    """The counts of `compute`, the plain pandas way: load the columns, build one boolean
    column per condition, group by (year, area_id, region) and sum."""
    import pandas as pd

    df = pd.read_parquet(folder / "persons.parquet", columns=list(COMPUTE_COLUMNS))
    df = df[df["year"].isin(years)]
    age = df["age"]
    in_18_64 = (age >= 18) & (age <= 64)
    adult = age >= 18
    in_30_59 = (age >= 30) & (age <= 59)
    income_group = (age >= 15) & (age <= 64) & ~df["student"]
    frame = pd.DataFrame(
        {
            "year": df["year"],
            "area_id": df["area_id"],
            "region": df["region"],
            "residents": 1,
            "n_18_64": in_18_64,
            "n_outside": in_18_64 & ~df["attached"],
            "n_adults": adult,
            "n_convicted": adult & df["convicted"],
            "n_non_western": df["origin"] == 2,
            "n_30_59": in_30_59,
            "n_basic": in_30_59 & (df["education"].fillna(0) <= 2),
            "n_income": income_group,
            "sum_income": df["gross_income"].where(income_group, 0).astype("int64"),
        }
    )
    grouped = frame.groupby(["year", "area_id", "region"], dropna=False, sort=False).sum()
    rows = []
    for (year, area_id, region), values in zip(
        grouped.index, grouped.itertuples(index=False), strict=True
    ):
        rows.append(
            {
                "year": int(year),
                "area_id": None if pd.isna(area_id) else str(int(area_id)),
                "region": int(region),
                **{name: int(v) for name, v in zip(COUNT_NAMES, values, strict=True)},
            }
        )
    return rows


def run_pandas(folder: Path) -> tuple[str, list[dict[str, Any]]]:
    rule_set = rule_set_for_year(YEAR)
    rows = pandas_counts(folder, [YEAR - 1, YEAR])
    aggregate = Aggregate.from_rows(rows)
    names = read_area_names(folder / "areas.csv")
    figures = figures_from_aggregate(aggregate, year=YEAR, rule_set=rule_set, names=names)
    return render_figures_csv(figures), rows


def duckdb_counts(folder: Path) -> list[dict[str, Any]]:
    con = connect()
    try:
        raw, *_ = count_persons(con, folder / "persons.parquet", YEAR, None)
    finally:
        con.close()
    return raw


def keyed(rows: Iterable[Mapping[str, Any]]) -> dict[tuple[int, str | None, int], tuple[int, ...]]:
    """The counts per (year, area, region) that compute uses: for the year before the list
    year only those of the 2-year averages (compute does not count the rest there)."""
    needs = {
        year: band_columns_needed(rule_set_for_year(YEAR), YEAR, year) for year in (YEAR - 1, YEAR)
    }
    return {
        (
            int(r["year"]),
            None if r["area_id"] is None else str(r["area_id"]),
            int(r["region"]),
        ): tuple(int(r[n]) for n in COUNT_NAMES if ROLLUP[n][0] in needs[int(r["year"])])
        for r in rows
    }


def median_seconds(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median wall time and median CPU time (all threads of this process) of `fn`. The CPU
    time shows the work done when other processes compete for the cores."""
    fn()  # warm the file cache and the imports
    walls, cpus = [], []
    for _ in range(runs):
        started, cpu = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def peak_memory_of(command: list[str]) -> tuple[int, float]:
    """Peak resident memory (bytes) and wall time of `command`, run as the only child of a
    fresh wrapper process (so RUSAGE_CHILDREN is that command's alone)."""
    wrapper = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)\n"
        "wall = time.perf_counter() - t\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, wall)\n"
        "sys.exit(done.returncode)\n"
    )
    env = {**os.environ, "DEBUG": "1"}
    done = subprocess.run(
        [sys.executable, "-c", wrapper, *command],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    kib, wall = done.stdout.split()
    return int(kib) * 1024, float(wall)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--persons", type=int, default=5_900_000)
    parser.add_argument("--areas", type=int, default=600)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pandas-runs", type=int, default=3)
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)

    folder = ensure_register(args.persons, args.areas, args.seed)
    size = (folder / "persons.parquet").stat().st_size
    print(f"Register: {folder / 'persons.parquet'} ({size / 1e6:.0f} MB), list year {YEAR}")

    # Identical figures first: the same counts per (year, area, region), the same output.
    ours = run_compute(folder)
    theirs, pandas_rows = run_pandas(folder)
    if keyed(duckdb_counts(folder)) != keyed(pandas_rows):
        raise SystemExit("pandas counts differ")
    if ours != theirs:
        raise SystemExit("pandas figures differ")
    print(f"pandas and compute agree on all {len(ours.splitlines()) - 1} areas' figures")

    load_before = os.getloadavg()[0]
    t_compute, c_compute = median_seconds(lambda: run_compute(folder), args.runs)
    t_scan, c_scan = median_seconds(lambda: bare_scan(folder), args.runs)
    t_pandas, c_pandas = median_seconds(lambda: run_pandas(folder), args.pandas_runs)
    script = str(Path(sys.executable).with_name("boligsocial"))
    cli = [script, "criteria", "compute", str(folder), "--year", str(YEAR)]
    peak, cli_wall = peak_memory_of(cli)
    pandas_peak, _ = peak_memory_of([sys.executable, __file__, "--pandas-once", str(folder)])

    vs_pandas = t_pandas / t_compute
    vs_scan = t_compute / t_scan
    checks = [
        ("compute ≤ 2 s", t_compute <= TARGET_SECONDS),
        ("compute peak memory ≤ 1 GB", peak <= TARGET_BYTES),
        ("≥ 5× faster than pandas", vs_pandas >= TARGET_PANDAS_RATIO),
        ("within 4× of a bare scan", vs_scan <= TARGET_SCAN_RATIO),
    ]
    load = os.getloadavg()[0]
    print(
        f"cores: {os.cpu_count()}, 1-minute load average {load_before:.2f} before, {load:.2f} after"
    )
    print("                                 wall (median)   CPU (median)")
    print(f"compute ({args.runs} runs):               {t_compute:7.3f} s      {c_compute:7.3f} s")
    print(f"bare DuckDB scan ({args.runs} runs):      {t_scan:7.3f} s      {c_scan:7.3f} s")
    print(
        f"pandas ({args.pandas_runs} runs):                {t_pandas:7.3f} s      {c_pandas:7.3f} s"
    )
    print(f"compute CLI, whole process:     {cli_wall:7.3f} s")
    print(f"compute CLI peak memory:        {peak / 1024**2:7.0f} MiB")
    print(f"pandas peak memory:             {pandas_peak / 1024**2:7.0f} MiB")
    print(f"pandas ÷ compute:               {vs_pandas:7.1f}×")
    print(f"compute ÷ bare scan:            {vs_scan:7.1f}×")
    for label, ok in checks:
        print(f"  {'met   ' if ok else 'MISSED'} {label}")
    return 1 if args.strict and not all(ok for _, ok in checks) else 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--pandas-once":
        run_pandas(Path(sys.argv[2]))
        sys.exit(0)
    sys.exit(main())
