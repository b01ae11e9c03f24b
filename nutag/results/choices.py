from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentStatus(models.TextChoices):
    VALID = "valid", _("Valid")
    REVOKED = "revoked", _("Revoked")


class DocumentLanguage(models.TextChoices):
    MONGOLIAN = "mn", _("Mongolian")
    ENGLISH = "en", _("English")


class VerificationResult(models.TextChoices):
    VALID = "valid", _("Genuine and valid")
    REVOKED = "revoked", _("Genuine but revoked")
    UNKNOWN = "unknown", _("Not a document issued here")
    TAMPERED = "tampered", _("Changed after signing, or not signed here")
    INVALID_CODE = "invalid_code", _("Mistyped code")
    RATE_LIMITED = "rate_limited", _("Too many attempts")


class VerificationMethod(models.TextChoices):
    CODE = "code", _("Code")
    UPLOAD = "upload", _("Uploaded PDF")
