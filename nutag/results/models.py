"""Result documents: the template a designer writes for a service version, the signed PDF issued from it, the keys
that sign it (the demo authority's, when no keys are configured) and every attempt to verify one."""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from nutag.cases.models import Request
from nutag.catalog.models import ServiceVersion
from nutag.organisations.models import Organisation
from nutag.results.choices import DocumentLanguage, DocumentStatus, VerificationMethod, VerificationResult


class ResultTemplate(models.Model):
    """What the result of a service version says, in Mongolian and (where the service needs it) English, with
    `{{ placeholders }}` for the request's data (see results.rendering.PLACEHOLDERS)."""

    version = models.OneToOneField(
        ServiceVersion, verbose_name=_("service version"), on_delete=models.CASCADE, related_name="+"
    )
    title_mn = models.CharField(_("title (Mongolian)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    body_mn = models.TextField(_("text (Mongolian)"))
    body_en = models.TextField(_("text (English)"), blank=True)
    is_english_issued = models.BooleanField(_("also issue an English document"), default=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("result template")
        verbose_name_plural = _("result templates")

    def __str__(self) -> str:
        return self.title_mn


class SigningIdentity(models.Model):
    """A certificate and key of the demo certificate authority (organisation empty: the root) or of an
    organisation signed by it. Production configures real keys (files or an HSM) and never uses these: a key in
    the database is only as safe as the database."""

    organisation = models.OneToOneField(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    certificate_pem = models.TextField()
    key_pem = models.TextField(help_text=_("Encrypted with a key derived from SECRET_KEY."))
    fingerprint = models.CharField(max_length=64, unique=True)
    is_root = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("demo signing identity")
        verbose_name_plural = _("demo signing identities")
        constraints = [
            models.UniqueConstraint(
                fields=["is_root"], condition=models.Q(is_root=True), name="one_demo_root"
            ),
            models.CheckConstraint(
                condition=models.Q(is_root=True, organisation__isnull=True)
                | models.Q(is_root=False, organisation__isnull=False),
                name="demo_root_has_no_organisation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation or 'root'} {self.fingerprint[:12]}"


class ResultDocument(models.Model):
    """A signed result, stored once and never rewritten: file, hash and content are immutable (a database trigger
    refuses changes to them); only the revocation fields change."""

    request = models.ForeignKey(Request, on_delete=models.PROTECT, related_name="result_documents")
    language = models.CharField(_("language"), max_length=2, choices=DocumentLanguage.choices)
    verification_code = models.CharField(_("verification code"), max_length=16, unique=True)
    title = models.CharField(_("title"), max_length=200)
    service_name = models.CharField(_("service"), max_length=300)
    holder_name = models.CharField(_("issued to"), max_length=200)
    holder_register_masked = models.CharField(_("register number"), max_length=12, blank=True)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("issued by"), on_delete=models.PROTECT, related_name="+"
    )
    organisation_name = models.CharField(_("issuing organisation"), max_length=200)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("officer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    issued_by_name = models.CharField(_("officer"), max_length=200, blank=True)
    issued_at = models.DateTimeField(_("issued at"))
    file = models.FileField(upload_to="results/%Y/%m/")
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64, unique=True)
    certificate_fingerprint = models.CharField(max_length=64)
    is_demo = models.BooleanField(_("signed by the demo authority"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=DocumentStatus.choices, default=DocumentStatus.VALID
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)

    class Meta:
        verbose_name = _("result document")
        verbose_name_plural = _("result documents")
        ordering = ["request", "language"]
        constraints = [
            models.UniqueConstraint(fields=["request", "language"], name="result_one_per_language"),
        ]

    def __str__(self) -> str:
        return f"{self.verification_code} {self.title}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise RuntimeError("Result documents are immutable; services update the revocation fields only.")
        super().save(*args, **kwargs)

    @property
    def is_revoked(self) -> bool:
        return self.status == DocumentStatus.REVOKED

    @property
    def file_name(self) -> str:
        return f"{self.request.number or self.request_id}-{self.language}.pdf"


class VerificationAttempt(models.Model):
    """Someone checked a document (by code or by uploading it). The client's address is kept only as a keyed
    hash, enough to limit attempts and to see abuse."""

    at = models.DateTimeField(db_index=True)
    method = models.CharField(max_length=10, choices=VerificationMethod.choices)
    code = models.CharField(max_length=32, blank=True)
    uploaded_sha256 = models.CharField(max_length=64, blank=True)
    document = models.ForeignKey(
        ResultDocument, null=True, blank=True, on_delete=models.PROTECT, related_name="verifications"
    )
    result = models.CharField(max_length=15, choices=VerificationResult.choices)
    client_hash = models.CharField(max_length=32)

    class Meta:
        verbose_name = _("verification attempt")
        verbose_name_plural = _("verification attempts")
        ordering = ["-at"]
        indexes = [models.Index(fields=["client_hash", "at"], name="verification_client_idx")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.method} {self.result}"
