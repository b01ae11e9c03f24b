import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nutag.analytics.rollups import month_of
from nutag.analytics.selectors import Filters, aimags
from nutag.cases.choices import Channel
from nutag.catalog.models import ReferenceService

MAX_MONTHS = 60


def _month(value: str) -> datetime.date:
    return datetime.date.fromisoformat(f"{value}-01")


class InsightFilterForm(forms.Form):
    """Period (whole months, Ulaanbaatar time), aimag, service and channel; empty means all."""

    period_from = forms.CharField(
        label=_("From month"), required=False, max_length=7, widget=forms.TextInput(attrs={"type": "month"})
    )
    period_to = forms.CharField(
        label=_("To month"), required=False, max_length=7, widget=forms.TextInput(attrs={"type": "month"})
    )
    aimag = forms.ChoiceField(label=_("Aimag"), required=False)
    service = forms.CharField(label=_("Service code"), required=False, max_length=40)
    channel = forms.ChoiceField(
        label=_("Channel"), required=False, choices=[("", _("All channels")), *Channel.choices]
    )

    def __init__(self, *args: Any, now: datetime.datetime | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.now = now or timezone.now()
        aimag = self.fields["aimag"]
        assert isinstance(aimag, forms.ChoiceField)
        aimag.choices = [("", _("All aimags")), *[(u.code, u.name) for u in aimags()]]

    def _clean_month(self, name: str) -> datetime.date | None:
        value = (self.cleaned_data.get(name) or "").strip()
        if not value:
            return None
        try:
            return _month(value)
        except ValueError:
            raise forms.ValidationError(_("Give a month as YYYY-MM, for example 2026-03.")) from None

    def clean_period_from(self) -> datetime.date | None:
        return self._clean_month("period_from")

    def clean_period_to(self) -> datetime.date | None:
        return self._clean_month("period_to")

    def clean_service(self) -> ReferenceService | None:
        code = (self.cleaned_data.get("service") or "").strip().upper()
        if not code:
            return None
        service = ReferenceService.objects.filter(code=code).first()
        if service is None:
            raise forms.ValidationError(_("No reference service has this code."))
        return service

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        month_to = data.get("period_to") or month_of(self.now)
        month_from = data.get("period_from")
        if month_from is None:
            month_from = datetime.date(month_to.year - (month_to.month < 12), (month_to.month % 12) + 1, 1)
        if month_from > month_to:
            self.add_error("period_from", _("The period must start before it ends."))
        elif (month_to.year - month_from.year) * 12 + month_to.month - month_from.month >= MAX_MONTHS:
            self.add_error("period_from", _("Choose a period of at most five years."))
        data["period_from"], data["period_to"] = month_from, month_to
        return data

    def filters(self) -> Filters:
        data = self.cleaned_data
        return Filters(
            month_from=data["period_from"],
            month_to=data["period_to"],
            aimag=data.get("aimag") or "",
            service=data.get("service"),
            channel=data.get("channel") or "",
        )
