"""Read models for the insights dashboard: monthly rollups folded incrementally from the request event log by
the background worker (see rollups.py), so that the dashboard reads a few thousand rows however many requests
there are. Analytics writes only these tables."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from nutag.catalog.models import ReferenceService


class RollupCursor(models.Model):
    """How far the event log has been folded into the rollups: the last RequestEvent id taken in."""

    name = models.CharField(max_length=40, unique=True)
    last_event_id = models.BigIntegerField(default=0)
    folded_events = models.BigIntegerField(default=0)
    refreshed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("rollup cursor")
        verbose_name_plural = _("rollup cursors")

    def __str__(self) -> str:
        return f"{self.name}: {self.last_event_id}"


class EventGap(models.Model):
    """An event id below the cursor that was not visible when its neighbours were folded: its transaction was
    still open (it is folded when it commits) or rolled back (forgotten after GAP_PATIENCE)."""

    event_id = models.BigIntegerField(unique=True)
    noted_at = models.DateTimeField()

    def __str__(self) -> str:
        return str(self.event_id)


class MonthlyRequestRollup(models.Model):
    """Requests of one service in one aimag through one channel, per month (Ulaanbaatar time). `submitted`
    counts in the month of submission; the closing figures in the month the request closed."""

    month = models.DateField(_("month"))
    aimag_code = models.CharField(max_length=4)
    service = models.ForeignKey(
        ReferenceService, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    channel = models.CharField(max_length=10)
    submitted = models.PositiveIntegerField(default=0)
    closed = models.PositiveIntegerField(default=0)
    completed = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    expired = models.PositiveIntegerField(default=0)
    returns = models.PositiveIntegerField(default=0)
    closed_after_return = models.PositiveIntegerField(default=0)
    within_norm = models.PositiveIntegerField(default=0)
    within_deadline = models.PositiveIntegerField(default=0)
    resolution_seconds_sum = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("monthly request rollup")
        verbose_name_plural = _("monthly request rollups")
        constraints = [
            models.UniqueConstraint(
                fields=["month", "aimag_code", "service", "channel"], name="request_rollup_unique"
            )
        ]
        indexes = [models.Index(fields=["aimag_code", "month"], name="request_rollup_aimag_idx")]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.aimag_code} {self.service_id} {self.channel}"


class ResolutionHistogram(models.Model):
    """Closed requests by resolution time in log-linear buckets (see rollups.bucket_of), so that medians and
    percentiles come from the rollup: exact to the bucket, within 6.25 % of the true value."""

    month = models.DateField()
    aimag_code = models.CharField(max_length=4)
    service = models.ForeignKey(
        ReferenceService, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    channel = models.CharField(max_length=10)
    bucket = models.PositiveSmallIntegerField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["month", "aimag_code", "service", "channel", "bucket"],
                name="resolution_bucket_unique",
            )
        ]
        indexes = [models.Index(fields=["aimag_code", "month"], name="resolution_aimag_idx")]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.aimag_code} b{self.bucket}: {self.count}"


class StepDurationRollup(models.Model):
    """Time work items spent open at one process step (created to completed), per month, aimag and service."""

    month = models.DateField()
    aimag_code = models.CharField(max_length=4)
    service = models.ForeignKey(
        ReferenceService, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    channel = models.CharField(max_length=10)
    step = models.CharField(max_length=120)
    count = models.PositiveIntegerField(default=0)
    seconds_sum = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["month", "aimag_code", "service", "channel", "step"], name="step_rollup_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.aimag_code} {self.step}"


class CoverageSnapshot(models.Model):
    """Services offered in an aimag at the end of a month, written at each refresh, for coverage over time."""

    month = models.DateField()
    aimag_code = models.CharField(max_length=4)
    services_offered = models.PositiveIntegerField(default=0)
    catalogue_size = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["month", "aimag_code"], name="coverage_snapshot_unique")
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.aimag_code}: {self.services_offered}"
