"""Read models for the insights dashboard: monthly rollups folded incrementally from the request event log by
the background worker (see rollups.py), and the catalogue's coverage over time and variance (catalogue.py), so
that the dashboard reads a few thousand rows however many requests and adoptions there are. Analytics writes only
these tables."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from nutag.catalog.models import ReferenceService


class RollupCursor(models.Model):
    """How far the event log has been folded into the rollups: the last RequestEvent id taken in. The row named
    "catalogue" keeps instead the fingerprint of the catalogue its read models were derived from."""

    name = models.CharField(max_length=40, unique=True)
    last_event_id = models.BigIntegerField(default=0)
    folded_events = models.BigIntegerField(default=0)
    refreshed_at = models.DateTimeField(null=True, blank=True)
    fingerprint = models.CharField(max_length=200, blank=True, default="")

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


class RequestFigures(models.Model):
    """The counters of a rollup row, added up when rows are combined."""

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
        abstract = True


class MonthlyRequestRollup(RequestFigures):
    """Requests of one service in one aimag through one channel, per month (Ulaanbaatar time). `submitted`
    counts in the month of submission; the closing figures in the month the request closed."""

    month = models.DateField(_("month"))
    aimag_code = models.CharField(max_length=4)
    service = models.ForeignKey(
        ReferenceService, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    channel = models.CharField(max_length=10)

    class Meta:
        verbose_name = _("monthly request rollup")
        verbose_name_plural = _("monthly request rollups")
        constraints = [
            models.UniqueConstraint(
                fields=["month", "aimag_code", "service", "channel"], name="request_rollup_unique"
            )
        ]
        indexes = [
            models.Index(fields=["aimag_code", "month"], name="request_rollup_aimag_idx"),
            models.Index(fields=["channel", "month"], name="request_rollup_channel_idx"),  # savings: online
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.aimag_code} {self.service_id} {self.channel}"


class MonthlyDistribution(models.Model):
    """The distributions behind one MonthlyRequestRollup row, one row per cell: closed requests by
    resolution-time bucket (see rollups.bucket_of; medians and percentiles come from them, exact to the bucket,
    within 6.25 % of the true value) and the time work items spent open at each process step. Encoded as text
    (rollups.Distribution) so that a month of a service in an aimag is one row however many buckets it fills."""

    month = models.DateField()
    aimag_code = models.CharField(max_length=4)
    service = models.ForeignKey(
        ReferenceService, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    channel = models.CharField(max_length=10)
    resolution_buckets = models.TextField(default="")
    steps = models.TextField(default="")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["month", "aimag_code", "service", "channel"], name="distribution_unique"
            )
        ]
        indexes = [models.Index(fields=["service", "month"], name="distribution_service_idx")]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.aimag_code} {self.service_id} {self.channel}"


class MonthlyAimagRollup(RequestFigures):
    """All services together: the figures and distributions of one aimag through one channel in one month,
    the sum of its MonthlyRequestRollup and MonthlyDistribution rows; a blank aimag code is the whole country, a
    blank channel every channel. The dashboard reads these (some three hundred rows a year) unless a service is
    chosen."""

    month = models.DateField()
    aimag_code = models.CharField(max_length=4, blank=True)
    channel = models.CharField(max_length=10, blank=True)
    resolution_buckets = models.TextField(default="")
    steps = models.TextField(default="")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["month", "aimag_code", "channel"], name="aimag_rollup_unique")
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.aimag_code} {self.channel}"


class CoverageSnapshot(models.Model):
    """Services offered in an aimag (or, with a blank aimag, anywhere in the country) at the end of a month,
    and the size of the reference catalogue then: derived from the history of the adoptions and versions, from
    the month of the first adoption to this one (see catalogue.py)."""

    month = models.DateField()
    aimag_code = models.CharField(max_length=4, blank=True)
    services_offered = models.PositiveIntegerField(default=0)
    catalogue_size = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["month", "aimag_code"], name="coverage_snapshot_unique")
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.aimag_code or 'MN'}: {self.services_offered}"


class VarianceCell(models.Model):
    """How far the offered adoptions of one service in one aimag differ from their reference, summed, so that
    the variance tables add up a few thousand rows instead of reading every adoption (see catalogue.py)."""

    aimag_code = models.CharField(max_length=4)
    service = models.ForeignKey(
        ReferenceService, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    adoptions = models.PositiveIntegerField(default=0)
    differing = models.PositiveIntegerField(default=0)
    fee = models.PositiveIntegerField(default=0)
    norm = models.PositiveIntegerField(default=0)
    documents = models.PositiveIntegerField(default=0)
    variants = models.PositiveIntegerField(default=0)
    process_sum = models.FloatField(default=0.0)
    differences_sum = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["aimag_code", "service"], name="variance_cell_unique")]

    def __str__(self) -> str:
        return f"{self.aimag_code} {self.service_id}: {self.differing}/{self.adoptions}"


class DifferingAdoption(models.Model):
    """An offered adoption that differs from its reference, with its score, for the ranking of those that
    differ most."""

    adoption_id = models.BigIntegerField(unique=True)
    aimag_code = models.CharField(max_length=4)
    service = models.ForeignKey(
        ReferenceService, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    score = models.FloatField()
    has_own_fee = models.BooleanField(default=False)
    has_own_norm = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["-score"], name="differing_adoption_score_idx")]

    def __str__(self) -> str:
        return f"{self.adoption_id}: {self.score}"
