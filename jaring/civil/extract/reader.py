"""One SIAK export → the clean rows to load and the rows skipped, counted by kind with examples."""

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import polars as pl
from lokal import parse_nik

from . import values as v
from .columns import ALIASES, VILLAGE_PARTS, resolve
from .files import RawTable, read_raw
from .refusals import ExtractRefused

#: The columns of ``ExtractRead.frame``, in database form.
FIELDS = (
    "nik", "kk_number", "full_name", "birth_place", "birth_date", "sex", "street", "rt", "rw", "village",
    "is_alive", "death_date", "occupation",
)  # fmt: skip
#: Row problems in the order they are looked for; a row is counted under its first one.
PROBLEMS = {
    "nik": "NIK tidak sah",
    "nik_conflict": "NIK berulang dengan data berbeda (semua barisnya dilewati)",
    "full_name": "nama kosong",
    "birth_date": "tanggal lahir kosong atau tidak terbaca",
    "sex": "jenis kelamin tidak dikenal",
    "village": "kode desa tidak sah",
    "village_unknown": "kode desa tidak ada di tabel wilayah",
    "life_status": "status hidup tidak dikenal",
    "death_date": "tanggal kematian tidak terbaca atau bertentangan dengan status hidup",
}
#: The raw column shown as an example's value for each kind.
_SHOWN = {"nik_conflict": "full_name", "village_unknown": "village"}
EXAMPLES = 3


@dataclass(frozen=True, slots=True)
class Example:
    row: int  # line of the file, the header being line 1
    nik: str
    value: str


@dataclass(slots=True)
class Problem:
    label: str
    count: int = 0
    examples: list[Example] = field(default_factory=list)


@dataclass(slots=True)
class ExtractRead:
    frame: pl.DataFrame  # FIELDS, one row per NIK
    rows_read: int
    duplicates_collapsed: int
    problems: dict[str, Problem]
    columns: dict[str, str]  # our field → the file's header
    kind: str
    encoding: str = ""
    separator: str = ""

    @property
    def rows_skipped(self) -> int:
        return sum(p.count for p in self.problems.values())


def read_extract(path: Path, *, reference_date: date, villages: Collection[str] | None = None) -> ExtractRead:
    """Read a SIAK export. ``reference_date``: the extract's date (no one is born after it; NIK centuries).
    ``villages``: the known village codes; a row elsewhere is skipped (None: not checked).
    Raises ExtractRefused when the file as a whole cannot be used."""
    raw = read_raw(Path(path))
    columns = resolve(raw.frame.columns)
    frame = _clean(_ours(raw.frame, columns), reference_date, villages)
    if frame.height == 0:
        raise ExtractRefused("Berkas tidak berisi satu baris data pun.")
    return _result(frame, raw, columns)


def _ours(frame: pl.DataFrame, columns: dict[str, str]) -> pl.DataFrame:
    """The file's columns trimmed, as ``raw_<our field>`` (absent optional ones empty), and each row's line."""
    present = [v.text(header).alias(f"raw_{ours}") for ours, header in columns.items()]
    absent = [pl.lit("").alias(f"raw_{f}") for f in ALIASES if f not in columns]
    return frame.select(*present, *absent).with_row_index("row", offset=2)


def _clean(raw: pl.DataFrame, reference: date, villages: Collection[str] | None) -> pl.DataFrame:
    """Fields first, then their problems; each stage materialised so that no expression runs twice."""
    frame = raw.with_columns(_fields(raw)).with_columns(v.life_status("raw_life_status").alias("status"))
    born = pl.col("birth_date")
    return frame.with_columns(
        pl.when(born.is_between(v.OLDEST_BIRTH, reference)).then(born).alias("birth_date"),
        pl.coalesce("status", pl.col("death_date").is_null()).alias("is_alive"),
    ).with_columns(_problem(reference, villages).alias("problem"))


def _fields(raw: pl.DataFrame) -> list[pl.Series]:
    def fix(name: str, clean: str, repair: pl.Expr) -> pl.Series:
        return v.repaired(raw, f"raw_{name}", ~pl.col(f"raw_{name}").str.contains(clean), repair).alias(name)

    texts = [v.repaired(raw, f"raw_{f}", v.untidy(f"raw_{f}"), v.collapsed(f"raw_{f}")) for f in v.LENGTHS]
    return [
        fix("nik", r"^\d{16}$", v.nik("raw_nik")),
        fix("kk_number", r"^(\d{16})?$", v.kk_number("raw_kk_number")),
        *(text.str.slice(0, length).alias(f) for text, (f, length) in zip(texts, v.LENGTHS.items(), strict=True)),
        v.dates(raw["raw_birth_date"]).alias("birth_date"),
        raw.select(v.sex("raw_sex")).to_series().alias("sex"),
        fix("rt", r"^\d{3}$", v.rt_rw("raw_rt")),
        fix("rw", r"^\d{3}$", v.rt_rw("raw_rw")),
        _village(raw),
        v.dates(raw["raw_death_date"]).alias("death_date"),
        _village_shown(raw),
    ]


def _village(raw: pl.DataFrame) -> pl.Series:
    if not _by_code(raw):
        return raw.select(v.village_from_parts()).to_series().alias("village")
    dotted = ~pl.col("raw_village_code").str.contains(r"^\d{2}\.\d{2}\.\d{2}\.\d{4}$")
    return v.repaired(raw, "raw_village_code", dotted, v.village_from_code("raw_village_code")).alias("village")


def _by_code(raw: pl.DataFrame) -> bool:
    return (raw["raw_village_code"] != "").any() or (raw["raw_village_part"] == "").all()


def _village_shown(raw: pl.DataFrame) -> pl.Series:
    if _by_code(raw):
        return raw["raw_village_code"].alias("raw_village")
    parts = pl.concat_str([pl.col(f"raw_{p}") for p in VILLAGE_PARTS], separator="/")
    return raw.select(parts).to_series().alias("raw_village")


def _problem(reference: date, villages: Collection[str] | None) -> pl.Expr:
    """The first problem of each row, or null. Conflicting NIKs are found later, among rows with a sound NIK."""
    village, death, status = pl.col("village"), pl.col("death_date"), pl.col("status")
    known = village.is_in(list(villages)) if villages is not None else pl.lit(True)
    checks = [
        ("nik", ~v.nik_valid(reference, "nik")),
        ("full_name", pl.col("full_name") == ""),
        ("birth_date", pl.col("birth_date").is_null()),
        ("sex", pl.col("sex").is_null()),
        ("village", village.is_null()),
        ("village_unknown", ~known),
        ("life_status", (pl.col("raw_life_status") != "") & status.is_null()),
        ("death_date", ((pl.col("raw_death_date") != "") & death.is_null()) | (death.is_not_null() & status)),
    ]
    expr = pl.lit(None, pl.String)
    for kind, failed in reversed(checks):
        expr = pl.when(failed).then(pl.lit(kind)).otherwise(expr)
    return expr


def _result(frame: pl.DataFrame, raw: RawTable, columns: dict[str, str]) -> ExtractRead:
    problems = {kind: Problem(label) for kind, label in PROBLEMS.items()}
    sound = frame.filter(pl.col("problem").fill_null("") != "nik")
    conflicting, collapsed = _repeated(sound)
    if not conflicting.is_empty():
        in_conflict = pl.col("nik").is_in(conflicting.implode()) & (pl.col("problem").fill_null("") != "nik")
        frame = frame.with_columns(
            pl.when(in_conflict).then(pl.lit("nik_conflict")).otherwise("problem").alias("problem")
        )
    _count(frame.filter(pl.col("problem").is_not_null()), problems)
    kept = frame.filter(pl.col("problem").is_null())
    if collapsed:
        kept = kept.filter(pl.col("nik").is_first_distinct())
    return ExtractRead(
        frame=kept.select(FIELDS),
        rows_read=frame.height,
        duplicates_collapsed=collapsed,
        problems={kind: p for kind, p in problems.items() if p.count},
        columns=columns,
        kind=raw.kind,
        encoding=raw.encoding,
        separator=raw.separator,
    )


def _repeated(sound: pl.DataFrame) -> tuple[pl.Series, int]:
    """NIKs repeated with different data, and how many identical repeats of the others collapse.

    Identical rows of one NIK are one record; different rows of one NIK mean the registry contradicts
    itself, and which row is right cannot be told from the file: all of them are skipped.
    """
    repeated = sound.filter(pl.col("nik").is_duplicated())
    if repeated.is_empty():
        return pl.Series("nik", [], pl.String), 0
    distinct = repeated.unique(subset=["nik", *FIELDS[1:], "problem"], maintain_order=True)
    conflicting = distinct.filter(pl.col("nik").is_duplicated())["nik"].unique()
    agreeing = ~pl.col("nik").is_in(conflicting.implode())
    return conflicting, repeated.filter(agreeing).height - distinct.filter(agreeing).height


def _count(rejected: pl.DataFrame, problems: dict[str, Problem]) -> None:
    for (kind,), group in rejected.group_by("problem", maintain_order=True):
        problem = problems[kind]
        problem.count = group.height
        shown = f"raw_{_SHOWN.get(kind, kind)}"
        for row in group.head(EXAMPLES).iter_rows(named=True):
            value = _nik_message(row["raw_nik"]) if kind == "nik" else row[shown]
            problem.examples.append(Example(row["row"], row["nik"], str(value)))


def _nik_message(raw: str | None) -> str:
    """lokal-id's own words for what is wrong with the NIK (only for the few examples shown)."""
    info = parse_nik(raw or "")
    return " ".join(issue.message for issue in info.errors) if raw else "NIK kosong."
