"""Announces changes to who is covered or billed, so that readers above (monitoring's figures) follow them
without the stages that make the changes importing those readers (DESIGN.md §4: imports point downward)."""

from datetime import date

from django.db import transaction
from django.dispatch import Signal

#: kwargs ``program_id`` and ``months`` (the months whose figures changed; None: all of the program's).
#: Sent after the transaction commits, so a rolled-back change announces nothing.
coverage_changed = Signal()


def announce(program_id: int, months: list[date] | None = None) -> None:
    transaction.on_commit(lambda: coverage_changed.send(sender=None, program_id=program_id, months=months))
