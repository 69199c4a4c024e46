"""Indonesian names brought to one comparable form, for whole columns at once (Polars) or one name.

The civil registry writes ``MUHAMMAD YUSUF``; a village form says ``M. Yusuf``, a DTKS extract ``Moch. Jusuf``
and a teacher's list ``H. Muhamad Yusuf, S.Pd.``. All become ``mhd iusuf``. What is dropped or folded:

- degrees after a comma or at the end (S.Pd., S.E., A.Md., M.Si.), titles in front (H., Hj., Dr., Ir., Drs.);
- ``bin``/``binti`` and the father's name after it, which the registry rarely carries;
- pre-1972 spellings (oe→u, dj→j, j→y, tj→c, sj→sy, nj→ny) and the usual doublets (ch/kh→h, dh→d, th→t,
  q→k, sy→s, doubled letters), with j and y both folded to i, on both sides, so only consistency matters;
- the forms of Muhammad (Muhamad, Mohammad, Moch., Moh., Muh., Mhd., M.) become one token; a leading ``Siti``
  is dropped because half the records carry it and half do not.

Abbreviated words (``Budi S.``) and reordered words are left for the similarity score to judge.
"""

import polars as pl

_TITLES = "h|hj|haji|hajah|hajjah|dr|drs|dra|ir|prof|kh|ust|ustadz|ustadzah|ustad|ny|nn|tn|sdr|sdri|bpk|bapak|ibu|alm"
# Degrees written without dots, accepted only as trailing words.
_DEGREES = "spd|spdi|se|sh|skom|sag|ssos|sip|skm|skep|sst|ssi|st|sthi|sked|spt|amd|ama|amk|mpd|msi|mm|mh|mag|mkes"
_MUHAMMAD = "muhammad|muhamad|mohammad|mohamad|mochammad|mochamad|muchammad|muchamad|mohamed|muhamat|moch|moh|mhd|muh"
MUHAMMAD_TOKEN = "mhd"

# One left-to-right pass (Aho-Corasick): old spellings and doublets. Order matters only among overlaps.
_SPELLINGS = {
    "oe": "u",
    "tj": "c",
    "dj": "i",
    "sj": "s",
    "sy": "s",
    "nj": "ni",
    "j": "i",
    "ch": "h",
    "kh": "h",
    "dh": "d",
    "th": "t",
    "dz": "z",
    "ph": "f",
    "q": "k",
    "y": "i",
}
_DOUBLES = {c * 2: c for c in "abcdefghijklmnopqrstuvwxyz"}


def normalize_expr(column: pl.Expr) -> pl.Expr:
    """The normalised form of a name column; null and empty stay empty strings."""
    s = column.fill_null("").str.to_lowercase()
    s = s.str.replace(r",.*$", "")  # everything after a comma is degrees
    s = s.str.replace_all(r"['`’‘]", "")
    # Dotted degrees at the end (S.Pd., A.Md., S.Pd.I), one or several.
    s = s.str.replace(r"(\s+[sadm]\.[a-z]{1,4}(\.[a-z]{1,3})?\.?)+\s*$", "")
    s = s.str.replace_all(r"[^a-z\s]", " ")
    s = s.str.replace_all(r"\s+", " ").str.strip_chars()
    s = s.str.replace(rf"^(({_TITLES})\s+)+", "")
    s = s.str.replace(rf"(\s({_DEGREES}))+$", "")
    s = s.str.replace(r"\s(bin|binti|bt|bte|bnt)(\s.*)?$", "")
    s = s.str.replace_all(rf"\b({_MUHAMMAD})\b", MUHAMMAD_TOKEN)
    # ``M.`` and ``Md.`` stand for Muhammad before another word; at the end they abbreviate a surname.
    s = s.str.replace_all(r"\b(m|md) ", MUHAMMAD_TOKEN + " ")
    s = s.str.replace(r"^siti\s+", "")
    s = s.str.replace_many(list(_SPELLINGS), list(_SPELLINGS.values()))
    s = s.str.replace_many(list(_DOUBLES), list(_DOUBLES.values()))
    return s.str.replace_all(r"\s+", " ").str.strip_chars()


def normalize(name: str | None) -> str:
    """One name, through the same expression as a column (so the two can never disagree)."""
    return pl.select(normalize_expr(pl.lit(name, dtype=pl.Utf8))).item()
