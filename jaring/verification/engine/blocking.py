"""Which registry records are worth comparing with a candidate whose NIK did not settle who they are.

Comparing every candidate with a million residents is out of the question; each block below proposes the few
records a real fault could hide behind:

- NIK neighbours: every NIK one wrong digit, two swapped neighbours or one lost digit away from the one
  given (an Excel-damaged last digit is a wrong digit);
- the same birth date, or the date with day and month exchanged, or the date the NIK itself carries;
- the same normalised name in the same kecamatan (for a mistyped birth date and no usable NIK).
"""

import polars as pl

DIGITS = "0123456789"


def nik_neighbours(cands: pl.DataFrame, reg: pl.DataFrame) -> pl.DataFrame:
    """(id, reg_nik) for registry NIKs at one edit from the candidate's 15- or 16-digit NIK."""
    nik = pl.col("nik")
    full = cands.filter(nik.str.len_chars() == 16)
    short = cands.filter(nik.str.len_chars() == 15)
    variants = []
    for i in range(16):
        head, tail = nik.str.slice(0, i), nik.str.slice(i + 1)
        variants += [pl.concat_str(head, pl.lit(d), tail).alias(f"s{i}{d}") for d in DIGITS]
        if i < 15:
            variants.append(
                pl.concat_str(head, nik.str.slice(i + 1, 1), nik.str.slice(i, 1), nik.str.slice(i + 2)).alias(f"t{i}")
            )
    inserted = [
        pl.concat_str(nik.str.slice(0, i), pl.lit(d), nik.str.slice(i)).alias(f"i{i}{d}")
        for i in range(16)
        for d in DIGITS
    ]
    long = pl.concat(
        [
            full.select("id", *variants).unpivot(index="id", value_name="reg_nik").drop("variable"),
            short.select("id", *inserted).unpivot(index="id", value_name="reg_nik").drop("variable"),
        ]
    )
    return long.join(reg.select("reg_nik"), on="reg_nik", how="semi").unique()


def same_birth(cands: pl.DataFrame, reg: pl.DataFrame) -> pl.DataFrame:
    """(id, reg_nik) for residents born on the candidate's date, its day-month swap, or the NIK's date."""
    birth = pl.col("birth")
    swapped = pl.when(birth.dt.day() <= 12).then(pl.date(birth.dt.year(), birth.dt.day(), birth.dt.month()))
    keys = cands.select("id", key=pl.concat_list(birth, swapped, pl.col("nik_birth"))).explode("key")
    keys = keys.drop_nulls("key").unique()
    keys = keys.join(cands.select("id", "initials"), on="id")
    found = keys.join(reg.select("reg_nik", "reg_initials", key="reg_birth"), on="key")
    # Born the same day is common in a million; sharing no first letter of a name, they are not the same.
    return found.filter((pl.col("initials") & pl.col("reg_initials")) != 0).select("id", "reg_nik")


def same_name_nearby(cands: pl.DataFrame, reg: pl.DataFrame) -> pl.DataFrame:
    """(id, reg_nik) for residents of the same kecamatan whose normalised name is the candidate's."""
    left = cands.filter(pl.col("norm") != "").select("id", "norm", "district")
    right = reg.select("reg_nik", norm="reg_norm", district="reg_district")
    return left.join(right, on=["norm", "district"]).select("id", "reg_nik")


def pairs(cands: pl.DataFrame, reg: pl.DataFrame) -> pl.DataFrame:
    """(id, reg_nik, near): every proposed pair once; ``near`` when the NIKs are one edit apart."""
    found = [
        nik_neighbours(cands, reg).with_columns(near=True),
        same_birth(cands, reg).with_columns(near=False),
        same_name_nearby(cands, reg).with_columns(near=False),
    ]
    return pl.concat(found).group_by("id", "reg_nik").agg(pl.col("near").any())
