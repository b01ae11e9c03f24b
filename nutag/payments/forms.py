from django import forms
from django.utils.translation import gettext_lazy as _


class CashForm(forms.Form):
    amount_mnt = forms.IntegerField(label=_("Amount received (₮)"), min_value=1, max_value=2_000_000_000)
    receipt_number = forms.CharField(
        label=_("Receipt number"),
        max_length=60,
        help_text=_("The number printed on the paper receipt handed to the payer."),
    )


class FindRequestForm(forms.Form):
    number = forms.CharField(
        label=_("Request reference number"), max_length=16, help_text=_("For example T3E7-JJEX.")
    )
