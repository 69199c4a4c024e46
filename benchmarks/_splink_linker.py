"""Splink 5 on DuckDB, set up as its documentation advises for people data, as the peer in the linkage
benchmark. It gets the same inputs as Jaring's engine and the same normalised names (so the comparison is
of the linkers, not of name cleaning), trains without labels (random sampling for u, EM for m), and links
each candidate to its most probable registry record above a match probability of 0.9."""

import polars as pl
import splink.comparison_library as cl
from splink import DuckDBAPI, Linker, SettingsCreator, block_on

from jaring.verification.names import normalize_expr

THRESHOLD = 0.9


def _side(frame: pl.DataFrame, source: str, uid: str) -> pl.DataFrame:
    name = normalize_expr(pl.col("full_name"))
    return frame.select(
        unique_id=pl.col(uid).cast(pl.Utf8),
        nik=pl.col("nik").fill_null("").str.replace_all(r"\D", ""),
        name=name,
        first=name.str.split(" ").list.first(),
        last=name.str.split(" ").list.last(),
        birth=pl.col("birth_date"),
        sex=pl.col("sex"),
        village=pl.col("village"),
        district=pl.col("village").str.slice(0, 8),
    ).with_columns(source_dataset=pl.lit(source))


def splink_links(cands: pl.DataFrame, reg: pl.DataFrame) -> pl.DataFrame:
    db = DuckDBAPI()
    left = db.register(_side(cands, "candidates", "id").to_arrow(), dataset_display_name="candidates")
    right = db.register(_side(reg, "registry", "nik").to_arrow(), dataset_display_name="registry")
    settings = SettingsCreator(
        link_type="link_only",
        comparisons=[
            cl.DamerauLevenshteinAtThresholds("nik", [1, 2]),
            cl.JaroWinklerAtThresholds("name", [0.95, 0.88, 0.8]),
            cl.DateOfBirthComparison("birth", input_is_string=False),
            cl.ExactMatch("sex"),
            cl.ExactMatch("district"),
            cl.ExactMatch("village"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("nik"),
            block_on("birth", "first"),
            block_on("birth", "last"),
            block_on("name", "district"),
            block_on("substr(nik, 1, 8)", "first"),
            block_on("substr(nik, 9, 8)", "first"),
        ],
        retain_matching_columns=False,
    )
    linker = Linker([left, right], settings, log_level=30)
    linker.training.estimate_probability_two_random_records_match([block_on("nik")], recall=0.8)
    linker.training.estimate_u_using_random_sampling(max_pairs=2e6)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("birth", "first"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("nik"))
    pairs = pl.from_arrow(linker.inference.predict(threshold_match_probability=THRESHOLD).as_duckdbpyrelation().arrow())
    swapped = pairs["source_dataset_l"] != "candidates"
    pairs = pairs.with_columns(
        unique_id_l=pl.when(swapped).then(pl.col("unique_id_r")).otherwise(pl.col("unique_id_l")),
        unique_id_r=pl.when(swapped).then(pl.col("unique_id_l")).otherwise(pl.col("unique_id_r")),
    )
    best = (
        pairs.sort("match_probability", descending=True)
        .unique(subset=["unique_id_l"], keep="first")
        .select(id=pl.col("unique_id_l").cast(pl.Int64), registry_nik=pl.col("unique_id_r"))
    )
    return cands.select("id").join(best, on="id", how="left")
