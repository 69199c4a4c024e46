"""Both sides brought to the columns the engine compares: clean NIK, normalised name, district."""

import polars as pl

from ..names import normalize_expr


def normalized_names(names: pl.Series) -> pl.Series:
    """Normalise each distinct name once: a regency has many residents but far fewer distinct names."""
    distinct = names.unique().to_frame("raw").with_columns(norm=normalize_expr(pl.col("raw")))
    return names.to_frame("raw").join(distinct, on="raw", how="left", nulls_equal=True)["norm"].fill_null("")


def registry(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.select(
        reg_nik=pl.col("nik"),
        reg_name=pl.col("full_name"),
        reg_norm=normalized_names(frame["full_name"]),
        reg_birth=pl.col("birth_date"),
        reg_sex=pl.col("sex"),
        reg_village=pl.col("village").fill_null(""),
        reg_alive=pl.col("is_alive").fill_null(True),
        reg_death=pl.col("death_date"),
    ).with_columns(reg_district=pl.col("reg_village").str.slice(0, 8))


def candidates(frame: pl.DataFrame, *, year: int) -> pl.DataFrame:
    digits = pl.col("nik").fill_null("").str.replace_all(r"\D", "")
    return frame.select(
        "id",
        nik=digits,
        nik_given=pl.col("nik").fill_null(""),
        name=pl.col("full_name").fill_null(""),
        norm=normalized_names(frame["full_name"]),
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
