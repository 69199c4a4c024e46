"""Background work of verification, run by the django-tasks database worker (`jaring db_worker`).

Thin on purpose: the service does the work and stores its progress on the run every half second.
"""

from django_tasks import task

from . import services
from .models import VerificationRun


@task()
def verify_program(run_id: int) -> str:
    run = VerificationRun.objects.select_related("program", "started_by").get(pk=run_id)
    return services.verification_run(run=run).status
