from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nutag.academy.choices import SURVEY_AUDIENCES, Audience, QuestionKind
from nutag.academy.models import Programme, Question
from nutag.territory.choices import LOCAL_LEVELS, TOP_LEVELS
from nutag.territory.models import TerritoryUnit

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class TerritoryChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.code})"


class SessionForm(forms.Form):
    programme = forms.ModelChoiceField(
        label=_("Programme"), queryset=Programme.objects.filter(is_active=True)
    )
    territory = TerritoryChoice(label=_("Aimag or soum"), queryset=TerritoryUnit.objects.none())
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    is_online = forms.BooleanField(label=_("Online"), required=False)
    starts_on = forms.DateField(label=_("First day"), widget=DATE)
    ends_on = forms.DateField(label=_("Last day"), widget=DATE)
    capacity = forms.IntegerField(label=_("Places"), min_value=1, max_value=500)

    def __init__(self, *args: Any, paths: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from nutag.core.permissions import within_paths

        self.fields["territory"].queryset = TerritoryUnit.objects.filter(  # type: ignore[attr-defined]
            within_paths(paths, "path"), level__in=[*TOP_LEVELS, *LOCAL_LEVELS]
        ).order_by("path")


class RegisterForm(forms.Form):
    username = forms.CharField(
        label=_("Staff account (user name)"),
        max_length=150,
        required=False,
        help_text=_("For officers and operators. Leave empty for a citizen without an account."),
    )
    full_name = forms.CharField(label=_("Full name"), max_length=200, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("username") and not data.get("full_name", "").strip():
            raise forms.ValidationError(_("Give a staff account or the person's name."))
        return data


class SurveyForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    audiences = forms.MultipleChoiceField(
        label=_("Who answers"),
        choices=[(a.value, a.label) for a in Audience if a in SURVEY_AUDIENCES],
        widget=forms.CheckboxSelectMultiple,
    )
    aimags = forms.ModelMultipleChoiceField(
        label=_("Aimags"),
        queryset=TerritoryUnit.objects.filter(level__in=TOP_LEVELS).order_by("code"),
        required=False,
        help_text=_("None chosen: all aimags."),
        widget=forms.CheckboxSelectMultiple,
    )
    opens_at = forms.DateTimeField(label=_("Opens"), widget=DATETIME)
    closes_at = forms.DateTimeField(label=_("Closes"), widget=DATETIME)
    is_anonymous = forms.BooleanField(
        label=_("Anonymous"),
        required=False,
        initial=True,
        help_text=_("Answers are never linked to a person, not even for administrators."),
    )


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=QuestionKind.choices)
    text = forms.CharField(label=_("Question"), max_length=500)
    options = forms.CharField(
        label=_("Options"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("For choice questions: one option a line."),
    )
    scale_max = forms.IntegerField(label=_("Scale from 1 to"), min_value=2, max_value=10, initial=5)
    is_required = forms.BooleanField(label=_("Required"), required=False, initial=True)


class AnswerForm(forms.Form):
    """One field per question (`q<id>`); operators add the citizen they interview."""

    def __init__(
        self, *args: Any, questions: list[Question], for_citizen: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if for_citizen:
            self.fields["citizen_register_number"] = forms.CharField(
                label=_("Citizen's register number"),
                max_length=12,
                help_text=_("Used only to make sure nobody answers twice; it is not kept with the answers."),
            )
            self.fields["citizen_soum"] = TerritoryChoice(
                label=_("Citizen's soum"),
                queryset=TerritoryUnit.objects.filter(level__in=LOCAL_LEVELS).order_by("path"),
                required=False,
            )
        for question in questions:
            self.fields[f"q{question.pk}"] = self._field(question)

    @staticmethod
    def _field(question: Question) -> forms.Field:
        label, required = question.text, question.is_required
        if question.kind == QuestionKind.SINGLE:
            return forms.ChoiceField(
                label=label,
                required=required,
                choices=[(o, o) for o in question.options],
                widget=forms.RadioSelect,
            )
        if question.kind == QuestionKind.MULTIPLE:
            return forms.MultipleChoiceField(
                label=label,
                required=required,
                choices=[(o, o) for o in question.options],
                widget=forms.CheckboxSelectMultiple,
            )
        if question.kind == QuestionKind.SCALE:
            return forms.TypedChoiceField(
                label=label,
                required=required,
                coerce=int,
                choices=[(n, str(n)) for n in range(1, question.scale_max + 1)],
                widget=forms.RadioSelect,
                help_text=_("1 is the lowest, %(max)s the highest.") % {"max": question.scale_max},
            )
        if question.kind == QuestionKind.YES_NO:
            return forms.ChoiceField(
                label=label,
                required=required,
                choices=[("yes", _("Yes")), ("no", _("No"))],
                widget=forms.RadioSelect,
            )
        if question.kind == QuestionKind.LONG_TEXT:
            return forms.CharField(label=label, required=required, max_length=5000, widget=forms.Textarea)
        return forms.CharField(label=label, required=required, max_length=200)

    def answers(self, questions: list[Question]) -> dict[str, Any]:
        return {str(q.pk): self.cleaned_data.get(f"q{q.pk}") for q in questions}


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("How was the service?"),
        coerce=int,
        choices=[(n, str(n)) for n in range(1, 6)],
        widget=forms.RadioSelect,
        help_text=_("1 is very poor, 5 is very good."),
    )
    comment = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=2000
    )
