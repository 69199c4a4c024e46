"""The optional columns: phone, occupation, vulnerable groups and welfare decile. Problems here are warnings."""

import re

from lokal import parse_phone

from .context import RowContext
from .messages import Issue, _issue
from .text import _collapse


def _clean_phone(text: str) -> tuple[str, list[Issue]]:
    typed = _collapse(text)
    if not typed:
        return "", []
    numbers = [part for part in re.split(r"[/,;]", typed) if part.strip()]
    info = parse_phone(numbers[0])
    if not info.valid:
        return "", [_issue("phone", "phone_invalid", typed=typed, value=info.errors[0].message)]
    issues = [_issue("phone", "phone_note", typed=typed, value=issue.message) for issue in info.warnings]
    if info.type != "mobile":
        issues.append(_issue("phone", "phone_landline", typed=typed))
    if len(numbers) > 1:
        issues.append(_issue("phone", "phone_several"))
    return "0" + info.e164.removeprefix("+62"), issues


def _clean_occupation(text: str, ctx: RowContext) -> tuple[str, list[Issue]]:
    return ctx.remembered(("occupation", text), lambda: _occupation_of(text, ctx))


def _occupation_of(text: str, ctx: RowContext) -> tuple[str, list[Issue]]:
    typed = _collapse(text)
    if not typed:
        return "", []
    if code := ctx.occupation_vocabulary.match(typed):
        return code, []
    return "", [_issue("occupation", "occupation_unknown", typed=typed, value=ctx.occupation_vocabulary.choices())]


def _clean_groups(text: str, ctx: RowContext) -> tuple[tuple[str, ...], list[Issue]]:
    """A cell may list several groups ("Janda, Lansia"); the result keeps the vocabulary's order."""
    return ctx.remembered(("groups", text), lambda: _groups_of(text, ctx))


def _groups_of(text: str, ctx: RowContext) -> tuple[tuple[str, ...], list[Issue]]:
    found, issues, vocabulary = set(), [], ctx.group_vocabulary
    for part in filter(None, map(_collapse, re.split(r"[,;/&+]| dan ", text or ""))):
        if code := vocabulary.match(part):
            found.add(code)
        else:
            issues.append(_issue("groups", "group_unknown", typed=part, value=vocabulary.choices()))
    return tuple(code for code in ctx.groups if code in found), issues


def _clean_decile(text: str) -> tuple[int | None, list[Issue]]:
    typed = _collapse(text)
    if not typed:
        return None, []
    match = re.fullmatch(r"(?:desil|d)? ?(\d{1,2})(?:[.,]0+)?", typed, re.IGNORECASE)
    if match and 1 <= int(match.group(1)) <= 10:
        return int(match.group(1)), []
    return None, [_issue("welfare_decile", "decile_invalid", typed=typed)]
