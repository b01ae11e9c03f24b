from typing import Any, cast

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from nutag.academy.choices import SURVEY_AUDIENCES, Audience, QuestionKind
from nutag.academy.models import Programme, Question, VisitPlan
from nutag.accounts.choices import Role
from nutag.accounts.models import User
from nutag.core.permissions import within_paths
from nutag.territory.choices import LOCAL_LEVELS, TOP_LEVELS
from nutag.territory.models import TerritoryUnit

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class TerritoryChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.code})"


class TrainerChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj} ({obj.username})"


class PlanChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.starts_on:%Y-%m-%d} – {obj.ends_on:%Y-%m-%d})"


class SessionForm(forms.Form):
    """Planning or changing a session; the service checks the rules (territory, tour days, places taken)."""

    programme = forms.ModelChoiceField(label=_("Programme"), queryset=Programme.objects.none())
    plan = PlanChoice(
        label=_("Tour of aimags"),
        queryset=VisitPlan.objects.order_by("-starts_on"),
        required=False,
        help_text=_("Optional: the session is then part of the tour's visit to its aimag, within its days."),
    )
    territory = TerritoryChoice(label=_("Aimag or soum"), queryset=TerritoryUnit.objects.none())
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    is_online = forms.BooleanField(label=_("Online"), required=False)
    starts_on = forms.DateField(label=_("First day"), widget=DATE)
    ends_on = forms.DateField(label=_("Last day"), widget=DATE)
    capacity = forms.IntegerField(label=_("Places"), min_value=1, max_value=500)
    trainer = TrainerChoice(
        label=_("Trainer"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Empty: you, or the session's trainer so far."),
    )

    def __init__(
        self, *args: Any, paths: list[str], programme: Programme | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["territory"].queryset = TerritoryUnit.objects.filter(  # type: ignore[attr-defined]
            within_paths(paths, "path"), level__in=[*TOP_LEVELS, *LOCAL_LEVELS]
        ).order_by("path")
        # A session keeps its programme even after the programme is retired.
        active = Q(is_active=True) | Q(pk=programme.pk) if programme is not None else Q(is_active=True)
        self.fields["programme"].queryset = Programme.objects.filter(active)  # type: ignore[attr-defined]
        self.fields["trainer"].queryset = (  # type: ignore[attr-defined]
            User.objects.filter(is_active=True, assignments__role=Role.TRAINER, assignments__is_active=True)
            .distinct()
            .order_by("full_name", "username")
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The session ends before it starts."))
        return data


class CancelSessionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for cancelling"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Sent to the registered people who have an e-mail address or a phone number."),
    )


STAFF_ROLES = [(role.value, role.label) for role in Role if role != Role.PLATFORM_ADMIN]


class ProgrammeForm(forms.Form):
    code = forms.SlugField(
        label=_("Code"),
        max_length=40,
        help_text=_(
            "Lower-case Latin letters, digits and hyphens; it is part of the address and never changes."
        ),
    )
    name_mn = forms.CharField(label=_("Name (Mongolian)"), max_length=200)
    name_en = forms.CharField(label=_("Name (English)"), max_length=200)
    description_mn = forms.CharField(
        label=_("Description (Mongolian)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    description_en = forms.CharField(
        label=_("Description (English)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    audience = forms.ChoiceField(label=_("Audience"), choices=Audience.choices)
    length_hours = forms.IntegerField(label=_("Length (hours)"), min_value=1, max_value=1000)
    prepares_roles = forms.MultipleChoiceField(
        label=_("Prepares for the roles"),
        choices=STAFF_ROLES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Staff who hold these roles count as ready once they completed the programme."),
    )
    is_active = forms.BooleanField(
        label=_("Taught"),
        required=False,
        initial=True,
        help_text=_(
            "A programme no longer taught keeps its sessions and certificates but cannot be planned."
        ),
    )

    def __init__(self, *args: Any, is_new: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if is_new:
            del self.fields["is_active"]
        else:
            del self.fields["code"]


class VisitPlanForm(forms.Form):
    name_mn = forms.CharField(label=_("Name (Mongolian)"), max_length=200)
    name_en = forms.CharField(label=_("Name (English)"), max_length=200)


class VisitForm(forms.Form):
    """One row of a tour: an aimag and its days. Blank rows are left out."""

    aimag = TerritoryChoice(
        label=_("Aimag"), queryset=TerritoryUnit.objects.filter(level__in=TOP_LEVELS).order_by("code")
    )
    starts_on = forms.DateField(label=_("First day"), widget=DATE)
    ends_on = forms.DateField(label=_("Last day"), widget=DATE)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The visit ends before it starts."))
        return data


class BaseVisitFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        if any(self.errors):
            return
        seen = set()
        for form in self.forms:
            if form.cleaned_data.get("DELETE"):
                continue
            aimag = form.cleaned_data.get("aimag")
            if aimag is None:
                continue
            if aimag.pk in seen:
                form.add_error("aimag", _("This aimag is already in the tour: one visit per aimag."))
            seen.add(aimag.pk)
        if not seen:
            raise forms.ValidationError(_("A visit plan needs at least one aimag."))

    def visits(self) -> list[tuple[Any, Any, Any]]:
        return [
            (form.cleaned_data["aimag"], form.cleaned_data["starts_on"], form.cleaned_data["ends_on"])
            for form in self.forms
            if form.cleaned_data.get("aimag") and not form.cleaned_data.get("DELETE")
        ]


def visit_formset(data: Any, *, initial: list[dict[str, Any]], extra: int) -> BaseVisitFormSet:
    formset_class = forms.formset_factory(
        VisitForm, formset=BaseVisitFormSet, extra=extra, can_delete=True, max_num=40, validate_max=True
    )
    return cast(BaseVisitFormSet, formset_class(data, initial=initial, prefix="visits"))


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
