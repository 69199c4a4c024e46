"""Budget-constrained selection: who is covered, paid by which source, and why the others wait (issue #5).

Pure: Polars and numpy, no Django. The caller reads candidates, sources and quotas from the database and
stores the decisions; this package only decides.

Inputs
------
``candidates``, a Polars frame: ``id`` (Int64, unique; a lower id was proposed earlier), ``village``,
``district``, ``occupation`` ("" when unknown), ``groups`` (List(Utf8)), ``decile`` (null when unknown),
``carry_over`` (Boolean: covered last period), ``age`` (may be null), ``eligible`` (Boolean, from verification).
``sources``: :class:`Source` — a budget and what one person costs that source for the whole period, with
optional restrictions (only residents of one village, only some occupations, only some groups).
``quotas``: :class:`Quota` — a minimum and/or maximum number of selected people per village, district or group.
``weights``: :class:`Weights` — the points of the priority score.

How the selection is made
-------------------------
1. **Rank.** Every eligible candidate gets a score: points for a low welfare decile (full points at decile 1,
   none at 10 or unknown), for each weighted group they are in, for their occupation, for having been covered
   last period, and for age (growing from 18 to 65; a negative weight favours the young). Scores are rounded
   to 9 decimals. Candidates are ranked by score, highest first; **equal scores are ordered by id, lowest
   first, so the earlier proposal goes first**. The rank depends only on the candidates, never on the order
   of the rows given.
2. **Which source pays.** A source *may pay* for a person when its restrictions allow them. Among those, the
   person is paid by the first that still has money for a whole cost, narrowest kind first — APBDes (own
   village), DBHCHT, donations, CSR/BAZNAS, APBD provinsi, APBD kabupaten — and, within a kind, in the order
   the sources were given. Narrow money is spent first so that broad money is kept for people only it can pay.
3. **Minimums.** For each quota with a minimum, in the order given, its members are taken in rank order and
   selected until the quota holds its minimum, skipping anyone no source can pay or who would break a maximum.
   These people are selected "to fill the minimum"; the minimum may go unmet only when none of the
   quota's remaining members can be selected.
4. **Everyone else, in rank order.** A candidate is selected when every maximum quota they fall in (their
   village, their district, each of their groups) has room and a source can pay; otherwise they wait, with
   the first reason that holds: a quota they fall in is full (named), else every source allowed to pay for them
   has run out (named), else no source may pay for them at all.
5. **Waiting list.** Those waiting, in rank order, numbered from 1.

Budgets only shrink and quotas only fill as the walk goes on, so a person who had to wait could not be funded
with what is left at the end either: no one waits whom leftover money could fund without breaking a rule.

Output
------
:class:`Allocation`: ``decisions``, one row per candidate (``id``, ``outcome``, ``source``, ``rank``,
``waiting_rank``, ``score``, ``reason``, ``reason_keys``), in rank order and then the ineligible by id;
``sources`` (selected, spent and remaining per source) and ``quotas`` (selected per quota).
:func:`explain` turns a decision into one sentence in Bahasa Indonesia. :func:`validate` lists what is wrong
with sources and quotas; :func:`allocate` refuses them (:class:`AllocationInputError`) rather than guess.

Speed: people with the same *profile* (the village, district, occupation and groups that some source or quota
looks at) get the same decision until a source runs out or a quota fills, so the walk decides a window of
candidates at a time from a per-profile table and stops only at those events (see ``walk``).

Replacements (``replace``): when an amending decree takes people off the list, each place goes to the first
person on the waiting list whom the same source may pay and whose quotas have room.
"""

from .contract import (
    SOURCE_PREFERENCE,
    Allocation,
    AllocationInputError,
    Outcome,
    Quota,
    QuotaUse,
    Reason,
    Source,
    SourceUse,
    Weights,
)
from .engine import allocate
from .explain import explain
from .replace import Replacement, Seat, Waiting, replacements
from .validation import BUDGET_CEILING, validate, validate_candidates

__all__ = [
    "BUDGET_CEILING",
    "SOURCE_PREFERENCE",
    "Allocation",
    "AllocationInputError",
    "Outcome",
    "Quota",
    "QuotaUse",
    "Reason",
    "Replacement",
    "Seat",
    "Source",
    "SourceUse",
    "Waiting",
    "Weights",
    "allocate",
    "explain",
    "replacements",
    "validate",
    "validate_candidates",
]
