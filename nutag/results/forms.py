from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nutag.results.services import MAX_UPLOAD_BYTES


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        required=False,
        max_length=32,
        help_text=_("Twelve letters and digits, printed under the QR code, for example T3E7-JJEX-MN4C."),
    )
    file = forms.FileField(
        label=_("Or upload the PDF"), required=False, help_text=_("The document as you received it.")
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("code") and not data.get("file"):
            raise forms.ValidationError(_("Type the code or choose the PDF file."))
        upload = data.get("file")
        if upload is not None and upload.size > MAX_UPLOAD_BYTES:
            self.add_error("file", _("The file is larger than 10 MB."))
        return data


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for revoking"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Kept in the request's history; the applicant sees it."),
    )


class TemplateForm(forms.Form):
    title_mn = forms.CharField(label=_("Title (Mongolian)"), max_length=200)
    body_mn = forms.CharField(label=_("Text (Mongolian)"), widget=forms.Textarea(attrs={"rows": 8}))
    is_english_issued = forms.BooleanField(label=_("Also issue an English document"), required=False)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200, required=False)
    body_en = forms.CharField(
        label=_("Text (English)"), widget=forms.Textarea(attrs={"rows": 8}), required=False
    )
