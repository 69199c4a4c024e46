"""The demo's monitoring stage: the regency's dashboard figures computed once the other stages are in, so a
newcomer's first look at /pantau/ shows the whole year."""

from django_tasks_db.models import DBTaskResult

from jaring.monitoring.services import facts_refresh
from jaring.monitoring.tasks import refresh_facts
from jaring.programs.models import Program


def demo_monitoring_seed(regency: str) -> str | None:
    """Compute the figures of every demo program; the refreshes the earlier stages queued are dropped, since
    this one counts everything they would."""
    programs = list(Program.objects.filter(regency_id=regency))
    if not programs:
        return None
    rows = sum(facts_refresh(program=p) for p in programs)
    DBTaskResult.objects.filter(task_path=refresh_facts.module_path, status="READY").delete()
    return f"angka dasbor {len(programs)} program dihitung ({rows:,} baris)".replace(",", ".")
