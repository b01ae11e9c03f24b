"""Demo personas: every staff role in at least two aimags and two soums of one aimag, and demo citizens.
Listed in the README. Idempotent: an existing persona is left as it is (its password is never reset)."""

from dataclasses import dataclass

from django.db import transaction

from nutag.accounts.choices import Role, UserKind
from nutag.accounts.models import User
from nutag.accounts.services import role_grant
from nutag.organisations.models import Organisation
from nutag.territory.models import TerritoryUnit

DEMO_PASSWORD = "nutag-demo-2026"  # noqa: S105 - documented demo credential, demo data only


@dataclass(frozen=True)
class Persona:
    username: str
    full_name: str
    roles: tuple[tuple[str, str], ...]  # (role, organisation code)


STAFF = [
    Persona("operator.bkh", "Б. Болормаа", ((Role.OPERATOR, "gov-6401"),)),
    Persona("khurdan.bkh", "Д. Тэмүүлэн", ((Role.OPERATOR, "khurdan-64-1"),)),
    Persona("officer.bkh", "Г. Сарангэрэл", ((Role.OFFICER, "gov-6401"),)),
    Persona("officer.baatsagaan", "Н. Ганбат", ((Role.OFFICER, "gov-6404"),)),
    Persona("officer.bkh.land", "Ч. Энхжаргал", ((Role.OFFICER, "dept-64-land"),)),
    Persona("officer.bkh.welfare", "С. Оюунчимэг", ((Role.OFFICER, "dept-64-social-welfare"),)),
    Persona("supervisor.bkh", "Ж. Батбаяр", ((Role.SUPERVISOR, "gov-6401"), (Role.OFFICER, "gov-6401"))),
    Persona("admin.bkh", "Л. Мөнхзул", ((Role.ORG_ADMIN, "gov-64"),)),
    Persona("admin.baatsagaan", "Т. Үүрцайх", ((Role.ORG_ADMIN, "gov-6404"),)),
    Persona("analyst.bkh", "Э. Алтанцэцэг", ((Role.ANALYST, "gov-64"),)),
    Persona("operator.sainshand", "П. Нарантуяа", ((Role.OPERATOR, "gov-4401"),)),
    Persona("officer.sainshand", "Х. Бат-Эрдэнэ", ((Role.OFFICER, "gov-4401"),)),
    Persona("supervisor.sainshand", "О. Цэцэгмаа", ((Role.SUPERVISOR, "gov-4401"),)),
    Persona("admin.dornogovi", "М. Ганзориг", ((Role.ORG_ADMIN, "gov-44"),)),
    Persona("trainer.dornogovi", "Р. Энхтуяа", ((Role.TRAINER, "gov-44"),)),
    Persona("designer", "А. Төгөлдөр", ((Role.DESIGNER, "e-mongolia-academy"),)),
    Persona("analyst", "Б. Өнөрмаа", ((Role.ANALYST, "e-mongolia-academy"),)),
    Persona("trainer", "Ц. Содном", ((Role.TRAINER, "e-mongolia-academy"),)),
    Persona("platform.admin", "Нутаг админ", ((Role.PLATFORM_ADMIN, "nutag-platform"),)),
]

# Register numbers are valid in form and date; the check digits are made up.
CITIZENS = [
    ("demo-citizen-bkh", "Дорж Батболд", "ВЮ85031412", "6401"),
    ("demo-citizen-baatsagaan", "Сүрэн Оюун", "ВЮ92110528", "6404"),
    ("demo-citizen-sainshand", "Ганболд Үлэмж", "ЕГ01250734", "4401"),
    ("demo-citizen-ub", "Мөнх-Эрдэнэ Өлзий", "УБ99112233", "1107"),
]


@transaction.atomic
def personas_demo_load() -> int:
    created = 0
    organisations = {
        o.code: o for o in Organisation.objects.filter(code__in={c for p in STAFF for _, c in p.roles})
    }
    for persona in STAFF:
        user = User.objects.filter(username=persona.username).first()
        if user is None:
            user = User.objects.create_user(
                username=persona.username,
                password=DEMO_PASSWORD,
                kind=UserKind.STAFF,
                full_name=persona.full_name,
            )
            created += 1
        for role, code in persona.roles:
            role_grant(actor=None, user=user, role=role, organisation=organisations[code])
    for username, full_name, register_number, soum_code in CITIZENS:
        if not User.objects.filter(username=username).exists():
            User.objects.create_user(
                username=username,
                kind=UserKind.CITIZEN,
                full_name=full_name,
                register_number=register_number,
                home_territory=TerritoryUnit.objects.get(code=soum_code),
            )
            created += 1
    return created
