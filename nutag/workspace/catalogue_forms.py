import json
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nutag.catalog.choices import (
    AdoptionStatus,
    Applicant,
    Category,
    Channel,
    LifeEvent,
    ProcessKind,
    ResolverKind,
    ResultKind,
    ServiceLevel,
)
from nutag.catalog.models import ServiceVersion


class JSONListField(forms.CharField):
    widget = forms.Textarea(attrs={"rows": 8, "spellcheck": "false"})

    def prepare_value(self, value: Any) -> Any:
        return value if isinstance(value, str) else json.dumps(value or [], ensure_ascii=False, indent=1)

    def to_python(self, value: Any) -> Any:
        text = super().to_python(value) or "[]"
        try:
            parsed = json.loads(text)
        except json.JSONDecodeError as error:
            raise forms.ValidationError(
                _("This is not valid JSON: %(error)s") % {"error": error.msg}
            ) from None
        if not isinstance(parsed, list):
            raise forms.ValidationError(_("Write a JSON list: [ ... ]."))
        return parsed


class VersionForm(forms.Form):
    name_mn = forms.CharField(label=_("Name (Mongolian)"), max_length=300)
    name_en = forms.CharField(label=_("Name (English)"), max_length=300)
    description_mn = forms.CharField(
        label=_("Description (Mongolian)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    description_en = forms.CharField(
        label=_("Description (English)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    life_event = forms.ChoiceField(label=_("Life event"), choices=LifeEvent.choices)
    applicant = forms.ChoiceField(label=_("Who may apply"), choices=Applicant.choices)
    level = forms.ChoiceField(label=_("Level"), choices=ServiceLevel.choices)
    resolver_kind = forms.ChoiceField(label=_("Resolved by"), choices=ResolverKind.choices)
    legal_basis_mn = forms.CharField(label=_("Legal basis (Mongolian)"), required=False)
    legal_basis_en = forms.CharField(label=_("Legal basis (English)"), required=False)
    fee_mnt = forms.IntegerField(label=_("Fee in tögrögs (0 = free)"), min_value=0)
    fee_is_locally_adjustable = forms.BooleanField(
        label=_("Aimags and soums may set the fee"), required=False
    )
    statutory_deadline_days = forms.IntegerField(
        label=_("Statutory deadline (working days)"), min_value=1, max_value=365
    )
    service_norm_days = forms.IntegerField(label=_("Service norm (working days)"), min_value=1, max_value=365)
    result = forms.ChoiceField(label=_("Result"), choices=ResultKind.choices)
    result_name_mn = forms.CharField(label=_("Result name (Mongolian)"), required=False)
    result_name_en = forms.CharField(label=_("Result name (English)"), required=False)
    channels = forms.MultipleChoiceField(
        label=_("Channels"), choices=Channel.choices, widget=forms.CheckboxSelectMultiple
    )
    process_kind = forms.ChoiceField(label=_("Process"), choices=ProcessKind.choices)
    documents = JSONListField(
        label=_("Required documents (JSON)"),
        required=False,
        help_text=_(
            'Each: {"code", "name_mn", "name_en", "is_mandatory", "description_mn", "description_en"}'
        ),
    )
    form = JSONListField(
        label=_("Application form fields (JSON)"),
        required=False,
        help_text=_(
            'Each: {"name", "type", "label_mn", "label_en", "required", optional "choices", "min", "max", "max_length", "visible_if"}'
        ),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        norm, statutory = data.get("service_norm_days"), data.get("statutory_deadline_days")
        if norm and statutory and norm > statutory:
            self.add_error(
                "service_norm_days", _("The service norm cannot be longer than the statutory deadline.")
            )
        return data

    @classmethod
    def initial_from(cls, version: ServiceVersion) -> dict[str, Any]:
        return {name: getattr(version, name) for name in cls.base_fields}


class AdoptForm(forms.Form):
    territory = forms.ChoiceField(label=_("Aimag or soum"))
    organisation = forms.ChoiceField(label=_("Delivering organisation"))
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            (AdoptionStatus.PLANNED, AdoptionStatus.PLANNED.label),
            (AdoptionStatus.OFFERED, AdoptionStatus.OFFERED.label),
        ],
    )
    channels = forms.MultipleChoiceField(
        label=_("Channels"), choices=Channel.choices, widget=forms.CheckboxSelectMultiple
    )
    fee_mnt = forms.IntegerField(
        label=_("Local fee in tögrögs (empty = the national fee)"), min_value=0, required=False
    )
    service_norm_days = forms.IntegerField(
        label=_("Local service norm in working days (empty = the national norm)"), min_value=1, required=False
    )


class AdoptionDetailsForm(forms.Form):
    channels = forms.MultipleChoiceField(
        label=_("Channels"), choices=Channel.choices, widget=forms.CheckboxSelectMultiple
    )
    fee_mnt = forms.IntegerField(
        label=_("Local fee in tögrögs (empty = the national fee)"), min_value=0, required=False
    )
    service_norm_days = forms.IntegerField(
        label=_("Local service norm in working days (empty = the national norm)"), min_value=1, required=False
    )
    extra_documents = JSONListField(label=_("Extra documents (JSON)"), required=False)
    extra_form_fields = JSONListField(label=_("Extra form fields (JSON)"), required=False)
