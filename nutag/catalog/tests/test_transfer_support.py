"""A small catalogue for the transfer tests, built through the catalogue services, and helpers to compare."""

import copy
from typing import Any

import pytest

from nutag.accounts.models import User
from nutag.catalog import services
from nutag.catalog.choices import AdoptionStatus
from nutag.catalog.models import Adoption, CoverageCell, ReferenceService, ServiceVersion
from nutag.organisations.models import Organisation
from nutag.territory.models import TerritoryUnit


def content(**changes: Any) -> dict[str, Any]:
    """Content of a version that may be published."""
    data: dict[str, Any] = {
        "name_mn": "Газар эзэмших гэрчилгээ",
        "name_en": "Land possession certificate",
        "description_mn": "Тайлбар",
        "description_en": "Description",
        "category": "land",
        "life_event": "land_and_property",
        "applicant": "citizen",
        "level": "soum",
        "resolver_kind": "soum_governor_office",
        "legal_basis_mn": "Газрын тухай хууль",
        "legal_basis_en": "Law on Land",
        "documents": [
            {
                "code": "ID_CARD",
                "name_mn": "Иргэний үнэмлэх",
                "name_en": "Identity card",
                "is_mandatory": True,
                "description_mn": "",
                "description_en": "Original",
            }
        ],
        "form": [
            {
                "name": "parcel",
                "type": "text",
                "label_mn": "Нэгж талбар",
                "label_en": "Parcel",
                "required": True,
                "help_mn": "",
                "help_en": "As on the cadastral map",
                "max_length": 40,
            },
            {
                "name": "purpose",
                "type": "choice",
                "label_mn": "Зориулалт",
                "label_en": "Purpose",
                "help_mn": "",
                "help_en": "",
                "choices": [
                    {"value": "home", "label_mn": "Орон сууц", "label_en": "Home"},
                    {"value": "farm", "label_mn": "Тариалан", "label_en": "Farming"},
                ],
            },
            {
                "name": "area",
                "type": "number",
                "label_mn": "Талбай",
                "label_en": "Area",
                "help_mn": "Га",
                "help_en": "Hectares",
                "min": 0,
                "max": 5000,
                "visible_if": {"field": "purpose", "equals": "farm"},
            },
        ],
        "fee_mnt": 5000,
        "fee_is_locally_adjustable": True,
        "statutory_deadline_days": 30,
        "service_norm_days": 10,
        "result": "document",
        "result_name_mn": "Гэрчилгээ",
        "result_name_en": "Certificate",
        "channels": ["online", "operator"],
        "process_kind": "permit",
        "is_real_name": False,
        "source": "",
    }
    data.update(changes)
    return copy.deepcopy(data)


def build_catalogue(designer: User) -> None:
    """LAND-001 (soum service): v1 published, v2 draft, offered in soum 6401 with a local fee.
    WELF-002 (aimag service): v1 published, planned in aimag 64."""
    land = services.service_create(code="LAND-001", data=content(), actor=designer)
    land = services.version_publish(version=land, actor=designer)
    draft = services.version_start_draft(service=land.service, actor=designer)
    services.version_update(version=draft, data={"fee_mnt": 6000}, actor=designer)
    welfare = services.service_create(
        code="WELF-002",
        data=content(
            name_en="Welfare allowance",
            category="welfare",
            level="aimag",
            resolver_kind="aimag_governor_office",
            fee_mnt=0,
            fee_is_locally_adjustable=False,
        ),
        actor=designer,
    )
    welfare = services.version_publish(version=welfare, actor=designer)
    services.adoption_create(
        version=land,
        territory=TerritoryUnit.objects.get(code="6401"),
        organisation=Organisation.objects.get(code="gov-6401"),
        actor=None,
        status=AdoptionStatus.OFFERED,
        fee_mnt=4000,
        note_en="Open on Mondays",
    )
    services.adoption_create(
        version=welfare,
        territory=TerritoryUnit.objects.get(code="64"),
        organisation=Organisation.objects.get(code="gov-64"),
        actor=None,
    )


def clear_catalogue() -> None:
    CoverageCell.objects.all().delete()
    Adoption.objects.all().delete()
    ReferenceService.objects.update(current_version=None)
    ServiceVersion.objects.all().delete()
    ReferenceService.objects.all().delete()


def counts() -> tuple[int, int, int]:
    return (ReferenceService.objects.count(), ServiceVersion.objects.count(), Adoption.objects.count())


def without_timestamp(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if key != "exported_at"}


def database_state() -> list[tuple[Any, ...]]:
    """Every stored value an import may change, to show that a refused import changed nothing."""
    versions = [
        (v.service.code, v.number, v.status, v.fee_mnt, v.name_en, v.form, v.documents)
        for v in ServiceVersion.objects.select_related("service").order_by("service__code", "number")
    ]
    adoptions = [
        (
            a.service.code,
            a.territory.code,
            a.version.number,
            a.status,
            a.fee_mnt,
            a.service_norm_days,
            a.channels,
        )
        for a in Adoption.objects.select_related("service", "territory", "version").order_by("pk")
    ]
    current = list(ReferenceService.objects.order_by("code").values_list("code", "current_version__number"))
    cells = list(
        CoverageCell.objects.order_by("service__code", "aimag_code").values_list(
            "service__code", "aimag_code"
        )
    )
    return [*versions, *adoptions, *current, *cells]


@pytest.fixture
def catalogue(designer: User) -> None:
    build_catalogue(designer)
