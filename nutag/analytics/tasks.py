"""Background tasks of the insights app; thin, they call services."""

from django_tasks import task

from nutag.analytics.services import rollups_refresh


@task()
def rollups_refresh_task() -> int:
    return rollups_refresh(actor=None)
