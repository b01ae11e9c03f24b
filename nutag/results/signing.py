"""Signing result documents (PAdES baseline B, with pyHanko) and checking their signatures.

Keys come from configuration: NUTAG_SIGNING_KEY_FILE and NUTAG_SIGNING_CERT_FILE (PEM; `{organisation}` in a path
is replaced by the organisation's code, so each office can sign with its own certificate), NUTAG_SIGNING_CHAIN_FILE
(the issuing CA's chain, embedded in each signature), NUTAG_SIGNING_KEY_PASSPHRASE and NUTAG_SIGNING_TRUST_ROOTS_FILE
(the roots verification trusts; the chain when not set). Without them Nutag runs its own demo certificate
authority, made on first use and kept in the database, and every document it signs says DEMO on every page."""

import datetime
import hashlib
import os
from dataclasses import dataclass
from functools import lru_cache
from io import BytesIO
from pathlib import Path
from typing import Any

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.db import IntegrityError, transaction
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore

from nutag.organisations.models import Organisation
from nutag.results.models import SigningIdentity

DEMO_VALID_FROM = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
DEMO_VALID_UNTIL = datetime.datetime(2045, 1, 1, tzinfo=datetime.UTC)


def _setting(name: str) -> str:
    return str(getattr(settings, name, None) or os.environ.get(name, "") or "")


def is_configured() -> bool:
    return bool(_setting("NUTAG_SIGNING_KEY_FILE") and _setting("NUTAG_SIGNING_CERT_FILE"))


@dataclass(frozen=True)
class Material:
    signer: signers.SimpleSigner
    fingerprint: str
    is_demo: bool

    @property
    def bytes_reserved(self) -> int:
        """Room for the signature container: its certificates plus the signature and attributes. Saying so
        spares pyHanko a trial signature per document to measure it."""
        certificates = [self.signer.signing_cert, *self.signer.cert_registry]
        return 4096 + 2 * sum(len(c.dump()) for c in certificates if c is not None)


def _fingerprint(certificate: asn1_x509.Certificate) -> str:
    return hashlib.sha256(certificate.dump()).hexdigest()


def _load_pem_certificates(pem: bytes) -> list[asn1_x509.Certificate]:
    return [
        asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER))
        for c in x509.load_pem_x509_certificates(pem)
    ]


def _signer(certificate: asn1_x509.Certificate, key: Any, chain: list[asn1_x509.Certificate]) -> Any:
    key_info = asn1_keys.PrivateKeyInfo.load(
        key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return signers.SimpleSigner(
        signing_cert=certificate,
        signing_key=key_info,
        cert_registry=SimpleCertificateStore.from_certs(chain),
    )


@lru_cache(maxsize=64)
def _configured(key_file: str, cert_file: str, chain_file: str, stamp: float) -> Material:
    passphrase = _setting("NUTAG_SIGNING_KEY_PASSPHRASE").encode() or None
    key = serialization.load_pem_private_key(Path(key_file).read_bytes(), password=passphrase)
    certificate = _load_pem_certificates(Path(cert_file).read_bytes())[0]
    chain = _load_pem_certificates(Path(chain_file).read_bytes()) if chain_file else []
    return Material(_signer(certificate, key, chain), _fingerprint(certificate), is_demo=False)


def _configured_for(organisation: Organisation) -> Material:
    paths = [
        _setting(name).replace("{organisation}", organisation.code)
        for name in ("NUTAG_SIGNING_KEY_FILE", "NUTAG_SIGNING_CERT_FILE", "NUTAG_SIGNING_CHAIN_FILE")
    ]
    stamp = max(Path(path).stat().st_mtime for path in paths if path)  # a renewed certificate is picked up
    return _configured(paths[0], paths[1], paths[2], stamp)


# The demo authority ---------------------------------------------------------------------------------------------


def _demo_passphrase() -> bytes:
    return hashlib.sha256(b"nutag-demo-signing-key:" + settings.SECRET_KEY.encode()).digest()


def _name(common_name: str, organisation: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "MN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation[:64]),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name[:64]),
        ]
    )


def _issue_certificate(
    subject: x509.Name, key: ec.EllipticCurvePrivateKey, issuer: x509.Name, issuer_key: Any, is_ca: bool
) -> x509.Certificate:
    usage = dict.fromkeys(
        (
            "digital_signature",
            "content_commitment",
            "key_encipherment",
            "data_encipherment",
            "key_agreement",
            "key_cert_sign",
            "crl_sign",
            "encipher_only",
            "decipher_only",
        ),
        False,
    )
    usage.update(key_cert_sign=is_ca, crl_sign=is_ca, digital_signature=True, content_commitment=not is_ca)
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(DEMO_VALID_FROM)
        .not_valid_after(DEMO_VALID_UNTIL)
        .add_extension(x509.BasicConstraints(ca=is_ca, path_length=0 if is_ca else None), critical=True)
        .add_extension(x509.KeyUsage(**usage), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(issuer_key, hashes.SHA256())
    )


def _store(organisation: Organisation | None, certificate: x509.Certificate, key: Any) -> SigningIdentity:
    der = certificate.public_bytes(serialization.Encoding.DER)
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(_demo_passphrase()),
    )
    try:
        with transaction.atomic():
            return SigningIdentity.objects.create(
                organisation=organisation,
                is_root=organisation is None,
                certificate_pem=certificate.public_bytes(serialization.Encoding.PEM).decode(),
                key_pem=key_pem.decode(),
                fingerprint=hashlib.sha256(der).hexdigest(),
            )
    except IntegrityError:  # another worker made it a moment ago: use theirs
        if organisation is None:
            return SigningIdentity.objects.get(is_root=True)
        return SigningIdentity.objects.get(organisation=organisation)


def _demo_root() -> SigningIdentity:
    root = SigningIdentity.objects.filter(is_root=True).first()
    if root is not None:
        return root
    key = ec.generate_private_key(ec.SECP256R1())
    name = _name("Nutag DEMO Root CA - not for real documents", "Nutag demo")
    return _store(None, _issue_certificate(name, key, name, key, is_ca=True), key)


def _demo_identity(organisation: Organisation) -> SigningIdentity:
    identity = SigningIdentity.objects.filter(organisation=organisation).first()
    if identity is not None:
        return identity
    root = _demo_root()
    root_certificate = x509.load_pem_x509_certificate(root.certificate_pem.encode())
    root_key = serialization.load_pem_private_key(root.key_pem.encode(), password=_demo_passphrase())
    key = ec.generate_private_key(ec.SECP256R1())
    subject = _name(
        f"DEMO {organisation.name_en or organisation.code}", organisation.name_en or organisation.code
    )
    certificate = _issue_certificate(subject, key, root_certificate.subject, root_key, is_ca=False)
    return _store(organisation, certificate, key)


@lru_cache(maxsize=512)
def _demo_material(fingerprint: str, certificate_pem: str, key_pem: str, root_pem: str) -> Material:
    key = serialization.load_pem_private_key(key_pem.encode(), password=_demo_passphrase())
    certificate = _load_pem_certificates(certificate_pem.encode())[0]
    return Material(
        _signer(certificate, key, _load_pem_certificates(root_pem.encode())), fingerprint, is_demo=True
    )


def material_for(organisation: Organisation) -> Material:
    if is_configured():
        return _configured_for(organisation)
    identity = _demo_identity(organisation)
    root = _demo_root()
    return _demo_material(
        identity.fingerprint, identity.certificate_pem, identity.key_pem, root.certificate_pem
    )


def sign(pdf: bytes, material: Material, *, reason: str, location: str) -> bytes:
    metadata = signers.PdfSignatureMetadata(
        field_name="NutagResult",
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=reason,
        location=location,
    )
    signed = signers.sign_pdf(
        IncrementalPdfFileWriter(BytesIO(pdf)),
        metadata,
        signer=material.signer,
        bytes_reserved=material.bytes_reserved,
    )
    return signed.getvalue()


# Checking -------------------------------------------------------------------------------------------------------


def trust_roots() -> list[asn1_x509.Certificate]:
    roots: list[asn1_x509.Certificate] = []
    configured = _setting("NUTAG_SIGNING_TRUST_ROOTS_FILE") or (
        _setting("NUTAG_SIGNING_CHAIN_FILE") if "{" not in _setting("NUTAG_SIGNING_CHAIN_FILE") else ""
    )
    if configured:
        roots += _load_pem_certificates(Path(configured).read_bytes())
    demo = SigningIdentity.objects.filter(is_root=True).values_list("certificate_pem", flat=True)
    for pem in demo:  # documents issued while the demo authority signed still verify as such (and say DEMO)
        roots += _load_pem_certificates(pem.encode())
    return roots


@dataclass(frozen=True)
class SignatureCheck:
    is_signed: bool
    is_intact: bool = False
    is_trusted: bool = False
    covers_whole_file: bool = False
    signer: str = ""
    fingerprint: str = ""

    @property
    def is_valid(self) -> bool:
        return self.is_signed and self.is_intact and self.is_trusted and self.covers_whole_file


def check(pdf: bytes) -> SignatureCheck:
    """Validate the PDF's signature with pyHanko against the trusted roots (no network)."""
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    try:
        reader = PdfFileReader(BytesIO(pdf), strict=False)
        signatures = reader.embedded_signatures
    except Exception:  # untrusted upload: whatever cannot be parsed is simply not a signed PDF
        return SignatureCheck(is_signed=False)
    if len(signatures) != 1:
        return SignatureCheck(is_signed=len(signatures) > 1)
    context = ValidationContext(trust_roots=trust_roots(), allow_fetching=False, revocation_mode="soft-fail")
    try:
        status = validate_pdf_signature(signatures[0], context)
    except Exception:
        return SignatureCheck(is_signed=True)
    certificate = status.signing_cert
    return SignatureCheck(
        is_signed=True,
        is_intact=bool(status.intact and status.valid),
        is_trusted=bool(status.trusted),
        covers_whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
        signer=certificate.subject.human_friendly if certificate is not None else "",
        fingerprint=_fingerprint(certificate) if certificate is not None else "",
    )
