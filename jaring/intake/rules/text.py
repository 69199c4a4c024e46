"""Small text helpers shared by the checks: how typed text is collapsed, and how a place name becomes a key."""

import re
from datetime import date

_WHITESPACE = re.compile(r"\s+")
_NON_ALNUM = re.compile(r"[\W_]+")
_PLACE_PREFIX = re.compile(r"^(desa|ds|kelurahan|kel|kecamatan|kec)\b\.?\s*")


def _collapse(text: str | None) -> str:
    return _WHITESPACE.sub(" ", text or "").strip()


def _place_key(name: str) -> str:
    """A name as a lookup key: "Desa Karang Tengah" and "KARANGTENGAH" are one place, spacing varies."""
    return _NON_ALNUM.sub("", _PLACE_PREFIX.sub("", _collapse(name).lower()))


def _dmy(value: date) -> str:
    return f"{value:%d-%m-%Y}"


def _table(text: str) -> dict[str, str]:
    """``"code: spelling, spelling"`` lines → spelling → code: keeps synonym tables short and readable."""
    pairs = (line.split(":") for line in text.strip().splitlines())
    return {word.strip(): code.strip() for code, words in pairs for word in words.split(",")}
