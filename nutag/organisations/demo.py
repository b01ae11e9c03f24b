"""The demo's organisations: the governor's office of every aimag, soum and district, a realistic set of aimag
departments, KHURDAN service points, and the national agencies. Idempotent."""

from nutag.organisations.choices import Department, OrganisationKind
from nutag.organisations.services import organisation_upsert
from nutag.territory.choices import Level
from nutag.territory.models import TerritoryUnit

NATIONAL_AGENCIES = [
    ("e-mongolia-academy", "Э-Монгол Академи", "E-Mongolia Academy"),
    ("nutag-platform", "Нутаг платформын баг", "Nutag platform team"),
]

DEPARTMENTS = [
    (
        Department.LAND,
        "Газрын харилцаа, барилга, хот байгуулалтын газар",
        "Land, Construction and Urban Development Agency",
    ),
    (
        Department.SOCIAL_WELFARE,
        "Хөдөлмөр, халамжийн үйлчилгээний газар",
        "Labour and Welfare Services Agency",
    ),
    (Department.ENVIRONMENT, "Байгаль орчин, аялал жуулчлалын газар", "Environment and Tourism Agency"),
    (Department.TRANSPORT, "Авто тээврийн төв", "Road Transport Centre"),
    (Department.ARCHIVE, "Архивын газар", "State Archive"),
    (Department.AGRICULTURE, "Хүнс, хөдөө аж ахуйн газар", "Food and Agriculture Agency"),
    (
        Department.INVESTMENT,
        "Хөрөнгө оруулалт, хөгжлийн бодлогын хэлтэс",
        "Investment and Development Policy Division",
    ),
    (Department.EDUCATION, "Боловсролын газар", "Education Agency"),
    (Department.HEALTH, "Эрүүл мэндийн газар", "Health Agency"),
    (Department.REGISTRATION, "Улсын бүртгэлийн хэлтэс", "State Registration Division"),
    (Department.CULTURE_TOURISM, "Соёл, урлагийн газар", "Culture and Arts Agency"),
]

KHURDAN_POINTS = {"11": 3, "64": 1, "44": 1, "23": 1, "43": 1}


def _genitive_mn(unit: TerritoryUnit) -> str:
    if unit.level == Level.CAPITAL:
        return "Нийслэлийн"
    suffix = {Level.AIMAG: "аймгийн", Level.SOUM: "сумын", Level.DISTRICT: "дүүргийн"}[Level(unit.level)]
    return f"{unit.name_mn} {suffix}"


def _of_en(unit: TerritoryUnit) -> str:
    if unit.level == Level.CAPITAL:
        return "Capital City"
    return f"{unit.name_en} {Level(unit.level).label}"


def organisations_demo_load() -> int:
    """Creates or updates the demo organisations; returns how many were created or changed."""
    changed = 0
    nation = TerritoryUnit.objects.get(level=Level.NATIONAL)
    for code, name_mn, name_en in NATIONAL_AGENCIES:
        changed += organisation_upsert(
            code=code,
            name_mn=name_mn,
            name_en=name_en,
            kind=OrganisationKind.NATIONAL_AGENCY,
            jurisdiction=nation,
        )[1]
    for unit in TerritoryUnit.objects.exclude(level__in=[Level.NATIONAL, Level.BAG, Level.KHOROO]).order_by(
        "path"
    ):
        top = unit.is_top_level
        office, was_changed = organisation_upsert(
            code=f"gov-{unit.code}",
            name_mn=f"{_genitive_mn(unit)} Засаг даргын Тамгын газар",
            name_en=f"{_of_en(unit)} Governor's Office",
            kind=OrganisationKind.AIMAG_GOVERNOR_OFFICE if top else OrganisationKind.SOUM_GOVERNOR_OFFICE,
            jurisdiction=unit,
        )
        changed += was_changed
        if not top:
            continue
        for department, name_mn, name_en in DEPARTMENTS:
            changed += organisation_upsert(
                code=f"dept-{unit.code}-{department.value.replace('_', '-')}",
                name_mn=f"{_genitive_mn(unit)} {name_mn}",
                name_en=f"{_of_en(unit)} {name_en}",
                kind=OrganisationKind.AIMAG_DEPARTMENT,
                department=department,
                jurisdiction=unit,
                parent=office if department == Department.INVESTMENT else None,
            )[1]
        for number in range(1, KHURDAN_POINTS.get(unit.code, 0) + 1):
            changed += organisation_upsert(
                code=f"khurdan-{unit.code}-{number}",
                name_mn=f"ХУРДАН цэг — {unit.centre_mn} {number}",
                name_en=f"KHURDAN service point — {unit.centre_en} {number}",
                kind=OrganisationKind.KHURDAN_POINT,
                jurisdiction=unit,
            )[1]
    return changed
