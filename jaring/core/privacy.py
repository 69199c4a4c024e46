"""Masking of personal identifiers (UU PDP 27/2022): show only what a role needs."""

from lokal import partial_mask


def mask_nik(nik: str | None) -> str:
    """``3503011204850001`` → ``3503********0001``: enough to tell two people apart on a list."""
    if not nik:
        return ""
    return partial_mask("NIK", nik)
