"""Both sides brought to the columns the engine compares: clean NIK, normalised name, district."""

import polars as pl

from ..names import normalize_expr

_LETTER_BITS = {chr(97 + i): 1 << i for i in range(26)}


def normalized_names(names: pl.Series) -> pl.DataFrame:
    """``norm`` and ``initials`` of each name, computed once per distinct name (a regency has many residents
    but far fewer names). ``initials`` has one bit per first letter of a word: two names that share no first
    letter are not worth comparing."""
    distinct = names.unique().to_frame("raw").with_columns(norm=normalize_expr(pl.col("raw")))
    distinct = distinct.with_columns(
        initials=pl.col("norm")
        .str.split(" ")
        .list.eval(pl.element().str.slice(0, 1).replace_strict(_LETTER_BITS, default=0, return_dtype=pl.Int64))
        .list.unique()
        .list.sum()
    )
    joined = names.to_frame("raw").join(distinct, on="raw", how="left", nulls_equal=True)
    return joined.select(pl.col("norm").fill_null(""), pl.col("initials").fill_null(0))


def registry(frame: pl.DataFrame) -> pl.DataFrame:
    names = normalized_names(frame["full_name"])
    return frame.select(
        reg_nik=pl.col("nik"),
        reg_name=pl.col("full_name"),
        reg_norm=names["norm"],
        reg_initials=names["initials"],
        reg_birth=pl.col("birth_date"),
        reg_sex=pl.col("sex"),
        reg_village=pl.col("village").fill_null(""),
        reg_alive=pl.col("is_alive").fill_null(True),
        reg_death=pl.col("death_date"),
    ).with_columns(reg_district=pl.col("reg_village").str.slice(0, 8))


def candidates(frame: pl.DataFrame, *, year: int) -> pl.DataFrame:
    digits = pl.col("nik").fill_null("").str.replace_all(r"\D", "")
    names = normalized_names(frame["full_name"])
    return frame.select(
        "id",
        nik=digits,
        nik_given=pl.col("nik").fill_null(""),
        name=pl.col("full_name").fill_null(""),
        norm=names["norm"],
        initials=names["initials"],
        birth=pl.col("birth_date"),
        sex=pl.col("sex"),
        village=pl.col("village").fill_null(""),
    ).with_columns(district=pl.col("village").str.slice(0, 8), nik_birth=_nik_birth_date(pl.col("nik"), year % 100))


def _nik_birth_date(nik: pl.Expr, pivot: int) -> pl.Expr:
    """The birth date a 16-digit NIK carries (DDMMYY, day +40 for women), null when it carries none.

    The century is not in the NIK: a two-digit year above ``pivot`` (this year's) is read as 19xx.
    """
    day = nik.str.slice(6, 2).cast(pl.Int32, strict=False)
    day = pl.when(day > 40).then(day - 40).otherwise(day)
    month = nik.str.slice(8, 2).cast(pl.Int32, strict=False)
    yy = nik.str.slice(10, 2).cast(pl.Int32, strict=False)
    year = pl.when(yy > pivot).then(1900 + yy).otherwise(2000 + yy)
    text = pl.format("{}-{}-{}", year, month.cast(pl.Utf8).str.zfill(2), day.cast(pl.Utf8).str.zfill(2))
    return pl.when(nik.str.len_chars() == 16).then(text.str.to_date("%Y-%m-%d", strict=False))
