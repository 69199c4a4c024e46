"""Background work of monitoring, run by the django-tasks database worker (`jaring db_worker`): a payment or
a billing run returns at once, and the figures follow a moment later."""

from datetime import date

from django_tasks import task

from jaring.programs.models import Program

from .services import facts_refresh


@task()
def refresh_facts(program_id: int, months: list[str] | None = None) -> int:
    program = Program.objects.filter(pk=program_id).first()
    if program is None:  # deleted since: nothing to count
        return 0
    return facts_refresh(program=program, months=[date.fromisoformat(m) for m in months] if months else None)
