"""How alike a candidate and a registry record are, field by field, for many pairs at once.

Each field gets a level (the same, close in a known way, different, unknown) and the levels add up to
points, in the manner of Fellegi–Sunter weights: agreement on a field that rarely agrees by chance (a full
name, a birth date, a NIK) counts for much, disagreement on a field that is often wrong in village lists
(the desa, one digit of a date) costs little. The weights were set on the synthetic benchmark and are kept
as data (``WEIGHTS``) so that a deployment can tune them on its own reviewed decisions.
"""

import numpy as np
import polars as pl
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

WEIGHTS = {
    "nik_exact": 8.0,
    "nik_near": 5.0,  # one digit off, two swapped, one lost (OSA distance 1)
    "nik_other": -2.0,  # a NIK was given and it is not this person's
    "name_same": 6.0,  # similarity >= 0.95
    "name_close": 4.0,  # >= 0.88
    "name_fair": 2.0,  # >= 0.80
    "name_weak": 0.0,  # >= 0.70
    "name_poor": -3.0,  # >= 0.55
    "name_other": -8.0,
    "date_same": 5.0,
    "date_swapped": 3.0,  # day and month exchanged
    "date_near": 1.5,  # two of day, month and year agree
    "date_other": -4.0,
    "sex_same": 0.5,
    "sex_other": -2.0,
    "village_same": 2.0,
    "district_same": 1.0,
    # A village lists its own residents, and a NIK typo does not move anyone to another kecamatan.
    "village_other": -3.0,
}
NAME_LEVELS = ((0.95, "name_same"), (0.88, "name_close"), (0.80, "name_fair"), (0.70, "name_weak"), (0.55, "name_poor"))


def name_similarity(ours: pl.Series, theirs: pl.Series) -> pl.Series:
    """0..1 for each pair of normalised names: word order ignored; a name that is a part of the other, or that
    abbreviates a word to its initial (``budi s``), still scores high."""
    if ours.is_empty():
        return pl.Series("name_sim", [], dtype=pl.Float64)
    a, b = ours.to_list(), theirs.to_list()
    # Sorting words helps with reordered names but hurts when a first letter is mistyped (``gatot etiawan``
    # sorts before ``gatot``): take the better of the sorted and the plain comparison.
    sort = process.cpdist(a, b, scorer=fuzz.token_sort_ratio, workers=-1) / 100
    sort = np.maximum(sort, process.cpdist(a, b, scorer=fuzz.ratio, workers=-1) / 100)
    subset = process.cpdist(a, b, scorer=fuzz.token_set_ratio, workers=-1) == 100
    # One name whole inside the other (a dropped word): likely the same when two words agree, a guess
    # when only one does (``widodo`` is in many names).
    shorter = np.minimum(ours.str.count_matches(" ").to_numpy(), theirs.str.count_matches(" ").to_numpy())
    best = np.maximum(sort, np.where(subset, np.where(shorter >= 1, 0.9, 0.82), 0.0))
    initials = (ours.str.contains(r"\b[a-z]\b") | theirs.str.contains(r"\b[a-z]\b")).arg_true()
    for i in initials.to_list():
        best[i] = max(best[i], _initials_similarity(a[i], b[i]))
    return pl.Series("name_sim", best, dtype=pl.Float64)


def _has_initial(name: str) -> bool:
    return any(len(word) == 1 for word in name.split())


def _initials_similarity(a: str, b: str) -> float:
    """Expand each one-letter word of one name into the other name's word with that initial, then compare."""
    left, right = a.split(), b.split()
    if len(left) > len(right):
        left, right = right, left
    unused = list(right)
    expanded = []
    for word in left:
        match = next((w for w in unused if (w == word) or (len(word) == 1 and w.startswith(word))), None)
        if match is not None:
            unused.remove(match)
        expanded.append(match if match is not None and len(word) == 1 else word)
    # An initial agrees with less certainty than a whole word: cap what it can earn.
    return min(0.9, fuzz.token_sort_ratio(" ".join(expanded), " ".join(right)) / 100)


def nik_distance(ours: pl.Series, theirs: pl.Series) -> pl.Series:
    """Optimal-string-alignment distance: 1 covers a wrong digit, two swapped neighbours and a lost digit."""
    if ours.is_empty():
        return pl.Series("nik_dist", [], dtype=pl.Int64)
    return pl.Series("nik_dist", process.cpdist(ours.to_list(), theirs.to_list(), scorer=OSA.distance, workers=-1))


def levels(pairs: pl.DataFrame) -> pl.DataFrame:
    """Adds one level column per field and the total ``points``."""
    birth = pl.coalesce("birth", "nik_birth")
    rb = pl.col("reg_birth")
    same_parts = (
        (birth.dt.day() == rb.dt.day()).cast(pl.Int8)
        + (birth.dt.month() == rb.dt.month()).cast(pl.Int8)
        + (birth.dt.year() == rb.dt.year()).cast(pl.Int8)
    )
    swapped = (birth.dt.day() == rb.dt.month()) & (birth.dt.month() == rb.dt.day()) & (birth.dt.year() == rb.dt.year())
    name_level = pl.lit("name_other")
    for floor, label in reversed(NAME_LEVELS):
        name_level = pl.when(pl.col("name_sim") >= floor).then(pl.lit(label)).otherwise(name_level)
    out = pairs.with_columns(
        nik_level=pl.when(pl.col("nik") == "")
        .then(None)
        .when(pl.col("nik") == pl.col("reg_nik"))
        .then(pl.lit("nik_exact"))
        .when(pl.col("nik_dist") <= 1)
        .then(pl.lit("nik_near"))
        .otherwise(pl.lit("nik_other")),
        name_level=name_level,
        date_level=pl.when(birth.is_null() | rb.is_null())
        .then(None)
        .when(birth == rb)
        .then(pl.lit("date_same"))
        .when(swapped)
        .then(pl.lit("date_swapped"))
        .when((same_parts == 2) & (pl.col("nik_dist") != 1))
        .then(pl.lit("date_near"))
        .otherwise(pl.lit("date_other")),
        sex_level=pl.when(pl.col("sex").is_null() | pl.col("reg_sex").is_null())
        .then(None)
        .when(pl.col("sex") == pl.col("reg_sex"))
        .then(pl.lit("sex_same"))
        .otherwise(pl.lit("sex_other")),
        village_level=pl.when(pl.col("village") == "")
        .then(None)
        .when(pl.col("village") == pl.col("reg_village"))
        .then(pl.lit("village_same"))
        .when(pl.col("district") == pl.col("reg_district"))
        .then(pl.lit("district_same"))
        .otherwise(pl.lit("village_other")),
    )
    points = pl.lit(0.0)
    for column in ("nik_level", "name_level", "date_level", "sex_level", "village_level"):
        points = points + pl.col(column).replace_strict(WEIGHTS, default=0.0, return_dtype=pl.Float64).fill_null(0.0)
    return out.with_columns(points=points)
