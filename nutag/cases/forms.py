"""Django forms built from a service's form definition (data, not code), so pages render proper widgets,
labels, hints and errors; the rules themselves live in cases.answers."""

from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from nutag.cases.answers import documents_required, form_fields
from nutag.catalog.models import Adoption


def _label(item: dict[str, Any], key: str) -> str:
    return str(
        item.get(f"{key}_en" if get_language() == "en" else f"{key}_mn") or item.get(f"{key}_mn") or ""
    )


def answers_form(adoption: Adoption, data: Any = None, initial: dict[str, Any] | None = None) -> forms.Form:
    form = forms.Form(data=data, initial=initial)
    for field in form_fields(adoption):
        kind, name = field.get("type"), field["name"]
        common: dict[str, Any] = {
            "label": _label(field, "label"),
            "help_text": _label(field, "help"),
            "required": False,
        }
        choices = [(c["value"], _label(c, "label")) for c in field.get("choices", [])]
        if kind == "textarea":
            form.fields[name] = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), **common)
        elif kind == "number":
            form.fields[name] = forms.CharField(
                widget=forms.TextInput(attrs={"inputmode": "decimal"}), **common
            )
        elif kind == "date":
            form.fields[name] = forms.CharField(widget=forms.DateInput(attrs={"type": "date"}), **common)
        elif kind == "choice":
            form.fields[name] = forms.ChoiceField(choices=[("", "—"), *choices], **common)
        elif kind == "multichoice":
            form.fields[name] = forms.MultipleChoiceField(
                choices=choices, widget=forms.CheckboxSelectMultiple, **common
            )
        elif kind == "boolean":
            form.fields[name] = forms.BooleanField(**common)
        else:
            form.fields[name] = forms.CharField(**common)
        if field.get("required"):
            form.fields[name].label = f"{form.fields[name].label} *"
        if field.get("visible_if"):
            condition = field["visible_if"]
            form.fields[name].help_text = (
                f"{form.fields[name].help_text} "
                + str(
                    _("(only if “%(field)s” is “%(value)s”)")
                    % {"field": condition.get("field"), "value": condition.get("equals")}
                )
            ).strip()
    return form


class UploadForm(forms.Form):
    code = forms.ChoiceField(label=_("Document"))
    file = forms.FileField(label=_("File (PDF, PNG or JPEG, at most 10 MB)"))

    def __init__(self, adoption: Adoption, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(d["code"], _label(d, "name")) for d in documents_required(adoption)]
        self.fields["code"].choices = choices  # type: ignore[attr-defined]


class ActionForm(forms.Form):
    action = forms.CharField(widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reason (shown to the applicant when refusing)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    note = forms.CharField(
        label=_("What the applicant must correct (when returning)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class FindCitizenForm(forms.Form):
    register_number = forms.CharField(label=_("Citizen's register number"), max_length=20)
    full_name = forms.CharField(
        label=_("Full name (for a citizen new to Nutag)"), max_length=200, required=False
    )
    service = forms.CharField(label=_("Service code"), max_length=40)


class PaymentForm(forms.Form):
    amount_mnt = forms.IntegerField(label=_("Amount received (₮)"), min_value=0)
    reference = forms.CharField(label=_("Receipt number"), max_length=60)


class DocumentsAskForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    documents = forms.CharField(
        label=_("Documents to ask for, one per line"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The applicant sees these names as you write them."),
    )
    note = forms.CharField(
        label=_("Note to the applicant (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def names(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data.get("documents", "").splitlines() if line.strip()]


class ConsultationAskForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    organisation = forms.ChoiceField(
        label=_("Office to ask"), error_messages={"required": _("Choose the office to ask.")}
    )
    question = forms.CharField(
        label=_("Question"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write the question for the other office.")},
    )
    due_working_days = forms.IntegerField(
        label=_("Answer due within (working days)"), min_value=1, max_value=30, initial=3
    )

    def __init__(self, targets: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "—"), *((o.pk, str(o)) for o in targets)]
        self.fields["organisation"].choices = choices  # type: ignore[attr-defined]


class ConsultationAnswerForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 4}))
    file = forms.FileField(label=_("Document (optional; PDF, PNG or JPEG, at most 10 MB)"), required=False)


class RequestedUploadForm(forms.Form):
    """An upload of one of the documents an officer asked for."""

    code = forms.ChoiceField(label=_("Document asked for"))
    file = forms.FileField(label=_("File (PDF, PNG or JPEG, at most 10 MB)"))

    def __init__(self, asked: list[dict[str, Any]], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].choices = [(d["code"], d["name"]) for d in asked]  # type: ignore[attr-defined]
