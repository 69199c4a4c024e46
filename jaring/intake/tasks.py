"""Background work of intake, run by the django-tasks database worker (`jaring db_worker`).

Thin on purpose: the services do the work, report progress on the batch and honour cancellation.
"""

from django_tasks import task

from . import services


@task()
def check_batch(batch_id: int) -> str:
    return services.batch_check(batch_id).status


@task()
def commit_batch(batch_id: int, actor_id: int | None) -> dict | None:
    return services.batch_commit_confirmed(batch_id, actor_id)
