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
    "_zero": 0.0,  # the field is missing on one side: no evidence either way
}
NAME_LEVELS = ((0.95, "name_same"), (0.88, "name_close"), (0.80, "name_fair"), (0.70, "name_weak"), (0.55, "name_poor"))


def name_similarity(ours: pl.Series, theirs: pl.Series, floor: float = 0.0) -> pl.Series:
    """0..1 for each pair of normalised names: word order ignored; a name that is a part of the other, or that
    abbreviates a word to its initial (``budi s``), still scores high. Pairs that cannot reach ``floor``
    are scored roughly (the cheaper comparisons only): they are dropped anyway."""
    if ours.is_empty():
        return pl.Series("name_sim", [], dtype=pl.Float64)
    a, b = ours.to_list(), theirs.to_list()
    # Sorting words helps with reordered names but hurts when a first letter is mistyped (``gatot etiawan``
    # sorts before ``gatot``): take the better of the sorted and the plain comparison.
    best = (
        np.maximum(
            process.cpdist(a, b, scorer=fuzz.token_sort_ratio, workers=-1),
            process.cpdist(a, b, scorer=fuzz.ratio, workers=-1),
        )
        / 100
    )
    # One name whole inside the other (a dropped word) is checked only where it could lift the pair.
    open_ = np.flatnonzero(best < max(floor, 0.9))
    if open_.size:
        subset = process.cpdist([a[i] for i in open_], [b[i] for i in open_], scorer=fuzz.token_set_ratio, workers=-1)
        words = np.minimum(
            ours.str.count_matches(" ").to_numpy()[open_], theirs.str.count_matches(" ").to_numpy()[open_]
        )
        # Likely the same when two words agree, a guess when only one does (``widodo`` is in many names).
        best[open_] = np.maximum(best[open_], np.where(subset == 100, np.where(words >= 1, 0.9, 0.82), 0.0))
    initials = (ours.str.contains(r"\b[a-z]\b") | theirs.str.contains(r"\b[a-z]\b")).arg_true()
    for i in initials.to_list():
        best[i] = max(best[i], _initials_similarity(a[i], b[i]))
    return pl.Series("name_sim", best, dtype=pl.Float64)


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


def _level(expr: pl.Expr, cases: list[tuple[pl.Expr, str]]) -> pl.Expr:
    for condition, weight in reversed(cases):
        expr = pl.when(condition).then(WEIGHTS[weight]).otherwise(expr)
    return expr


def points(pairs: pl.DataFrame) -> pl.DataFrame:
    """Adds ``points``: the weights of every field's level, summed. ``near`` marks a NIK one edit away."""
    birth, rb, sim = pl.coalesce("birth", "nik_birth"), pl.col("reg_birth"), pl.col("name_sim")
    same_parts = (
        (birth.dt.day() == rb.dt.day()).cast(pl.Int8)
        + (birth.dt.month() == rb.dt.month()).cast(pl.Int8)
        + (birth.dt.year() == rb.dt.year()).cast(pl.Int8)
    )
    swapped = (birth.dt.day() == rb.dt.month()) & (birth.dt.month() == rb.dt.day()) & (birth.dt.year() == rb.dt.year())
    given = pl.col("nik") != ""
    nik = _level(
        pl.lit(0.0),
        [
            (given & (pl.col("nik") == pl.col("reg_nik")), "nik_exact"),
            (given & pl.col("near"), "nik_near"),
            (given, "nik_other"),
        ],
    )
    name = _level(pl.lit(WEIGHTS["name_other"]), [(sim >= floor, label) for floor, label in NAME_LEVELS])
    # A NIK one digit from a neighbour's also carries a date one digit from the neighbour's birth date:
    # that agreement is the typo's, not the person's, so it counts as a different date.
    date = _level(
        pl.lit(WEIGHTS["date_other"]),
        [
            (birth.is_null() | rb.is_null(), "_zero"),
            (birth == rb, "date_same"),
            (swapped, "date_swapped"),
            ((same_parts == 2) & ~pl.col("near"), "date_near"),
        ],
    )
    sex = _level(
        pl.lit(WEIGHTS["sex_other"]),
        [
            (pl.col("sex").is_null() | pl.col("reg_sex").is_null(), "_zero"),
            (pl.col("sex") == pl.col("reg_sex"), "sex_same"),
        ],
    )
    village = _level(
        pl.lit(WEIGHTS["village_other"]),
        [
            (pl.col("village") == "", "_zero"),
            (pl.col("village") == pl.col("reg_village"), "village_same"),
            (pl.col("district") == pl.col("reg_district"), "district_same"),
        ],
    )
    return pairs.with_columns(points=nik + name + date + sex + village)
