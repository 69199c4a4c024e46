"""One decision told as one sentence in Bahasa Indonesia, for the annex, the village operator and the auditor."""

from collections.abc import Mapping, Sequence
from typing import Any

from .contract import Quota, Reason, Source


def explain(decision: Mapping[str, Any], sources: Sequence[Source], quotas: Sequence[Quota]) -> str:
    """``decision`` is one row of ``Allocation.decisions`` (``iter_rows(named=True)``); ``sources`` and
    ``quotas`` are those given to ``allocate``, to name what the reason names."""
    reason = Reason(decision["reason"])
    keys = list(decision.get("reason_keys") or [])
    by_key = {s.key: s for s in sources}
    by_label = {q.label: q for q in quotas}
    if reason is Reason.INELIGIBLE:
        return "Tidak memenuhi syarat."
    if reason in (Reason.SELECTED, Reason.SELECTED_MINIMUM):
        source = by_key.get(decision["source"])
        paid = f"dibiayai {source.name if source else decision['source']}, peringkat {decision['rank']}"
        if reason is Reason.SELECTED:
            return f"Terpilih, {paid}."
        quota = by_label.get(keys[0]) if keys else None
        minimum = f"{quota.name} ({quota.minimum} orang)" if quota else ", ".join(keys)
        return f"Terpilih untuk memenuhi kuota minimal {minimum}, {paid}."
    waiting = f"Menunggu (urutan {decision['waiting_rank']})" if decision.get("waiting_rank") else "Menunggu"
    if reason is Reason.WAITING_QUOTA:
        full = [_quota_cap(by_label[k]) if k in by_label else k for k in keys]
        return f"{waiting}: kuota {_joined(full)} sudah penuh."
    if reason is Reason.WAITING_BUDGET:
        names = [by_key[k].name if k in by_key else k for k in keys]
        return f"{waiting}: anggaran {_joined(names)} sudah habis."
    limits = [_restriction(by_key[k]) for k in keys if k in by_key and _restriction(by_key[k])]
    told = f" ({'; '.join(limits)})" if limits else ""
    return f"{waiting}: tidak ada sumber dana yang boleh membiayai orang ini{told}."


def _quota_cap(quota: Quota) -> str:
    return quota.name if quota.maximum is None else f"{quota.name} (maksimal {quota.maximum})"


def _restriction(source: Source) -> str:
    """``"DBHCHT hanya untuk pekerjaan petani tembakau/buruh tani"``; "" for a source that pays for anyone."""
    parts = []
    if source.village:
        parts.append("warga desanya" if source.kind == "apbdes" else f"warga desa {source.village}")
    if source.occupations:
        parts.append("pekerjaan " + "/".join(sorted(o.replace("_", " ") for o in source.occupations)))
    if source.groups:
        parts.append("kelompok " + "/".join(sorted(g.replace("_", " ") for g in source.groups)))
    return f"{source.name} hanya untuk {', '.join(parts)}" if parts else ""


def _joined(words: list[str]) -> str:
    """``["A", "B", "C"]`` → ``"A, B dan C"``."""
    if len(words) < 2:
        return "".join(words)
    return ", ".join(words[:-1]) + " dan " + words[-1]
