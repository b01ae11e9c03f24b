"""Valid catalogue content for tests, and shortcuts that go through the real services."""

from typing import Any

from nutag.catalog import services
from nutag.catalog.models import Adoption, ServiceVersion
from nutag.organisations.models import Organisation
from nutag.territory.models import TerritoryUnit


def version_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name_mn": "Оршин суугаа хаягийн тодорхойлолт",
        "name_en": "Certificate of residence",
        "description_mn": "Сумын иргэнд оршин суугаа хаягийг нь тодорхойлж олгоно.",
        "description_en": "Certifies where a resident of the soum lives.",
        "category": "civil",
        "life_event": "moving",
        "applicant": "citizen",
        "level": "soum",
        "resolver_kind": "soum_governor_office",
        "legal_basis_mn": "Захиргааны ерөнхий хууль, 26 дугаар зүйл",
        "legal_basis_en": "General Administrative Law, Article 26",
        "documents": [
            {
                "code": "ID_CARD",
                "name_mn": "Иргэний үнэмлэх",
                "name_en": "Identity card",
                "is_mandatory": True,
                "description_mn": "",
                "description_en": "",
            }
        ],
        "form": [
            {
                "name": "purpose",
                "type": "choice",
                "label_mn": "Зориулалт",
                "label_en": "Purpose",
                "required": True,
                "choices": [
                    {"value": "work", "label_mn": "Ажил", "label_en": "Work"},
                    {"value": "other", "label_mn": "Бусад", "label_en": "Other"},
                ],
            },
            {
                "name": "purpose_other",
                "type": "text",
                "label_mn": "Бусад зориулалт",
                "label_en": "Other purpose",
                "required": False,
                "max_length": 200,
                "visible_if": {"field": "purpose", "equals": "other"},
            },
        ],
        "fee_mnt": 2000,
        "fee_is_locally_adjustable": True,
        "statutory_deadline_days": 10,
        "service_norm_days": 2,
        "result": "document",
        "result_name_mn": "Тодорхойлолт",
        "result_name_en": "Certificate",
        "channels": ["online", "operator", "khurdan"],
        "process_kind": "reference_letter",
        "is_real_name": False,
        "source": "",
    }
    data.update(overrides)
    return data


def published_version(*, code: str = "CIVIL-900", **overrides: Any) -> ServiceVersion:
    draft = services.service_create(code=code, data=version_data(**overrides), actor=None)
    return services.version_publish(version=draft, actor=None)


def adopt(version: ServiceVersion, territory_code: str, status: str = "offered", **details: Any) -> Adoption:
    territory = TerritoryUnit.objects.get(code=territory_code)
    return services.adoption_create(
        version=version,
        territory=territory,
        organisation=Organisation.objects.get(code=f"gov-{territory_code}"),
        actor=None,
        status=status,
        **details,
    )
