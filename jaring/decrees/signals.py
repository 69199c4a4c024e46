"""Sent when a decree becomes final, so later stages (enrollment: memberships of removed recipients end) follow
it without decrees importing them (DESIGN.md §4: imports point downward)."""

from django.dispatch import Signal

#: ``sender`` is the Decree class; kwargs ``decree`` (now final) and ``actor``. Sent inside the transaction.
decree_finalized = Signal()
