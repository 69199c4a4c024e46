"""Matching candidates to the civil registry, a whole batch at once (pure: Polars and rapidfuzz, no Django).

Input frames
------------
``candidates``: ``id`` (Int64), ``nik`` (Utf8; may be null, empty, malformed or Excel-damaged),
``full_name`` (Utf8), ``birth_date`` (Date, nullable), ``sex`` ("L"/"P", nullable), ``village``
(Kemendagri code "35.03.01.2001", nullable).

``registry``: ``nik``, ``full_name``, ``birth_date``, ``sex``, ``village`` (domicile), ``is_alive`` (Boolean),
``death_date`` (Date, nullable). Residents of the regency, plus any record whose NIK a candidate gave (so a
resident elsewhere is found as such).

Output of :func:`match_batch`
-----------------------------
One row per candidate: ``id``, ``status`` (a :class:`MatchStatus` value), ``registry_nik`` (the registry
person this candidate is, or null), ``score`` (0..1, how sure), ``reasons`` (List of Struct ``code``,
``field``, ``ours``, ``registry``). :func:`results` turns it into :class:`MatchResult` objects.
"""

from .contract import MatchResult, MatchStatus, Reason, results
from .match import match_batch

__all__ = ["MatchResult", "MatchStatus", "Reason", "match_batch", "results"]
