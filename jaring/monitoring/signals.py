"""Monitoring follows the stages below it: their changes rebuild the figures of the months they touched."""

from .tasks import refresh_facts


def on_coverage_changed(sender, *, program_id: int, months=None, **kwargs) -> None:
    refresh_facts.enqueue(program_id, [m.isoformat() for m in months] if months else None)
