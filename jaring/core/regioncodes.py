"""Kemendagri region codes: ``35`` → ``35.03`` → ``35.03.01`` → ``35.03.01.2001``.

The fourth segment's first digit tells the kind of village (Permendagri 58/2021 coding as summarised
in reference/domain-facts.md §5.1): 1 = kelurahan, 2 = desa, 3 = desa adat.
"""

import re
from enum import IntEnum

_CODE = re.compile(r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")
_NON_DIGIT = re.compile(r"\D")


class Level(IntEnum):
    PROVINCE = 1
    REGENCY = 2
    DISTRICT = 3
    VILLAGE = 4


class InvalidRegionCode(ValueError):
    """A string that cannot be a Kemendagri region code."""


def normalize(code: str) -> str:
    """Dotted form of a code typed with or without dots (``3503`` → ``35.03``).

    Raises InvalidRegionCode with a message in Bahasa Indonesia.
    """
    raw = (code or "").strip()
    if "." not in raw:
        digits = _NON_DIGIT.sub("", raw)
        if len(digits) not in (2, 4, 6, 10) or len(digits) != len(raw):
            raise InvalidRegionCode(
                f"Kode wilayah {code!r} tidak sah: contoh yang benar 35, 35.03, 35.03.01, 35.03.01.2001."
            )
        raw = ".".join(p for p in (digits[0:2], digits[2:4], digits[4:6], digits[6:10]) if p)
    if not _CODE.match(raw):
        raise InvalidRegionCode(
            f"Kode wilayah {code!r} tidak sah: contoh yang benar 35, 35.03, 35.03.01, 35.03.01.2001."
        )
    return raw


def level_of(code: str) -> Level:
    return Level(code.count(".") + 1)


def parent_of(code: str) -> str | None:
    return code.rsplit(".", 1)[0] if "." in code else None


def ancestors(code: str) -> list[str]:
    """The code and every parent, widest first: ``35.03.01`` → ``[35, 35.03, 35.03.01]``."""
    parts = code.split(".")
    return [".".join(parts[: i + 1]) for i in range(len(parts))]


def village_kind(code: str) -> str:
    """``kelurahan``, ``desa`` or ``desa_adat`` from the fourth segment of a village code."""
    first = code.split(".")[3][:1]
    return {"1": "kelurahan", "3": "desa_adat"}.get(first, "desa")


def contains(scope: str, code: str) -> bool:
    """Whether ``code`` lies inside ``scope`` (itself included), segment by segment."""
    return code == scope or code.startswith(scope + ".")
