"""The walk down the ranking, with budgets and quota counters, done a window of candidates at a time.

Between two *events* (a source can no longer pay a whole cost, a quota reaches its maximum, a minimum is
met) every candidate of one profile gets the same decision. So a window's decisions are read from a
per-profile table, the first event inside the window is found with counts (numpy, not a Python loop), the
window is committed up to and including that event, the table is worked out again, and the walk goes on.
Each event closes a source or a quota for good, so there are at most (sources + quotas) of them per pass.
"""

from collections.abc import Sequence

import numpy as np

from .contract import REASONS, Quota, Reason, Source
from .profiles import Profiles

UNDECIDED, WAITING = -2, -1  # in ``Walk.source``; otherwise the index of the paying source
CODE = {reason: code for code, reason in enumerate(REASONS)}
_UNCAPPED = np.iinfo(np.int64).max // 4
_FIRST_WINDOW, _MIN_WINDOW, _MAX_WINDOW = 4096, 256, 1 << 18


class Walk:
    """Counters and per-candidate results (arrays by rank position); reason keys are interned tuples."""

    def __init__(self, profiles: Profiles, sources: Sequence[Source], quotas: Sequence[Quota]):
        self.p = profiles
        n = len(profiles.of)
        self.cost = np.array([s.cost for s in sources], dtype=np.int64)
        self.remaining = np.array([s.budget for s in sources], dtype=np.int64)
        self.maximum = np.array([_UNCAPPED if q.maximum is None else q.maximum for q in quotas], dtype=np.int64)
        self.count = np.zeros(len(quotas), dtype=np.int64)
        self.source = np.full(n, UNDECIDED, dtype=np.int16)
        self.why = np.zeros(n, dtype=np.int8)
        self.variant = np.zeros(n, dtype=np.int32)
        self.variants: list[tuple[str, ...]] = []
        self._ids: dict[tuple[str, ...], int] = {}
        self._labels = [q.label for q in quotas]
        keys = [s.key for s in sources]
        self._by_source = np.array([self.intern((key,)) for key in keys], dtype=np.int32)
        self._by_quota = np.array([self.intern((label,)) for label in self._labels], dtype=np.int32)
        given = profiles.allowed[:, np.argsort(profiles.order)]  # columns back in the order given
        self._any_allowed = given.any(axis=1)
        self._budget = self._intern_rows(given, keys)  # waiting for money: every source allowed to pay
        self._no_source = self.intern(tuple(keys))
        self._full = np.zeros(len(quotas), dtype=bool)
        self._full_keys = np.full(profiles.count, -1, dtype=np.int32)  # per profile: its full quotas, or -1

    def intern(self, keys: tuple[str, ...]) -> int:
        if keys not in self._ids:
            self._ids[keys] = len(self.variants)
            self.variants.append(keys)
        return self._ids[keys]

    def fill_minimum(self, quota: int, minimum: int) -> None:
        """Select the quota's members in rank order until it holds ``minimum``, skipping who cannot be."""
        if self.count[quota] < minimum:
            positions = self.p.positions(quota)
            self._walk(positions[self.source[positions] == UNDECIDED], target=(quota, minimum))

    def fill_rest(self) -> None:
        """Decide everyone still undecided, in rank order: selected, or waiting with the reason."""
        self._walk(np.flatnonzero(self.source == UNDECIDED), target=None)

    def _walk(self, positions: np.ndarray, target: tuple[int, int] | None) -> None:
        table = self._table()
        start, width = 0, _FIRST_WINDOW if target is None else max(_MIN_WINDOW, 2 * target[1])
        while start < len(positions):
            window = positions[start : start + width]
            prof = self.p.of[window]
            chosen = table[0][prof]
            cut, event = self._first_event(prof, chosen, target)
            self._commit(window[:cut], prof[:cut], chosen[:cut], table, target)
            start += cut
            if not event:
                width = min(2 * width, _MAX_WINDOW)
                continue
            if target is not None and self.count[target[0]] >= target[1]:
                return
            table, width = self._table(), max(_MIN_WINDOW, 2 * cut)

    def _table(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per profile, as the counters stand: the paying source (or WAITING), the reason code, the keys."""
        self._note_full_quotas()
        blocked = self._full_keys >= 0
        ok = self.p.allowed & (self.remaining >= self.cost)[self.p.order]
        first = self.p.order[ok.argmax(axis=1)] if ok.shape[1] else np.zeros(len(ok), dtype=np.int64)
        chosen = np.where(ok.any(axis=1) & ~blocked, first, WAITING)
        picked = chosen >= 0
        why = np.select(
            [picked, blocked, self._any_allowed],
            [CODE[Reason.SELECTED], CODE[Reason.WAITING_QUOTA], CODE[Reason.WAITING_BUDGET]],
            CODE[Reason.WAITING_NO_SOURCE],
        ).astype(np.int8)
        variant = np.where(self._any_allowed, self._budget, self._no_source).astype(np.int32)
        variant[picked] = self._by_source[chosen[picked]]
        variant[blocked] = self._full_keys[blocked]
        return chosen, why, variant

    def _note_full_quotas(self) -> None:
        """Quotas only fill: update the reason keys (full quotas, in the order given) of the profiles in the
        quotas filled since the last call, and only theirs."""
        full = self.count >= self.maximum
        filled = full & ~self._full
        if not filled.any():
            return
        self._full, full = full, np.flatnonzero(full)
        touched = np.flatnonzero(self.p.members[:, filled].any(axis=1))
        patterns = self.p.members[touched][:, full]  # which full quotas each touched profile falls in
        self._full_keys[touched] = self._intern_rows(patterns, [self._labels[q] for q in full])

    def _intern_rows(self, rows: np.ndarray, labels: list[str]) -> np.ndarray:
        """For each boolean row, the interned tuple of the labels of its True columns (each distinct row once)."""
        if rows.shape[1] == 0:
            return np.full(len(rows), self.intern(()), dtype=np.int32)
        packed = np.ascontiguousarray(np.packbits(rows, axis=1))
        _, first, inverse = np.unique(packed.view(f"V{packed.shape[1]}").ravel(), True, True)
        ids = [self.intern(tuple(labels[j] for j in np.flatnonzero(rows[i]))) for i in first]
        return np.array(ids, dtype=np.int32)[inverse.ravel()]

    def _first_event(self, prof: np.ndarray, chosen: np.ndarray, target: tuple[int, int] | None) -> tuple[int, bool]:
        """How many of the window to commit (through the first event), and whether an event was met.

        Each counter that runs out inside the window is an event; they are looked for in the order their
        share of the window suggests, each only before the earliest found so far.
        """
        picked = chosen >= 0
        if not picked.any():
            return len(chosen), False
        per_source = np.bincount(chosen[picked], minlength=len(self.cost))
        caps = self.remaining // self.cost
        per_quota = self.p.per_quota(prof[picked])
        room = self.maximum - self.count
        events = [(caps[s] / per_source[s], s, -1, caps[s]) for s in np.flatnonzero(per_source >= np.maximum(caps, 1))]
        events += [(room[q] / per_quota[q], -1, q, room[q]) for q in np.flatnonzero(per_quota >= np.maximum(room, 1))]
        if target is not None and per_quota[target[0]] >= target[1] - self.count[target[0]]:
            left = target[1] - self.count[target[0]]
            events.append((left / per_quota[target[0]], -1, target[0], left))
        end = len(chosen)
        for _, source, quota, nth in sorted(events):
            mask = chosen[:end] == source if source >= 0 else picked[:end] & self.p.quota_members[quota][prof[:end]]
            found = np.flatnonzero(mask)
            if len(found) >= nth:
                end = int(found[nth - 1]) + 1  # after it, the source cannot pay a whole cost / the quota is full
        return end, bool(events)

    def _commit(self, window, prof, chosen, table, target) -> None:
        picked = chosen >= 0
        if target is None:
            self.source[window], self.why[window], self.variant[window] = chosen, table[1][prof], table[2][prof]
        else:
            self.source[window[picked]] = chosen[picked]
            self.why[window[picked]] = CODE[Reason.SELECTED_MINIMUM]
            self.variant[window[picked]] = self._by_quota[target[0]]
        self.remaining -= np.bincount(chosen[picked], minlength=len(self.cost)) * self.cost
        self.count += self.p.per_quota(prof[picked])
