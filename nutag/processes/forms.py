from django import forms
from django.utils.translation import gettext_lazy as _

from nutag.processes.modeling.reader import MAX_FILE_BYTES


class ProcessUploadForm(forms.Form):
    file = forms.FileField(
        label=_("BPMN file"),
        help_text=_(
            "A BPMN 2.0 file (.bpmn or .xml) saved by Camunda Modeler, bpmn.io or another modelling tool. "
            "Files Nutag cannot run are stored too, with the reasons and how to fix them."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".bpmn,.xml,application/xml,text/xml"}),
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)s MB.") % {"size": MAX_FILE_BYTES // 1_000_000}
            )
        return upload
