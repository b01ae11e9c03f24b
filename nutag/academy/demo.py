"""The academy's demo data: the four programmes, the first round of visits to ten aimags (20 November – 2
December 2023) with sessions in Bayankhongor and Dornogovi, participants from the demo personas and citizens
without accounts, and two surveys (citizens, anonymous; officers, named) with answers. Idempotent."""

import contextlib
import datetime

from django.db import transaction
from django.utils import timezone

from nutag.academy import services, survey_services
from nutag.academy.choices import Audience, QuestionKind
from nutag.academy.models import Programme, Survey, TrainingSession, VisitPlan
from nutag.accounts.choices import Role
from nutag.accounts.models import User
from nutag.core.errors import Conflict
from nutag.territory.models import TerritoryUnit

D = datetime.date

PROGRAMMES = [
    (
        "request-system",
        "Хүсэлтийн систем: шийдвэрлэх албан хаагчид",
        "The request system for resolving officers",
        Audience.OFFICER,
        8,
        [Role.OFFICER, Role.SUPERVISOR],
    ),
    (
        "assisted-applications",
        "Иргэнд туслах өргөдөл: сумын оператор, ХУРДАН цэг",
        "Assisted applications for soum operators and KHURDAN points",
        Audience.OPERATOR,
        6,
        [Role.OPERATOR],
    ),
    ("digital-skills", "Иргэдийн цахим ур чадвар", "Digital skills for citizens", Audience.CITIZEN, 4, []),
    (
        "internal-management",
        "Дотоод удирдлагын систем: төрийн албан хаагчид",
        "The internal management system for civil servants",
        Audience.CIVIL_SERVANT,
        8,
        [Role.SUPERVISOR, Role.ORG_ADMIN],
    ),
]

FIRST_ROUND = [
    ("48", D(2023, 11, 20), D(2023, 11, 20)),
    ("46", D(2023, 11, 21), D(2023, 11, 22)),
    ("62", D(2023, 11, 23), D(2023, 11, 23)),
    ("64", D(2023, 11, 24), D(2023, 11, 25)),
    ("44", D(2023, 11, 27), D(2023, 11, 27)),
    ("22", D(2023, 11, 28), D(2023, 11, 28)),
    ("21", D(2023, 11, 29), D(2023, 11, 29)),
    ("23", D(2023, 11, 30), D(2023, 11, 30)),
    ("43", D(2023, 12, 1), D(2023, 12, 1)),
    ("45", D(2023, 12, 2), D(2023, 12, 2)),
]

# (programme, territory, day, place, participants: (username or citizen name, completed?))
SESSIONS = [
    (
        "request-system",
        "64",
        D(2023, 11, 24),
        "Аймгийн ЗДТГ-ын хурлын танхим",
        [
            ("officer.bkh", True),
            ("supervisor.bkh", True),
            ("officer.baatsagaan", False),
            ("officer.bkh.land", True),
        ],
    ),
    (
        "assisted-applications",
        "64",
        D(2023, 11, 25),
        "Аймгийн ЗДТГ-ын хурлын танхим",
        [("operator.bkh", True), ("khurdan.bkh", False)],
    ),
    (
        "digital-skills",
        "6401",
        D(2023, 11, 25),
        "Баянхонгор сумын номын сан",
        [("Б. Цэрэндулам", True), ("Д. Мягмар", True), ("Ө. Батжаргал", False)],
    ),
    (
        "request-system",
        "44",
        D(2023, 11, 27),
        "Дорноговь аймгийн ЗДТГ",
        [("officer.sainshand", True), ("supervisor.sainshand", True)],
    ),
    (
        "assisted-applications",
        "44",
        D(2023, 11, 27),
        "Дорноговь аймгийн ЗДТГ",
        [("operator.sainshand", True)],
    ),
]

CHANNELS = ["Онлайн (e-mongolia.mn)", "Сумын ЗДТГ-т очиж", "ХУРДАН цэгээр", "Утсаар"]


@transaction.atomic
def academy_demo_load() -> int:
    changed = 0
    for code, name_mn, name_en, audience, hours, roles in PROGRAMMES:
        changed += services.programme_upsert(
            actor=None,
            code=code,
            name_mn=name_mn,
            name_en=name_en,
            audience=audience,
            length_hours=hours,
            prepares_roles=list(roles),
        )[1]
    units = {
        u.code: u for u in TerritoryUnit.objects.filter(code__in=[c for c, *_ in FIRST_ROUND] + ["6401"])
    }
    plan = VisitPlan.objects.filter(starts_on=D(2023, 11, 20)).first()
    if plan is None:
        plan = services.visit_plan_create(
            actor=None,
            name_mn="Аймгуудаар хийх эхний аялал, 2023",
            name_en="First round of aimag visits, 2023",
            visits=[(units[code], start, end) for code, start, end in FIRST_ROUND],
        )
        changed += 1
    visits = {visit.aimag.code: visit for visit in plan.visits.select_related("aimag")}
    trainer = User.objects.filter(username="trainer").first()
    programmes = {p.code: p for p in Programme.objects.all()}
    for code, territory, day, place, people in SESSIONS:
        session = TrainingSession.objects.filter(
            programme__code=code, territory__code=territory, starts_on=day
        ).first()
        if session is None:
            session = services.session_plan(
                actor=None,
                programme=programmes[code],
                territory=units[territory],
                starts_on=day,
                ends_on=day,
                capacity=25,
                place=place,
                trainer=trainer,
                visit=visits.get(territory[:2]),
            )
            changed += 1
        changed += _participants(session, people)
    changed += _surveys()
    return changed


def _participants(session: TrainingSession, people: list[tuple[str, bool]]) -> int:
    changed = 0
    moment = timezone.make_aware(datetime.datetime.combine(session.ends_on, datetime.time(17)))
    for who, completed in people:
        user = User.objects.filter(username=who).first()
        if " " not in who and user is None:
            continue  # the personas are not loaded
        existing = (
            session.participants.filter(user=user) if user else session.participants.filter(full_name=who)
        )
        if existing.exists():
            continue
        participant = services.participant_register(
            actor=None, session=session, user=user, full_name="" if user else who, now=moment
        )
        services.participant_mark_attendance(actor=None, participant=participant, attended=True, now=moment)
        if completed:
            services.participant_complete(actor=None, participant=participant, now=moment)
        changed += 1
    return changed


def _surveys() -> int:
    if Survey.objects.filter(title__startswith="Төрийн үйлчилгээг").exists():
        return 0
    now = timezone.now()
    citizens = survey_services.survey_create(
        actor=None,
        title="Төрийн үйлчилгээг хэрхэн авч байна вэ?",
        description="Таны хариулт нэргүй: хэн хариулсныг хэн ч харахгүй.",
        audiences=[Audience.CITIZEN],
        opens_at=now - datetime.timedelta(days=14),
        closes_at=now + datetime.timedelta(days=60),
        is_anonymous=True,
    )
    channel = survey_services.question_add(
        actor=None,
        survey=citizens,
        kind=QuestionKind.SINGLE,
        text="Үйлчилгээг голчлон хаанаас авдаг вэ?",
        options=CHANNELS,
    )
    satisfied = survey_services.question_add(
        actor=None,
        survey=citizens,
        kind=QuestionKind.SCALE,
        text="Үйлчилгээнд хэр сэтгэл хангалуун байна вэ?",
    )
    knows = survey_services.question_add(
        actor=None, survey=citizens, kind=QuestionKind.YES_NO, text="Э-Монгол аппыг ашиглаж байсан уу?"
    )
    wish = survey_services.question_add(
        actor=None, survey=citizens, kind=QuestionKind.LONG_TEXT, text="Юуг сайжруулах вэ?", is_required=False
    )
    operator = User.objects.filter(username="operator.bkh").first()
    given = [
        ("demo-citizen-bkh", CHANNELS[0], 4, True, "Хүсэлтийн явцыг утсаар мэдэгддэг болоосой."),
        ("demo-citizen-baatsagaan", CHANNELS[1], 3, False, "Сумын төвд интернэт сул байна."),
        ("demo-citizen-sainshand", CHANNELS[2], 5, True, ""),
    ]
    for username, where, score, used_app, text in given:
        user = User.objects.filter(username=username).first()
        if user is None:
            continue
        answers = {
            str(channel.pk): where,
            str(satisfied.pk): score,
            str(knows.pk): used_app,
            str(wish.pk): text,
        }
        with contextlib.suppress(Conflict):
            survey_services.survey_answer(survey=citizens, actor=user, answers=answers)
    if operator is not None:
        for number, score in (("ИЙ78021534", 2), ("ОЮ66120318", 4)):
            survey_services.survey_answer(
                survey=citizens,
                actor=operator,
                citizen_register_number=number,
                citizen_soum=TerritoryUnit.objects.get(code="6401"),
                answers={
                    str(channel.pk): CHANNELS[1],
                    str(satisfied.pk): score,
                    str(knows.pk): False,
                    str(wish.pk): "Өргөдлийн маягтыг хялбар болгох.",
                },
            )
    officers = survey_services.survey_create(
        actor=None,
        title="Хүсэлтийн системийн сургалтын дараах санал",
        audiences=[Audience.OFFICER],
        opens_at=now - datetime.timedelta(days=7),
        closes_at=now + datetime.timedelta(days=30),
        is_anonymous=False,
    )
    useful = survey_services.question_add(
        actor=None, survey=officers, kind=QuestionKind.SCALE, text="Сургалт ажилд хэр хэрэгтэй байсан бэ?"
    )
    topics = survey_services.question_add(
        actor=None,
        survey=officers,
        kind=QuestionKind.MULTIPLE,
        text="Ямар сэдвээр нэмэлт сургалт авах вэ?",
        options=["Ажлын дараалал", "Хугацаа, хяналт", "Төлбөр", "Үр дүнгийн баримт"],
    )
    for username, score, chosen in (
        ("officer.bkh", 5, ["Хугацаа, хяналт"]),
        ("officer.sainshand", 4, ["Төлбөр"]),
    ):
        user = User.objects.filter(username=username).first()
        if user is not None and user.has_role(Role.OFFICER):
            survey_services.survey_answer(
                survey=officers, actor=user, answers={str(useful.pk): score, str(topics.pk): chosen}
            )
    return 2
