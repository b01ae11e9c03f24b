#!/usr/bin/env python3
"""Generate Nutag's demo catalogue: nutag/catalog/demo/services.json and adoptions.json.

Deterministic (random.Random(2023)), standard library only. Real service names come from
/work/shared/reference/services.csv (aimag- and soum-level rows of the 2021 E-Mongolia catalogue
snapshot, aimag suffixes stripped, duplicates merged); the rest are invented in the same style.

    python scripts/make_demo_catalogue.py [--csv PATH] [--out DIR]
"""

import argparse
import collections
import csv
import json
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CSV = Path("/work/shared/reference/services.csv")
DEFAULT_OUT = ROOT / "nutag" / "catalog" / "demo"

TOTAL_SERVICES = 145
AIMAG_CODES = [
    "11",
    "21",
    "22",
    "23",
    "41",
    "42",
    "43",
    "44",
    "45",
    "46",
    "48",
    "61",
    "62",
    "63",
    "64",
    "65",
    "67",
    "81",
    "82",
    "83",
    "84",
    "85",
]
# Fixed by the seed document (services offered per aimag); the other twelve are plausible demo values.
AIMAG_COUNTS = {
    "64": 31,
    "45": 61,
    "44": 72,
    "21": 72,
    "48": 64,
    "62": 67,
    "46": 46,
    "22": 76,
    "43": 73,
    "23": 70,
    "11": 88,
    "61": 84,
    "41": 80,
    "42": 52,
    "63": 58,
    "65": 66,
    "67": 62,
    "81": 48,
    "82": 41,
    "83": 35,
    "84": 55,
    "85": 44,
}
FIXED_COUNTS = {
    "64": 31,
    "45": 61,
    "44": 72,
    "21": 72,
    "48": 64,
    "62": 67,
    "46": 46,
    "22": 76,
    "43": 73,
    "23": 70,
}

CATEGORIES = [
    "land",
    "construction",
    "environment",
    "transport",
    "welfare",
    "family",
    "archive",
    "business",
    "agriculture",
    "civil",
    "utilities",
    "education",
    "health",
    "culture",
]
PREFIX = {
    "land": "LAND",
    "construction": "CONS",
    "environment": "ENV",
    "transport": "TRN",
    "welfare": "WLF",
    "family": "FAM",
    "archive": "ARC",
    "business": "BUS",
    "agriculture": "AGR",
    "civil": "CIV",
    "utilities": "UTL",
    "education": "EDU",
    "health": "HLT",
    "culture": "CUL",
}
LIFE_EVENTS = [
    "birth_and_children",
    "family",
    "old_age",
    "disability",
    "housing",
    "starting_business",
    "running_business",
    "herding_and_farming",
    "land_and_property",
    "moving",
    "vehicles",
    "death",
    "employment",
    "nature_use",
    "community_events",
]
RESOLVERS = [
    "aimag_governor_office",
    "soum_governor_office",
    "dept_land",
    "dept_social_welfare",
    "dept_environment",
    "dept_transport",
    "dept_archive",
    "dept_agriculture",
    "dept_investment",
    "dept_education",
    "dept_health",
    "dept_registration",
    "dept_culture_tourism",
]
AIMAG_RESOLVER = {
    "land": "dept_land",
    "construction": "dept_land",
    "environment": "dept_environment",
    "transport": "dept_transport",
    "welfare": "dept_social_welfare",
    "family": "dept_social_welfare",
    "archive": "dept_archive",
    "business": "dept_investment",
    "agriculture": "dept_agriculture",
    "civil": "dept_registration",
    "utilities": "aimag_governor_office",
    "education": "dept_education",
    "health": "dept_health",
    "culture": "dept_culture_tourism",
}
PROCESS_KINDS = ["reference_letter", "permit", "welfare_committee", "site_inspection_permit"]
FIELD_TYPES = [
    "text",
    "textarea",
    "number",
    "date",
    "choice",
    "multichoice",
    "boolean",
    "register_number",
    "phone",
    "email",
]
CHANNEL_CODES = {"o": "online", "p": "operator", "k": "khurdan"}

# ---------------------------------------------------------------------------------------------------------------
# Laws (key: Mongolian title, English title)
# fmt: off
# The data tables below are kept compact by hand; ruff format leaves them alone.
LAWS = {
    "LAND": ("Газрын тухай хууль", "Law on Land"),
    "LANDOWN": ("Газар өмчлөх тухай хууль", "Law on Land Ownership"),
    "LANDFEE": ("Газрын төлбөрийн тухай хууль", "Law on Land Fees"),
    "WELF": ("Нийгмийн халамжийн тухай хууль", "Law on Social Welfare"),
    "CHILD": ("Хүүхдийн эрхийн тухай хууль", "Law on the Rights of the Child"),
    "ELDER": ("Ахмад настны тухай хууль", "Law on Older Persons"),
    "DISAB": ("Хөгжлийн бэрхшээлтэй хүний эрхийн тухай хууль",
        "Law on the Rights of Persons with Disabilities"),
    "BUILD": ("Барилгын тухай хууль", "Law on Construction"),
    "URBAN": ("Хот байгуулалтын тухай хууль", "Law on Urban Development"),
    "WATER": ("Усны тухай хууль", "Law on Water"),
    "FOREST": ("Ойн тухай хууль", "Law on Forests"),
    "FAUNA": ("Амьтны тухай хууль", "Law on Fauna"),
    "FLORA": ("Ургамлын тухай хууль", "Law on Flora"),
    "ALCO": ("Согтууруулах ундааны эргэлтэд хяналт тавих тухай хууль",
        "Law on Control of the Circulation of Alcoholic Beverages"),
    "TOBAC": ("Тамхины хяналтын тухай хууль", "Law on Tobacco Control"),
    "PERMIT": ("Зөвшөөрлийн тухай хууль", "Law on Permits"),
    "ARCH": ("Архивын тухай хууль", "Law on Archives"),
    "CIVREG": ("Иргэний бүртгэлийн тухай хууль", "Law on Civil Registration"),
    "STAMP": ("Улсын тэмдэгтийн хураамжийн тухай хууль", "Law on State Stamp Duty"),
    "ADMIN": ("Захиргааны ерөнхий хууль", "General Administrative Law"),
    "ADV": ("Зар сурталчилгааны тухай хууль", "Law on Advertising"),
    "WASTE": ("Хог хаягдлын тухай хууль", "Law on Waste"),
    "AUTO": ("Авто тээврийн тухай хууль", "Law on Road Transport"),
    "ROAD": ("Авто замын тухай хууль", "Law on Roads"),
    "TOUR": ("Аялал жуулчлалын тухай хууль", "Law on Tourism"),
    "FAMILY": ("Гэр бүлийн тухай хууль", "Law on Family"),
    "VET": ("Малын удмын сан, эрүүл мэндийн тухай хууль", "Law on Livestock Gene Pool and Animal Health"),
    "DISASTER": ("Гамшгаас хамгаалах тухай хууль", "Law on Disaster Protection"),
    "EIA": ("Байгаль орчинд нөлөөлөх байдлын үнэлгээний тухай хууль",
        "Law on Environmental Impact Assessment"),
    "PROTECT": ("Тусгай хамгаалалттай газар нутгийн тухай хууль", "Law on Special Protected Areas"),
    "HOUSING": ("Орон сууцны тухай хууль", "Law on Housing"),
    "EDU": ("Боловсролын ерөнхий хууль", "General Law on Education"),
    "PRESCHOOL": ("Сургуулийн өмнөх боловсролын тухай хууль", "Law on Pre-school Education"),
    "HEALTH": ("Эрүүл мэндийн тухай хууль", "Law on Health"),
    "HINS": ("Эрүүл мэндийн даатгалын тухай хууль", "Law on Health Insurance"),
    "CULT": ("Соёлын тухай хууль", "Law on Culture"),
    "COOP": ("Хоршооны тухай хууль", "Law on Cooperatives"),
    "LIVINS": ("Малын индексжүүлсэн даатгалын тухай хууль", "Law on Index-based Livestock Insurance"),
    "SOCINS": ("Нийгмийн даатгалын ерөнхий хууль", "General Law on Social Insurance"),
    "AIR": ("Агаарын тухай хууль", "Law on Air"),
    "ASSEMBLY": ("Жагсаал, цуглаан хийх журмын тухай хууль",
        "Law on Procedures for Demonstrations and Assemblies"),
    "STATS": ("Статистикийн тухай хууль", "Law on Statistics"),
    "EMPLOY": ("Хөдөлмөр эрхлэлтийг дэмжих тухай хууль", "Law on Employment Promotion"),
    "ENERGY": ("Эрчим хүчний тухай хууль", "Law on Energy"),
    "NOTARY": ("Нотариатын тухай хууль", "Law on Notaries"),
}

# ---------------------------------------------------------------------------------------------------------------
# Shared documents: code -> (name_mn, name_en, description_mn, description_en)
DOCS = {
    "ID_CARD": ("Иргэний үнэмлэх", "Citizen ID card", "Хүчинтэй иргэний үнэмлэх эсвэл түүний цахим хувилбар.",
        "A valid citizen ID card or its electronic version."),
    "APPLICATION": ("Өргөдөл", "Application letter",
        "Хүсэлтийн агуулгыг тодорхой бичсэн, гарын үсэг зурсан өргөдөл.",
        "A signed letter that states clearly what is requested."),
    "CADASTRAL_MAP": ("Газрын кадастрын зураг", "Cadastral map of the land",
        "Мэргэжлийн байгууллагаар хийлгэсэн нэгж талбарын кадастрын зураг.",
        "Cadastral map of the land parcel prepared by a licensed surveyor."),
    "PAYMENT_RECEIPT": ("Төлбөрийн баримт", "Payment receipt",
        "Хураамж, төлбөр төлсөн баримт эсвэл И-баримт.",
        "Receipt or e-receipt showing that the fee was paid."),
    "PHOTO_3X4": ("3x4 хэмжээний цээж зураг", "3x4 passport photo",
        "Сүүлийн 6 сарын дотор авахуулсан өнгөт цээж зураг.",
        "A colour portrait photo taken within the last 6 months."),
    "MARRIAGE_CERT": ("Гэрлэлтийн гэрчилгээ", "Marriage certificate",
        "Гэрлэлт бүртгүүлсэн тухай гэрчилгээ эсвэл лавлагаа.",
        "Marriage certificate or a marriage registration reference."),
    "BIRTH_CERT": ("Хүүхдийн төрсний гэрчилгээ", "Child's birth certificate",
        "Хүүхдийн төрсний гэрчилгээ эсвэл төрсний бүртгэлийн лавлагаа.",
        "The child's birth certificate or a birth registration reference."),
    "MEDICAL_CERT": ("Эмнэлгийн тодорхойлолт", "Medical certificate",
        "Өрхийн эсвэл сумын эрүүл мэндийн төвөөс олгосон тодорхойлолт.",
        "Certificate issued by the family or soum health centre."),
    "STATE_REG_CERT": ("Хуулийн этгээдийн улсын бүртгэлийн гэрчилгээ",
        "Legal entity registration certificate",
        "Аж ахуйн нэгж, байгууллагын улсын бүртгэлийн гэрчилгээний хуулбар.",
        "Copy of the state registration certificate of the company or organisation."),
    "BUILDING_DESIGN": ("Барилгын зураг төсөл", "Building design drawings",
        "Эрх бүхий байгууллагаар хийлгэж, магадлал хийлгэсэн зураг төсөл.",
        "Design drawings made and reviewed by licensed organisations."),
    "LAND_CERT": ("Газар эзэмших эрхийн гэрчилгээ", "Land possession certificate",
        "Газар эзэмших, ашиглах эрхийн гэрчилгээ эсвэл өмчлөлийн гэрчилгээ.",
        "Certificate of land possession, use or ownership rights."),
    "LAND_CONTRACT": ("Газар эзэмшүүлэх гэрээ", "Land possession contract",
        "Засаг даргатай байгуулсан газар эзэмшүүлэх, ашиглуулах гэрээ.",
        "The land possession or use contract signed with the governor."),
    "PROPERTY_CERT": ("Үл хөдлөх эд хөрөнгийн гэрчилгээ", "Immovable property certificate",
        "Үл хөдлөх эд хөрөнгө өмчлөх эрхийн улсын бүртгэлийн гэрчилгээ.",
        "State registration certificate of ownership of immovable property."),
    "LIVESTOCK_REF": ("Мал тооллогын лавлагаа", "Livestock census reference",
        "Сүүлийн жилийн мал тооллогын А дансны мэдээлэл.",
        "Extract of the latest livestock census household record (A-account)."),
    "BAG_REF": ("Багийн Засаг даргын тодорхойлолт", "Bag governor's statement",
        "Өргөдөл гаргагчийн байдлыг баталсан багийн Засаг даргын тодорхойлолт.",
        "Statement from the bag governor confirming the applicant's situation."),
    "DISABILITY_CONCLUSION": ("Хөдөлмөрийн чадвар алдалтын дүгнэлт", "Disability assessment conclusion",
        "Хөдөлмөрийн чадвар алдалтыг тогтоох комиссын дүгнэлт.",
        "Conclusion of the commission that assesses loss of working capacity."),
    "PENSION_BOOK": ("Тэтгэврийн дэвтэр", "Pension book",
        "Тэтгэвэр тогтоолгосныг нотлох дэвтэр эсвэл лавлагаа.",
        "Pension book or a reference showing that a pension is paid."),
    "DEATH_CERT": ("Нас барсны гэрчилгээ", "Death certificate",
        "Нас барсны бүртгэлийн гэрчилгээ эсвэл лавлагаа.", "Death registration certificate or reference."),
    "VEHICLE_CERT": ("Тээврийн хэрэгслийн гэрчилгээ", "Vehicle registration certificate",
        "Тээврийн хэрэгслийн улсын бүртгэлийн гэрчилгээ.", "State registration certificate of the vehicle."),
    "DRIVER_LICENCE": ("Жолоочийн үнэмлэх", "Driving licence", "Хүчинтэй жолоочийн үнэмлэх.",
        "A valid driving licence."),
    "SITE_PLAN": ("Байршлын схем зураг", "Location sketch",
        "Байршил, хэмжээг харуулсан схем зураг эсвэл координат.",
        "Sketch or coordinates showing the location and size."),
    "LEASE_CONTRACT": ("Түрээсийн гэрээ", "Lease contract", "Байр, талбай түрээсэлсэн гэрээний хуулбар.",
        "Copy of the lease contract for the premises or area."),
    "EIA_CONCLUSION": ("Байгаль орчинд нөлөөлөх байдлын үнэлгээний дүгнэлт",
        "Environmental impact assessment", "Байгаль орчинд нөлөөлөх байдлын ерөнхий үнэлгээний дүгнэлт.",
        "Conclusion of the general environmental impact assessment."),
    "HYGIENE_CONCLUSION": ("Эрүүл ахуйн дүгнэлт", "Sanitary inspection conclusion",
        "Мэргэжлийн хяналтын байгууллагын эрүүл ахуйн дүгнэлт.",
        "Sanitary conclusion from the inspection agency."),
    "FIRE_SAFETY": ("Галын аюулгүй байдлын дүгнэлт", "Fire safety conclusion",
        "Онцгой байдлын байгууллагын галын аюулгүй байдлын дүгнэлт.",
        "Fire safety conclusion from the emergency management agency."),
    "EVENT_PLAN": ("Арга хэмжээний төлөвлөгөө", "Event plan",
        "Хөтөлбөр, байршил, аюулгүй байдлын зохион байгуулалтыг тусгасан төлөвлөгөө.",
        "Plan with programme, venue and safety arrangements."),
    "INCOME_REF": ("Орлогын тодорхойлолт", "Income statement",
        "Өрхийн гишүүдийн орлогыг харуулсан тодорхойлолт эсвэл НДШ-ийн лавлагаа.",
        "Statement of household income or a social insurance contribution reference."),
    "SCHOOL_REF": ("Сургуулийн тодорхойлолт", "School enrolment statement",
        "Суралцаж буй сургуулиас олгосон тодорхойлолт.",
        "Statement from the school or university where the person studies."),
    "POWER_OF_ATTORNEY": ("Итгэмжлэл", "Power of attorney",
        "Бусдын өмнөөс хандаж байгаа бол нотариатаар батлуулсан итгэмжлэл.",
        "Notarised power of attorney when applying on someone else's behalf."),
    "LICENCE_COPY": ("Өмнөх зөвшөөрлийн хуулбар", "Copy of the previous licence",
        "Сунгуулах, өөрчлөх гэж буй зөвшөөрлийн хуулбар.",
        "Copy of the licence that is to be extended or changed."),
    "TECH_CONDITIONS": ("Инженерийн хангамжийн техникийн нөхцөл", "Utility technical conditions",
        "Цахилгаан, дулаан, ус хангамжийн байгууллагын техникийн нөхцөл.",
        "Technical conditions from the power, heating and water suppliers."),
}


# ---------------------------------------------------------------------------------------------------------------
# Reusable form fields: name -> dict. Choice lists are (value, label_mn, label_en).
def _f(type_, mn, en, hmn, hen, required=True, choices=None, min_=None, max_=None, max_length=None, vis=None):
    d = {"type": type_, "label_mn": mn, "label_en": en, "help_mn": hmn, "help_en": hen, "required": required}
    if choices is not None:
        d["choices"] = [{"value": v, "label_mn": a, "label_en": b} for v, a, b in choices]
    if min_ is not None:
        d["min"] = min_
    if max_ is not None:
        d["max"] = max_
    if max_length is not None:
        d["max_length"] = max_length
    if vis is not None:
        d["visible_if"] = {"field": vis[0], "equals": vis[1]}
    return d


OTHER = ("other", "Бусад", "Other")
FIELDS = {
    "purpose": _f("choice", "Тодорхойлолтыг хаана өгөх вэ", "Where will the certificate be used",
        "Тодорхойлолт шаардсан байгууллагыг сонгоно уу.", "Choose the organisation that asked for it.",
        choices=[("work", "Ажлын байранд", "Employer"), ("school", "Сургуульд", "School"),
        ("bank", "Банкинд", "Bank"), ("court", "Шүүхэд", "Court"), OTHER]),
    "purpose_other": _f("text", "Бусад зориулалт", "Other purpose", "Хаана өгөхөө бичнэ үү.",
        "Write where it will be used.", max_length=200, vis=("purpose", "other")),
    "phone": _f("phone", "Утасны дугаар", "Phone number", "Холбогдох 8 оронтой дугаар.",
        "An 8-digit number we can call."),
    "email": _f("email", "И-мэйл хаяг", "Email address", "Мэдэгдэл хүлээн авах хаяг.",
        "Address for notifications.", required=False),
    "bag": _f("text", "Баг, хорооны нэр", "Bag or khoroo", "Одоо амьдарч буй баг, хорооны нэр.",
        "The bag or khoroo where you live now.", max_length=100),
    "address": _f("textarea", "Оршин суугаа хаяг", "Home address",
        "Гудамж, хашаа, тоот эсвэл нутаг усны нэр.", "Street, yard and number, or the name of the place.",
        max_length=500),
    "land_purpose": _f("choice", "Газрын зориулалт", "Land use purpose", "Газрыг юунд ашиглахыг сонгоно уу.",
        "Choose what the land will be used for.",
        choices=[("ger_yard", "Гэр бүлийн хэрэгцээ", "Family dwelling"),
        ("winter_camp", "Өвөлжөө, хаваржаа", "Winter or spring camp"), ("crop", "Тариалан", "Crop farming"),
        ("business", "Аж ахуйн зориулалт", "Business use"), OTHER]),
    "land_purpose_other": _f("text", "Бусад зориулалт", "Other purpose", "Зориулалтыг тодорхой бичнэ үү.",
        "Describe the purpose.", max_length=200, vis=("land_purpose", "other")),
    "area_m2": _f("number", "Талбайн хэмжээ (м²)", "Area (m²)", "Хүсч буй талбайн хэмжээ.",
        "Size of the area requested.", min_=1, max_=1000000),
    "area_ha": _f("number", "Талбайн хэмжээ (га)", "Area (hectares)", "Талбайн хэмжээг гектараар.",
        "Size of the area in hectares.", min_=1, max_=100000),
    "location": _f("textarea", "Байршлын тайлбар", "Location", "Нутаг усны нэр, ойролцоох тэмдэгт газар.",
        "Name of the place or a nearby landmark.", max_length=500),
    "parcel_id": _f("text", "Нэгж талбарын дугаар", "Parcel number", "Кадастрын нэгж талбарын дугаар.",
        "Cadastral parcel number.", max_length=20),
    "land_cert_no": _f("text", "Гэрчилгээний дугаар", "Certificate number",
        "Газар эзэмших эрхийн гэрчилгээний дугаар.", "Number of the land possession certificate.",
        max_length=20),
    "is_renewal": _f("boolean", "Өмнө нь зөвшөөрөл авч байсан", "Held a permit before",
        "Өмнө нь ийм зөвшөөрөл авч байсан бол тэмдэглэнэ үү.", "Tick if you held such a permit before.",
        required=False),
    "prior_permit_no": _f("text", "Өмнөх зөвшөөрлийн дугаар", "Previous permit number",
        "Өмнөх зөвшөөрлийн дугаарыг бичнэ үү.", "Number of the previous permit.", max_length=30,
        vis=("is_renewal", True)),
    "lost_reason": _f("choice", "Нөхөн авах шалтгаан", "Reason for replacement", "Шалтгааныг сонгоно уу.",
        "Choose the reason.", choices=[("lost", "Үрэгдүүлсэн", "Lost"), ("damaged", "Гэмтсэн", "Damaged"),
        ("stolen", "Хулгайд алдсан", "Stolen")]),
    "police_ref": _f("text", "Цагдаагийн бүртгэлийн дугаар", "Police report number",
        "Хулгайн гомдлыг бүртгэсэн дугаар.", "Number of the police theft report.", max_length=30,
        vis=("lost_reason", "stolen")),
    "applicant_type": _f("choice", "Хүсэлт гаргагч", "Applicant", "Иргэн эсвэл хуулийн этгээд эсэх.",
        "Citizen or legal entity.", choices=[("citizen", "Иргэн", "Citizen"),
        ("business", "Хуулийн этгээд", "Legal entity")]),
    "company_register": _f("text", "Хуулийн этгээдийн регистр", "Company register number",
        "7 оронтой регистрийн дугаар.", "7-digit register number.", max_length=7,
        vis=("applicant_type", "business")),
    "company_name": _f("text", "Байгууллагын нэр", "Company name", "Улсын бүртгэлд бүртгэгдсэн нэр.",
        "Name as registered.", max_length=200),
    "delivery": _f("choice", "Үр дүнг хэрхэн авах", "How to receive the result",
        "Хүлээн авах аргыг сонгоно уу.", "Choose how you want to receive it.",
        choices=[("online", "Цахимаар", "Online"), ("pickup", "Биечлэн", "In person")]),
    "pickup_place": _f("text", "Хүлээн авах газар", "Pick-up place", "Сумын ЗДТГ эсвэл ХУРДАН цэгийн нэр.",
        "Soum governor's office or KHURDAN point.", max_length=100, vis=("delivery", "pickup")),
    "household_size": _f("number", "Өрхийн ам бүл", "Household size", "Хамт амьдардаг хүний тоо.",
        "Number of people living together.", min_=1, max_=20),
    "monthly_income": _f("number", "Өрхийн сарын орлого (₮)", "Monthly household income (MNT)",
        "Бүх гишүүний орлогын нийлбэр.", "Total income of all members.", min_=0, max_=20000000),
    "housing_status": _f("choice", "Орон байрны нөхцөл", "Housing situation", "Одоо хаана амьдарч байгаа вэ.",
        "Where do you live now.", choices=[("own_ger", "Өөрийн гэрт", "Own ger"),
        ("own_house", "Өөрийн байшинд", "Own house"), ("rented", "Түрээсийн байранд", "Rented"),
        ("relatives", "Хамаатныдаа", "With relatives"), OTHER]),
    "housing_other": _f("text", "Бусад нөхцөл", "Other situation", "Нөхцөлөө товч бичнэ үү.",
        "Describe briefly.", max_length=200, vis=("housing_status", "other")),
    "child_register": _f("register_number", "Хүүхдийн регистрийн дугаар", "Child's register number",
        "Жишээ нь: УБ19012345.", "Two Cyrillic letters and eight digits."),
    "children_count": _f("number", "Хүүхдийн тоо", "Number of children", "18 хүртэлх насны хүүхдийн тоо.",
        "Children under 18.", min_=1, max_=20),
    "due_date": _f("date", "Төрөх хугацаа", "Expected birth date", "Эмчийн тогтоосон төрөх хугацаа.",
        "Date given by the doctor."),
    "elder_register": _f("register_number", "Ахмад настны регистрийн дугаар",
        "Older person's register number", "Тусламж авах ахмад настны регистр.",
        "Register number of the older person."),
    "on_behalf": _f("boolean", "Бусдын өмнөөс хүсэлт гаргаж байна", "Applying for someone else",
        "Гэр бүлийн гишүүн эсвэл асран хамгаалагчийн хувиар.", "As a family member or guardian.",
        required=False),
    "beneficiary_register": _f("register_number", "Хүлээн авагчийн регистр", "Beneficiary's register number",
        "Тусламж авах хүний регистрийн дугаар.", "Register number of the person helped.",
        vis=("on_behalf", True)),
    "disability_level": _f("choice", "Хөдөлмөрийн чадвар алдалт", "Loss of working capacity",
        "Комиссын дүгнэлтэд заасан хувь.", "Percentage in the commission's conclusion.",
        choices=[("p50", "50–69 хувь", "50–69 percent"), ("p70", "70–100 хувь", "70–100 percent"),
        ("child", "Хөгжлийн бэрхшээлтэй хүүхэд", "Child with a disability")]),
    "aid_item": _f("choice", "Шаардлагатай хэрэгсэл", "Aid needed", "Нэг хэрэгслийг сонгоно уу.",
        "Choose one item.", choices=[("wheelchair", "Тэргэнцэр", "Wheelchair"),
        ("hearing_aid", "Сонсголын аппарат", "Hearing aid"), ("prosthesis", "Протез", "Prosthesis"),
        ("crutches", "Таяг", "Crutches"), OTHER]),
    "aid_item_other": _f("text", "Бусад хэрэгсэл", "Other aid", "Хэрэгслийн нэрийг бичнэ үү.",
        "Name of the item.", max_length=100, vis=("aid_item", "other")),
    "reason": _f("textarea", "Хүсэлтийн шалтгаан", "Reason for the request",
        "Нөхцөл байдлаа товч тайлбарлана уу.", "Explain your situation briefly.", max_length=1000),
    "period_from": _f("date", "Эхлэх огноо", "From", "Лавлагаа шаардлагатай хугацааны эхлэл.",
        "Start of the period needed."),
    "period_to": _f("date", "Дуусах огноо", "To", "Хугацааны төгсгөл.", "End of the period.", required=False),
    "organisation": _f("text", "Ажиллаж байсан байгууллага", "Former employer",
        "Байгууллагын тухайн үеийн нэр.", "Name of the organisation at that time.", max_length=200),
    "document_year": _f("number", "Баримтын он", "Year of the document", "Баримт үйлдэгдсэн он.",
        "Year the document was made.", min_=1921, max_=2025),
    "vehicle_plate": _f("text", "Улсын дугаар", "Plate number", "Жишээ нь: 1234УБА.",
        "Four digits and three Cyrillic letters.", max_length=8),
    "vehicle_use": _f("choice", "Тээврийн хэрэгслийн зориулалт", "Vehicle use", "Ашиглалтын зориулалт.",
        "How the vehicle is used.", choices=[("personal", "Хувийн", "Private"), ("taxi", "Такси", "Taxi"),
        ("freight", "Ачаа тээвэр", "Freight"), ("passenger", "Зорчигч тээвэр", "Passenger transport")]),
    "livestock_types": _f("multichoice", "Малын төрөл", "Livestock kinds", "Эзэмшдэг малын төрлүүд.",
        "Kinds of livestock you keep.", choices=[("horse", "Адуу", "Horses"), ("cattle", "Үхэр", "Cattle"),
        ("camel", "Тэмээ", "Camels"), ("sheep", "Хонь", "Sheep"), ("goat", "Ямаа", "Goats")]),
    "livestock_total": _f("number", "Нийт малын тоо (толгой)", "Total livestock (head)",
        "Сүүлийн тооллогоор.", "As in the latest census.", min_=0, max_=100000),
    "event_name": _f("text", "Арга хэмжээний нэр", "Event name", "Товч бөгөөд ойлгомжтой нэр.",
        "A short, clear name.", max_length=200),
    "event_type": _f("choice", "Арга хэмжээний төрөл", "Event type", "Төрлийг сонгоно уу.",
        "Choose the type.", choices=[("naadam", "Наадам", "Naadam"), ("concert", "Тоглолт", "Concert"),
        ("fair", "Үзэсгэлэн яармаг", "Fair"), ("sport", "Спортын тэмцээн", "Sports event"), OTHER]),
    "event_type_other": _f("text", "Бусад төрөл", "Other type", "Төрлийг бичнэ үү.", "Describe the type.",
        max_length=100, vis=("event_type", "other")),
    "event_date": _f("date", "Болох өдөр", "Event date", "Арга хэмжээ эхлэх өдөр.",
        "First day of the event."),
    "participants": _f("number", "Оролцогчдын тоо", "Expected participants", "Ойролцоо тоо.",
        "Approximate number.", min_=1, max_=50000),
    "start_date": _f("date", "Эхлэх огноо", "Start date", "Зөвшөөрөл эхлэх өдөр.",
        "When the permit should start."),
    "end_date": _f("date", "Дуусах огноо", "End date", "Зөвшөөрөл дуусах өдөр.",
        "When the permit should end."),
    "activity": _f("choice", "Үйл ажиллагааны чиглэл", "Type of activity", "Үндсэн чиглэлийг сонгоно уу.",
        "Choose the main activity.", choices=[("retail", "Жижиглэн худалдаа", "Retail"),
        ("catering", "Хоол үйлдвэрлэл", "Catering"), ("services", "Үйлчилгээ", "Services"),
        ("production", "Үйлдвэрлэл", "Production"), OTHER]),
    "activity_other": _f("text", "Бусад чиглэл", "Other activity", "Чиглэлийг бичнэ үү.",
        "Describe the activity.", max_length=200, vis=("activity", "other")),
    "outlet_type": _f("choice", "Цэгийн төрөл", "Type of outlet", "Худалдаа, үйлчилгээний цэгийн төрөл.",
        "Kind of shop or venue.", choices=[("shop", "Дэлгүүр", "Shop"),
        ("restaurant", "Зоогийн газар", "Restaurant"), ("bar", "Баар", "Bar"),
        ("hotel", "Зочид буудал", "Hotel")]),
    "outlet_address": _f("textarea", "Үйл ажиллагааны хаяг", "Premises address", "Цэгийн бүтэн хаяг.",
        "Full address of the premises.", max_length=500),
    "board_type": _f("choice", "Самбарын төрөл", "Board type", "Зар сурталчилгааны хэрэгслийн төрөл.",
        "Kind of advertising board.", choices=[("billboard", "Билборд", "Billboard"),
        ("led", "LED дэлгэц", "LED screen"), ("banner", "Баннер", "Banner"),
        ("roof", "Дээврийн самбар", "Roof sign"), OTHER]),
    "board_other": _f("text", "Бусад төрөл", "Other board type", "Төрлийг бичнэ үү.", "Describe it.",
        max_length=100, vis=("board_type", "other")),
    "board_area": _f("number", "Самбарын талбай (м²)", "Board area (m²)", "Нүүрэн талын нийт талбай.",
        "Total face area.", min_=1, max_=200),
    "construction_kind": _f("choice", "Ажлын төрөл", "Kind of works", "Барилгын ажлын төрлийг сонгоно уу.",
        "Choose the kind of works.", choices=[("new", "Шинээр барих", "New building"),
        ("extension", "Өргөтгөл", "Extension"), ("renovation", "Их засвар", "Major renovation")]),
    "floors": _f("number", "Давхрын тоо", "Number of floors", "Газрын дээрх давхрын тоо.",
        "Floors above ground.", min_=1, max_=30),
    "water_volume": _f("number", "Усны хэмжээ (м³/хоног)", "Water volume (m³/day)",
        "Хоногт ашиглах дундаж хэмжээ.", "Average daily volume.", min_=1, max_=100000),
    "water_use": _f("choice", "Усны зориулалт", "Water use", "Усыг юунд ашиглах вэ.",
        "What the water is for.", choices=[("drinking", "Ундны ус", "Drinking water"),
        ("livestock", "Мал услах", "Livestock"), ("irrigation", "Усалгаа", "Irrigation"),
        ("industry", "Үйлдвэрлэл", "Industry"), OTHER]),
    "water_use_other": _f("text", "Бусад зориулалт", "Other use", "Зориулалтыг бичнэ үү.",
        "Describe the use.", max_length=200, vis=("water_use", "other")),
    "forest_product": _f("choice", "Бэлтгэх нөөц", "Forest resource", "Бэлтгэх төрлийг сонгоно уу.",
        "Choose what you will collect.", choices=[("firewood", "Түлээ", "Firewood"),
        ("timber", "Гуалин мод", "Timber"), ("nuts", "Самар", "Pine nuts"), ("berries", "Жимс", "Berries")]),
    "quantity": _f("number", "Тоо хэмжээ", "Quantity", "м³, кг эсвэл тоогоор.", "In m³, kg or pieces.",
        min_=1, max_=10000),
    "animal_species": _f("choice", "Амьтны төрөл", "Species", "Агнах амьтныг сонгоно уу.",
        "Choose the species.", choices=[("hare", "Туулай", "Hare"), ("wolf", "Чоно", "Wolf"),
        ("fox", "Үнэг", "Fox"), ("fish", "Загас", "Fish"), OTHER]),
    "animal_species_other": _f("text", "Бусад амьтан", "Other species", "Амьтны нэрийг бичнэ үү.",
        "Name of the species.", max_length=100, vis=("animal_species", "other")),
    "camp_capacity": _f("number", "Хүлээн авах хүний тоо", "Guest capacity", "Нэг дор байрлах хүний тоо.",
        "Guests at one time.", min_=1, max_=2000),
    "route": _f("text", "Чиглэл", "Route", "Эхлэх болон төгсөх цэг.", "Start and end points.",
        max_length=200),
    "school_name": _f("text", "Сургуулийн нэр", "School name", "Суралцаж буй сургууль.",
        "School or university.", max_length=200),
    "grade": _f("number", "Анги", "Grade", "Хүүхдийн суралцаж буй анги.", "The child's grade.", min_=1,
        max_=12),
    "bank_account": _f("text", "Дансны дугаар", "Bank account", "Тэтгэмж шилжүүлэх өөрийн нэр дээрх данс.",
        "Your own account for the payment.", max_length=20),
    "destination": _f("text", "Шилжих газар", "Moving to", "Шилжих аймаг, сум, дүүрэг.",
        "Aimag, soum or district you move to.", max_length=200),
    "move_reason": _f("choice", "Шилжих шалтгаан", "Reason for moving", "Гол шалтгааныг сонгоно уу.",
        "Choose the main reason.", choices=[("work", "Ажил", "Work"), ("study", "Сургууль", "Study"),
        ("family", "Гэр бүл", "Family"), OTHER]),
    "move_reason_other": _f("text", "Бусад шалтгаан", "Other reason", "Шалтгааныг бичнэ үү.", "Describe it.",
        max_length=200, vis=("move_reason", "other")),
    "deceased_register": _f("register_number", "Талийгаачийн регистр", "Register number of the deceased",
        "Нас барсан иргэний регистрийн дугаар.", "Register number of the person who died."),
    "crop_type": _f("choice", "Тариалах ургамал", "Crop", "Голлох ургамлыг сонгоно уу.",
        "Choose the main crop.", choices=[("wheat", "Улаан буудай", "Wheat"), ("potato", "Төмс", "Potatoes"),
        ("vegetables", "Хүнсний ногоо", "Vegetables"), ("fodder", "Тэжээлийн ургамал", "Fodder")]),
    "loss_count": _f("number", "Хорогдсон малын тоо", "Livestock lost (head)", "Толгойгоор.", "In head.",
        min_=1, max_=50000),
    "year": _f("number", "Он", "Year", "Хамаарах он.", "The year concerned.", min_=2000, max_=2030),
    "treatment_place": _f("choice", "Эмчлүүлэх газар", "Where treated", "Эмчилгээ хийлгэх газар.",
        "Where the treatment takes place.", choices=[("ub", "Улаанбаатар хот", "Ulaanbaatar"),
        ("abroad", "Гадаад улс", "Abroad")]),
    "diagnosis": _f("text", "Онош", "Diagnosis", "Эмчийн тодорхойлолтод заасан онош.",
        "Diagnosis as in the medical certificate.", max_length=200),
    "power_kw": _f("number", "Хэрэглэх чадал (кВт)", "Load (kW)", "Төлөвлөсөн хэрэглээ.", "Planned load.",
        min_=1, max_=10000),
}

# ---------------------------------------------------------------------------------------------------------------
# Services. S(key, category, level, life_event, applicant, "LAW:article", "DOCS" ("?" suffix = optional),
#             "form fields", fee, adjustable, statutory_days, norm_days, process_kind, "document"/"decision",
#             result_mn, result_en, name_mn, name_en, description_mn, description_en, channels, real)
# Real rows give name_mn exactly as in services.csv minus the aimag suffix; name_en None = csv translation.
SERVICES = []


def S(
    key,
    cat,
    lvl,
    le,
    app,
    law,
    docs,
    form,
    fee,
    adj,
    stat,
    norm,
    pk,
    result,
    rmn,
    ren,
    mn,
    en,
    dmn,
    den,
    ch="op",
    real=False,
):
    SERVICES.append(
        dict(
            key=key,
            cat=cat,
            lvl=lvl,
            le=le,
            app=app,
            law=law,
            docs=docs,
            form=form,
            fee=fee,
            adj=adj,
            stat=stat,
            norm=norm,
            pk=pk,
            result=result,
            rmn=rmn,
            ren=ren,
            mn=mn,
            en=en,
            dmn=dmn,
            den=den,
            ch=ch,
            real=real,
        )
    )


def R(*args, **kw):
    S(*args, real=True, **kw)


# --- Real names: aimag level (Töv / Khentii, 2021 snapshot) -----------------------------------------------------
R("road_access", "transport", "aimag", "running_business", "both", "ROAD:20",
  "APPLICATION SITE_PLAN CADASTRAL_MAP", "applicant_type company_register location phone", 50000, True, 30,
  14, "site_inspection_permit", "decision", "Зам ашиглах зөвшөөрөл", "Road access permit",
  "Авто замд орц, гарц, зогсоолын талбай шинээр гаргах", None,
  "Улсын болон орон нутгийн авто замаас орц, гарц, зогсоол гаргах зөвшөөрлийг газар дээр нь үзлэг хийж олгоно.",
  "Permission to build a new access, exit or parking area off a state or local road, after a site check.")
R("road_cut", "transport", "aimag", "running_business", "business", "ROAD:21",
  "APPLICATION SITE_PLAN BUILDING_DESIGN STATE_REG_CERT", "company_name location start_date end_date phone",
  30000, True, 30, 10, "site_inspection_permit", "decision", "Зам сэтлэх зөвшөөрөл", "Road cutting permit",
  "Инженерийн шугам сүлжээний ажил шинээр хийх, зөөх, шилжүүлэх ажлын хүрээнд авто зам сэтлэх, сүвлэх зөвшөөрлийн хүсэлт хүлээн авах",
  "Permit to cut or tunnel under a road for utility-line works",
  "Шугам сүлжээ тавих, зөөх ажлын үеэр авто замыг түр сэтлэх, доогуур нь сүвлэх зөвшөөрөл олгоно.",
  "Permission to cut or tunnel under a road while laying or moving utility lines.")
R("vehicle_dereg", "transport", "aimag", "vehicles", "both", "AUTO:11", "APPLICATION VEHICLE_CERT ID_CARD",
  "vehicle_plate reason phone", 5000, False, 10, 3, "permit", "document", "Бүртгэлээс хассан тодорхойлолт",
  "Deregistration statement", "Авто тээврийн хэрэгслийг улсын бүртгэлээс хасуулах",
  "Deregister a motor vehicle",
  "Ашиглалтаас гарсан, устгасан эсвэл худалдсан тээврийн хэрэгслийг улсын бүртгэлээс хасна.",
  "Removes a scrapped, destroyed or sold vehicle from the state register.", ch="opk")
R("vehicle_cert_replace", "transport", "aimag", "vehicles", "both", "AUTO:11",
  "APPLICATION ID_CARD PAYMENT_RECEIPT", "vehicle_plate lost_reason police_ref phone", 10000, False, 10, 3,
  "reference_letter", "document", "Тээврийн хэрэгслийн гэрчилгээ", "Vehicle registration certificate",
  "Авто тээврийн хэрэгслийн гэрчилгээ нөхөн олгох хүсэлт",
  "Replacement of a lost vehicle registration certificate",
  "Үрэгдүүлсэн, гэмтээсэн тээврийн хэрэгслийн гэрчилгээг нөхөн олгоно.",
  "Issues a new vehicle registration certificate when the old one is lost or damaged.", ch="opk")
R("vehicle_cert_exchange", "transport", "aimag", "vehicles", "both", "AUTO:11",
  "VEHICLE_CERT ID_CARD PAYMENT_RECEIPT", "vehicle_plate reason phone", 10000, False, 10, 2,
  "reference_letter", "document", "Тээврийн хэрэгслийн гэрчилгээ", "Vehicle registration certificate",
  "Авто тээврийн хэрэгслийн гэрчилгээ солих үйлчилгээ", "Exchange of a vehicle registration certificate",
  "Мэдээлэл өөрчлөгдсөн эсвэл хуучин загварын гэрчилгээг шинэ гэрчилгээгээр солино.",
  "Replaces an outdated certificate or one whose details have changed.", ch="opk")
R("vehicle_reg_ref", "transport", "aimag", "vehicles", "both", "AUTO:11", "ID_CARD",
  "vehicle_plate purpose purpose_other", 1500, False, 5, 1, "reference_letter", "document",
  "Тээврийн хэрэгслийн лавлагаа", "Vehicle registration reference",
  "Авто тээврийн хэрэгслийн улсын бүртгэлийн лавлагаа", "Vehicle state-registration reference",
  "Тээврийн хэрэгслийн өмчлөгч, бүртгэлийн мэдээллийн лавлагааг олгоно.",
  "Gives a reference on a vehicle's owner and registration details.", ch="opk")
R("pro_driver_replace", "transport", "aimag", "vehicles", "citizen", "AUTO:15",
  "APPLICATION ID_CARD PHOTO_3X4 PAYMENT_RECEIPT", "lost_reason police_ref phone", 10000, False, 10, 5,
  "reference_letter", "document", "Мэргэшсэн жолоочийн үнэмлэх", "Professional driver certificate",
  "Мэргэшсэн жолоочийн үнэмлэх нөхөн олгох хүсэлт хүлээн авах",
  "Replacement of a professional driver certificate",
  "Үрэгдүүлсэн, гэмтээсэн мэргэшсэн жолоочийн үнэмлэхийг нөхөн олгоно.",
  "Replaces a lost or damaged professional driver certificate.")
R("archive_service_years", "archive", "aimag", "old_age", "citizen", "ARCH:26", "APPLICATION ID_CARD",
  "organisation period_from period_to delivery pickup_place", 0, False, 14, 5, "reference_letter", "document",
  "Архивын лавлагаа", "Archive reference", "Ажилласан жил тодорхойлох архивын лавлагаа",
  "Archive reference confirming years of employment",
  "Тэтгэвэр тогтоолгоход шаардлагатай ажилласан жилийг архивын баримтаар тодорхойлж өгнө.",
  "Confirms years of work from archive records, for example to set a pension.", ch="opk")
R("archive_notary", "archive", "aimag", "land_and_property", "citizen", "NOTARY:38", "APPLICATION ID_CARD",
  "document_year reason delivery pickup_place", 5000, True, 14, 5, "reference_letter", "document",
  "Нотариатын архивын лавлагаа", "Notarial archive reference", "Нотариатын лавлагаа олгох",
  "Notarial archive reference",
  "Архивт хадгалагдаж буй нотариатын үйлдлийн баримтын хуулбар, лавлагааг олгоно.",
  "Gives a copy or reference of a notarial act kept in the archive.")
R("archive_salary", "archive", "aimag", "old_age", "citizen", "ARCH:26", "APPLICATION ID_CARD",
  "organisation period_from period_to", 0, False, 14, 5, "reference_letter", "document", "Цалингийн лавлагаа",
  "Salary reference", "Цалингийн лавлагаа олгох", "Salary reference from payroll archives",
  "Байгууллагын цалингийн архивын баримтаас цалингийн лавлагаа гаргаж өгнө.",
  "Gives a salary reference from an organisation's payroll archive.", ch="opk")
R("archive_not_held", "archive", "aimag", "employment", "citizen", "ARCH:26", "APPLICATION ID_CARD",
  "organisation period_from purpose purpose_other", 0, False, 14, 5, "reference_letter", "document",
  "Тодорхойлолт", "Certificate", "Төрийн архивт баримт байхгүй тодорхойлолт олгох",
  "Certificate that a document is not held in the state archive",
  "Хүссэн баримт аймгийн төрийн архивт хадгалагдаагүйг тодорхойлж өгнө.",
  "Confirms that a requested document is not held in the aimag state archive.")
R("archive_privatisation", "archive", "aimag", "land_and_property", "both", "ARCH:26", "APPLICATION ID_CARD",
  "document_year reason delivery pickup_place", 3000, True, 14, 7, "reference_letter", "document",
  "Архивын лавлагаа", "Archive reference", "Өмч хувьчлалтай холбогдох баримтын лавлагаа",
  "Reference on privatisation-related documents",
  "Өмч хувьчлалын шийдвэр, тасалбар зэрэг баримтын лавлагаа, хуулбарыг олгоно.",
  "Gives references and copies of privatisation decisions and vouchers.")
R("urban_topo_register", "construction", "aimag", "land_and_property", "both", "URBAN:27",
  "APPLICATION SITE_PLAN PAYMENT_RECEIPT", "applicant_type company_register parcel_id phone", 20000, True, 14,
  5, "reference_letter", "document", "Бүртгэлийн тодорхойлолт", "Registration statement",
  "Байр зүйн зургийг хот байгуулалтын мэдээллийн санд бүртгэх",
  "Register a topographic survey in the urban-planning database",
  "Хийлгэсэн байр зүйн зургийг хот байгуулалтын мэдээллийн санд бүртгэнэ.",
  "Records a completed topographic survey in the urban-planning database.")
R("building_commission", "construction", "aimag", "land_and_property", "both", "BUILD:43",
  "APPLICATION BUILDING_DESIGN FIRE_SAFETY PROPERTY_CERT?", "company_name location floors phone", 100000,
  True, 30, 21, "site_inspection_permit", "decision", "Ашиглалтад оруулах актын шийдвэр",
  "Commissioning decision", "Барилга, байгууламжийг ашиглалтад оруулах",
  "Commissioning of a building or structure",
  "Баригдсан барилгыг комисс газар дээр нь хүлээн авч ашиглалтад оруулна.",
  "A commission inspects a finished building on site and accepts it into use.")
R("ghbxbg_reference", "land", "aimag", "land_and_property", "both", "URBAN:27", "APPLICATION ID_CARD",
  "parcel_id purpose purpose_other delivery pickup_place", 5000, True, 10, 3, "reference_letter", "document",
  "Лавлагаа", "Reference", "Газрын харилцаа барилга хот байгуулалтын газрын лавлагаа авах үйлчилгээ",
  "Reference from the Land Relations, Construction and Urban Planning Agency",
  "Газар, барилга, хот байгуулалтын мэдээллийн сангаас лавлагаа гаргаж өгнө.",
  "Gives a reference from the land, construction and urban-planning records.", ch="opk")
R("utility_drawings", "construction", "aimag", "land_and_property", "both", "URBAN:27",
  "APPLICATION SITE_PLAN PAYMENT_RECEIPT", "applicant_type company_register location phone", 20000, True, 10,
  5, "reference_letter", "document", "Шугам сүлжээний зураг", "Utility-network drawing",
  "Инженерийн шугам сүлжээний зурган мэдээллийн үйлчилгээ", "Utility-network drawing information",
  "Тухайн байршлын инженерийн шугам сүлжээний зурган мэдээллийг олгоно.",
  "Provides drawings of the utility lines at a given location.")
R("axis_act_register", "construction", "aimag", "land_and_property", "business", "BUILD:39",
  "APPLICATION SITE_PLAN BUILDING_DESIGN", "company_name parcel_id location phone", 30000, True, 14, 7,
  "site_inspection_permit", "document", "Тэг тэнхлэгийн акт", "Setting-out act",
  "Тэг тэнхлэгийн акт болон тоон мэдээллийг хот байгуулалтын мэдээллийн санд бүртгүүлэх",
  "Register a setting-out act and digital data in the urban-planning database",
  "Барилгын тэг тэнхлэгийг газар дээр шалгаж, акт болон тоон мэдээллийг мэдээллийн санд бүртгэнэ.",
  "Checks a building's setting-out on site and records the act and digital data.")
R("water_use_permit", "environment", "aimag", "nature_use", "both", "WATER:28",
  "APPLICATION SITE_PLAN EIA_CONCLUSION? STATE_REG_CERT?",
  "applicant_type company_register water_use water_use_other water_volume", 50000, True, 30, 15, "permit",
  "document", "Ус ашиглах зөвшөөрөл", "Water-use permit",
  "Ус ашиглах зөвшөөрөл, эрхийн бичиг олгож гэрээ байгуулах",
  "Water-use permit, right certificate and contract",
  "Ус ашиглах зөвшөөрөл, эрхийн бичиг олгож, ус ашиглагчтай гэрээ байгуулна.",
  "Issues a water-use permit and right certificate and signs a contract with the user.")
R("water_conclusion", "environment", "aimag", "nature_use", "both", "WATER:29",
  "APPLICATION SITE_PLAN CADASTRAL_MAP?", "water_use water_use_other water_volume location", 20000, True, 20,
  10, "site_inspection_permit", "document", "Ус ашиглуулах дүгнэлт", "Water-use conclusion",
  "Ус ашиглуулах дүгнэлт гаргуулах хүсэлт хүлээн авах", "Request for a water-use conclusion",
  "Усны нөөц, эх үүсвэрийг газар дээр нь үнэлж ус ашиглуулах эсэх дүгнэлт гаргана.",
  "Assesses the water source on site and concludes whether water may be used.")
R("rainwater_ponds", "environment", "aimag", "herding_and_farming", "both", "WATER:22",
  "APPLICATION SITE_PLAN", "location area_ha reason phone", 10000, True, 30, 14, "site_inspection_permit",
  "document", "Дүгнэлт", "Conclusion",
  "Хурын ус хуримтлуулж, хөв цөөрөм байгуулах, суваг шуудуу татах дүгнэлт гаргах",
  "Conclusion for rainwater harvesting, ponds and ditches",
  "Хурын ус хуримтлуулах, цөөрөм байгуулах, суваг татах төлөвлөгөөнд газар дээр нь дүгнэлт гаргана.",
  "Gives a site-based conclusion on plans to collect rainwater, build ponds or dig ditches.")
R("borehole_permit", "environment", "aimag", "herding_and_farming", "both", "WATER:30",
  "APPLICATION SITE_PLAN BAG_REF?", "water_use water_use_other location phone", 20000, True, 30, 14,
  "site_inspection_permit", "document", "Худаг гаргах зөвшөөрөл", "Well-drilling permit",
  "Цооног өрөмдөх, худаг гаргах зөвшөөрөл", "Permit to drill a borehole or dig a well",
  "Ундны болон малын усан хангамжийн цооног өрөмдөх, худаг гаргах зөвшөөрөл олгоно.",
  "Allows drilling a borehole or digging a well for drinking or livestock water.")
R("water_professional_org", "environment", "aimag", "running_business", "business", "WATER:25",
  "APPLICATION STATE_REG_CERT LICENCE_COPY?", "company_name is_renewal prior_permit_no phone", 50000, False,
  30, 20, "permit", "document", "Засаг даргын тодорхойлолт", "Governor's certificate",
  "Усны мэргэжлийн байгууллагын эрх олгох талаар дүгнэлт, Засаг даргын тодорхойлолт гаргах",
  "Conclusion and governor's certificate for licensing a water-professional organisation",
  "Усны чиглэлээр мэргэжлийн үйл ажиллагаа эрхлэх байгууллагад дүгнэлт, тодорхойлолт гаргана.",
  "Gives the conclusion and governor's certificate a water-professional organisation needs for its licence.")
R("common_plants", "environment", "aimag", "nature_use", "both", "FLORA:12", "APPLICATION ID_CARD",
  "applicant_type company_register quantity location", 5000, True, 14, 5, "permit", "document",
  "Ургамал ашиглах зөвшөөрөл", "Plant-use permit",
  "Элбэг ургамлыг ахуйн болон судалгаа шинжилгээний зориулалтаар ашиглах зөвшөөрөл олгох",
  "Permit to use common plants for household or research purposes",
  "Элбэг ургамлыг ахуйн болон судалгааны зориулалтаар түүж ашиглах зөвшөөрөл олгоно.",
  "Allows collecting common plants for household use or research.")
R("rare_plants", "environment", "aimag", "nature_use", "both", "FLORA:12", "APPLICATION ID_CARD SCHOOL_REF?",
  "applicant_type company_register quantity location reason", 20000, True, 30, 14, "permit", "document",
  "Ургамал ашиглах зөвшөөрөл", "Plant-use permit",
  "Ховор ургамлыг ахуйн болон судалгаа шинжилгээний зориулалтаар ашиглах зөвшөөрөл олгох",
  "Permit to use rare plants for household or research purposes",
  "Ховор ургамлыг ахуйн болон судалгааны зориулалтаар хязгаартай ашиглах зөвшөөрөл олгоно.",
  "Allows limited use of rare plants for household use or research.")
R("alcohol_sell_extend", "business", "aimag", "running_business", "business", "ALCO:6",
  "APPLICATION LICENCE_COPY STATE_REG_CERT", "company_name outlet_type outlet_address phone", 300000, True,
  30, 14, "permit", "document", "Тусгай зөвшөөрөл", "Licence", "Согтууруулах ундаа худалдах зөвшөөрөл сунгах",
  "Extension of a licence to sell alcoholic beverages",
  "Согтууруулах ундаа худалдах зөвшөөрлийн хугацааг сунгана.",
  "Extends the term of a licence to sell alcoholic beverages.")
R("alcohol_sell_new", "business", "aimag", "starting_business", "business", "ALCO:6",
  "APPLICATION STATE_REG_CERT LEASE_CONTRACT HYGIENE_CONCLUSION",
  "company_name outlet_type outlet_address phone", 500000, True, 30, 20, "permit", "document",
  "Тусгай зөвшөөрөл", "Licence", "Согтууруулах ундаа худалдах зөвшөөрөл шинээр олгох",
  "New licence to sell alcoholic beverages",
  "Согтууруулах ундаа худалдах шинэ зөвшөөрлийг Засаг даргын шийдвэрээр олгоно.",
  "Grants a new licence to sell alcoholic beverages by the governor's decision.")
R("alcohol_serve_new", "business", "aimag", "starting_business", "business", "ALCO:6",
  "APPLICATION STATE_REG_CERT LEASE_CONTRACT FIRE_SAFETY", "company_name outlet_type outlet_address phone",
  500000, True, 30, 20, "permit", "document", "Тусгай зөвшөөрөл", "Licence",
  "Согтууруулах ундаагаар үйлчлэх зөвшөөрөл шинээр олгох", "New licence to serve alcoholic beverages",
  "Зоогийн газар, баарнаас согтууруулах ундаагаар үйлчлэх шинэ зөвшөөрөл олгоно.",
  "Grants a new licence for restaurants and bars to serve alcoholic beverages.")
R("alcohol_low_new", "business", "aimag", "starting_business", "business", "ALCO:6",
  "APPLICATION STATE_REG_CERT LEASE_CONTRACT", "company_name outlet_type outlet_address phone", 200000, True,
  30, 14, "permit", "document", "Тусгай зөвшөөрөл", "Licence",
  "Спиртийн сул агууламжтай согтууруулах ундаа худалдах зөвшөөрөл шинээр авах",
  "New licence to sell low-strength alcoholic beverages",
  "Шар айраг зэрэг спиртийн сул агууламжтай ундаа худалдах шинэ зөвшөөрөл олгоно.",
  "Grants a new licence to sell beer and other low-strength alcoholic drinks.")
R("alcohol_high_extend", "business", "aimag", "running_business", "business", "ALCO:6",
  "APPLICATION LICENCE_COPY STATE_REG_CERT", "company_name outlet_type outlet_address phone", 300000, True,
  30, 14, "permit", "document", "Тусгай зөвшөөрөл", "Licence",
  "Спиртийн өндөр агууламжтай согтууруулах ундаа худалдах тусгай зөвшөөрөл сунгуулах",
  "Extension of a special licence to sell high-strength alcoholic beverages",
  "Спиртийн өндөр агууламжтай ундаа худалдах тусгай зөвшөөрлийн хугацааг сунгана.",
  "Extends a special licence to sell spirits.")
R("alcohol_high_new", "business", "aimag", "starting_business", "business", "ALCO:6",
  "APPLICATION STATE_REG_CERT LEASE_CONTRACT HYGIENE_CONCLUSION",
  "company_name outlet_type outlet_address phone", 500000, True, 45, 25, "permit", "document",
  "Тусгай зөвшөөрөл", "Licence",
  "Спиртийн өндөр агууламжтай согтууруулах ундаа худалдах тусгай зөвшөөрөл шинээр авах",
  "New special licence to sell high-strength alcoholic beverages",
  "Спиртийн өндөр агууламжтай ундаа худалдах тусгай зөвшөөрлийг шинээр олгоно.",
  "Grants a new special licence to sell spirits.")

# --- Real names: soum level (welfare network, land and fees) ----------------------------------------------------
R("food_support_cert", "welfare", "soum", "family", "citizen", "WELF:13", "ID_CARD INCOME_REF BAG_REF?",
  "household_size monthly_income housing_status housing_other phone", 0, False, 14, 5, "reference_letter",
  "document", "Өрхийн тодорхойлолт", "Household certificate",
  "Хүнс тэжээлийн дэмжлэг үзүүлэх шаардлагатай өрхийн тодорхойлолт",
  "Certificate of a household eligible for food support",
  "Хүнсний эрхийн бичгийн дэмжлэгт хамрагдах шаардлагатай өрх мөн болохыг тодорхойлно.",
  "Confirms that a household qualifies for food-stamp support.", ch="opk")
R("welfare_need_cert", "welfare", "soum", "family", "citizen", "WELF:12", "ID_CARD INCOME_REF?",
  "household_size monthly_income reason phone", 0, False, 14, 5, "reference_letter", "document",
  "Тодорхойлолт", "Certificate",
  "Нийгмийн халамжийн дэмжлэг, туслалцаа зайлшгүй шаардлагатай өрхийн гишүүн иргэний тодорхойлолт",
  "Certificate of a member of a household in urgent need of welfare support",
  "Нийгмийн халамжийн дэмжлэг зайлшгүй шаардлагатай өрхийн гишүүн болохыг тодорхойлно.",
  "Confirms that a person belongs to a household in urgent need of welfare support.", ch="opk")
R("child_money_cert", "welfare", "soum", "birth_and_children", "citizen", "WELF:13", "ID_CARD BIRTH_CERT",
  "child_register bank_account phone", 0, False, 10, 3, "reference_letter", "document", "Тодорхойлолт",
  "Certificate", "Хүүхдийн мөнгөн тэтгэмж олгох тодорхойлолт", "Certificate for the child money allowance",
  "Хүүхдийн мөнгөн тэтгэмж авахад шаардлагатай тодорхойлолтыг олгоно.",
  "Issues the certificate needed to receive the child money allowance.", ch="opk")
R("child_money_status", "welfare", "soum", "birth_and_children", "citizen", "WELF:13", "ID_CARD",
  "child_register purpose purpose_other", 0, False, 5, 1, "reference_letter", "document", "Тодорхойлолт",
  "Certificate", "Хүүхдийн мөнгө олгож байгаа эсэх тодорхойлолт",
  "Certificate of whether the child money allowance is paid",
  "Хүүхдийн мөнгө олгогдож байгаа эсэхийг тодорхойлж өгнө.",
  "States whether the child money allowance is being paid.", ch="opk")
R("elder_honour_gift", "welfare", "soum", "old_age", "citizen", "ELDER:11", "ID_CARD PENSION_BOOK?",
  "on_behalf beneficiary_register bank_account phone", 0, False, 30, 10, "welfare_committee", "decision",
  "Насны хишиг олгох шийдвэр", "Decision on the age gift", "Ахмад настанд үзүүлэх хүндэтгэл, насны хишиг",
  "Honour and age gift for older persons",
  "Тодорхой насанд хүрсэн ахмад настанд хүндэтгэл, насны хишгийг олгоно.",
  "Pays the honour and age gift to older persons who reach qualifying ages.", ch="opk")
R("childcare_0_3", "family", "soum", "birth_and_children", "citizen", "WELF:16", "ID_CARD BIRTH_CERT",
  "child_register household_size bank_account phone", 0, False, 30, 10, "welfare_committee", "decision",
  "Тэтгэмж олгох шийдвэр", "Allowance decision", "0-3 хүртэлх насны хүүхэд асарсны тэтгэмж",
  "Allowance for caring for a child aged 0 to 3",
  "Гурван нас хүртэлх хүүхдээ гэртээ асарч буй эх, эцэгт тэтгэмж олгоно.",
  "Pays an allowance to a parent who cares for a child under three at home.", ch="opk")
R("pregnancy_allowance", "family", "soum", "birth_and_children", "citizen", "WELF:16", "ID_CARD MEDICAL_CERT",
  "due_date bank_account phone", 0, False, 30, 10, "welfare_committee", "decision", "Тэтгэмж олгох шийдвэр",
  "Allowance decision", "Жирэмсэн эхийн тэтгэмж", "Allowance for pregnant women",
  "Жирэмсний 5 дахь сараас эхлэн эхэд сар бүр тэтгэмж олгоно.",
  "Pays a monthly allowance to expectant mothers from the fifth month of pregnancy.", ch="opk")
R("twins_allowance", "family", "soum", "birth_and_children", "citizen", "WELF:16", "ID_CARD BIRTH_CERT",
  "children_count child_register bank_account", 0, False, 30, 10, "welfare_committee", "decision",
  "Тэтгэмж олгох шийдвэр", "Allowance decision", "Ихэр хүүхдийн тэтгэмж", "Allowance for twins",
  "Ихэр хүүхэд төрүүлсэн эхэд нэг удаагийн тэтгэмж олгоно.",
  "Pays a one-off allowance to mothers who give birth to twins.", ch="opk")
R("single_parent_allowance", "family", "soum", "family", "citizen", "WELF:16", "ID_CARD BIRTH_CERT BAG_REF",
  "children_count monthly_income bank_account phone", 0, False, 30, 14, "welfare_committee", "decision",
  "Тэтгэмж олгох шийдвэр", "Allowance decision", "Өрх толгойлсон эх, эцэгт олгох тэтгэмж",
  "Allowance for single mothers and fathers",
  "Олон хүүхэдтэй өрх толгойлсон эх, эцэгт халамжийн тэтгэмж олгоно.",
  "Pays a welfare allowance to single parents raising several children.", ch="opk")
R("citizen_statement", "civil", "soum", "moving", "citizen", "ADMIN:26", "ID_CARD",
  "purpose purpose_other delivery pickup_place", 0, False, 5, 1, "reference_letter", "document",
  "Тодорхойлолт", "Certificate", "Иргэнд олгох тодорхойлолт", "General certificate for a citizen",
  "Сумын Засаг даргын тамгын газраас иргэний хүссэн ерөнхий тодорхойлолтыг олгоно.",
  "The soum governor's office issues a general certificate the citizen asks for.", ch="opk")
R("landown_list_remove", "land", "soum", "land_and_property", "citizen", "LANDOWN:20", "APPLICATION ID_CARD",
  "reason bag phone", 0, False, 14, 5, "reference_letter", "decision", "Жагсаалтаас хассан шийдвэр",
  "Decision on removal from the list",
  "Хөдөө орон нутагт газар өмчилж авах зорилгоор тодорхойлолт авсан иргэдийн жагсаалтаас хасалт хийх",
  "Removal from the list of citizens certified to acquire land in the countryside",
  "Хөдөө орон нутагт газар өмчлөх тодорхойлолт авсан иргэдийн жагсаалтаас иргэнийг хасна.",
  "Removes a citizen from the list of those certified to own land in the countryside.")
R("land_fee_payment", "land", "soum", "land_and_property", "both", "LANDFEE:8", "ID_CARD",
  "parcel_id year phone", 0, False, 5, 1, "reference_letter", "document", "Төлбөрийн баримт",
  "Payment receipt", "Газрын төлбөр төлөх", "Pay the land fee",
  "Эзэмшиж буй газрын жилийн төлбөрийг цахимаар төлж баримт авна.",
  "Pay the annual fee for land you possess and get a receipt.", ch="opk")
R("waste_fee_payment", "utilities", "soum", "housing", "both", "WASTE:35", "ID_CARD",
  "applicant_type company_register year", 0, False, 5, 1, "reference_letter", "document", "Төлбөрийн баримт",
  "Payment receipt", "Хог хаягдлын үйлчилгээний хураамж төлөх", "Pay the waste collection charge",
  "Хог тээвэрлэлтийн үйлчилгээний хураамжийг цахимаар төлнө.", "Pay the waste collection charge online.",
  ch="opk")
R("alcohol_tobacco_soum", "business", "soum", "starting_business", "business", "ALCO:6",
  "APPLICATION STATE_REG_CERT LEASE_CONTRACT HYGIENE_CONCLUSION?",
  "company_name outlet_type outlet_address phone", 300000, True, 30, 20, "permit", "document",
  "Тусгай зөвшөөрөл", "Licence", "Согтууруулах ундаа болон тамхины тусгай зөвшөөрөл олгох",
  "Special licences for alcoholic beverages and tobacco",
  "Сум, дүүргийн нутагт согтууруулах ундаа, тамхи худалдах тусгай зөвшөөрлийг олгоно.",
  "Grants special licences to sell alcoholic beverages and tobacco within the soum or district.")

# --- Invented: land (soum governor's office unless stated) --------------------------------------------------------
S("land_possess_new", "land", "soum", "land_and_property", "both", "LAND:33",
  "APPLICATION ID_CARD SITE_PLAN STATE_REG_CERT?", "land_purpose land_purpose_other area_m2 location phone",
  10000, True, 30, 20, "site_inspection_permit", "decision", "Газар эзэмшүүлэх шийдвэр",
  "Land possession decision", "Газар эзэмших эрх шинээр олгох", "Grant of new land possession rights",
  "Иргэн, хуулийн этгээдэд газрыг газар дээр нь шалгаж, Засаг даргын захирамжаар эзэмшүүлнэ.",
  "The governor grants possession of a land plot after the site has been checked.", ch="opk")
S("land_possess_extend", "land", "soum", "land_and_property", "both", "LAND:35",
  "APPLICATION LAND_CERT LAND_CONTRACT", "land_cert_no parcel_id reason phone", 5000, True, 30, 14, "permit",
  "decision", "Хугацаа сунгах шийдвэр", "Extension decision", "Газар эзэмших эрхийн хугацаа сунгах",
  "Extension of land possession rights",
  "Газар эзэмших эрхийн хугацаа дуусахаас өмнө хүсэлт гаргасан иргэний эрхийг сунгана.",
  "Extends land possession rights when the holder applies before they expire.", ch="opk")
S("land_possess_transfer", "land", "soum", "land_and_property", "both", "LAND:38",
  "APPLICATION LAND_CERT ID_CARD LAND_CONTRACT", "land_cert_no parcel_id reason phone", 10000, True, 30, 14,
  "permit", "decision", "Эрх шилжүүлэх шийдвэр", "Transfer decision", "Газар эзэмших эрхийг бусдад шилжүүлэх",
  "Transfer of land possession rights to another person",
  "Газар эзэмших эрхийг бусдад шилжүүлэх, өвлүүлэхийг Засаг даргын шийдвэрээр баталгаажуулна.",
  "Approves the transfer or inheritance of land possession rights by the governor's decision.", ch="opk")
S("land_cert_replace", "land", "soum", "land_and_property", "both", "LAND:34",
  "APPLICATION ID_CARD PAYMENT_RECEIPT", "land_cert_no lost_reason police_ref phone", 5000, False, 14, 5,
  "reference_letter", "document", "Газар эзэмших эрхийн гэрчилгээ", "Land possession certificate",
  "Газар эзэмших эрхийн гэрчилгээ нөхөн олгох", "Replacement of a land possession certificate",
  "Үрэгдүүлсэн, гэмтээсэн газар эзэмших эрхийн гэрчилгээг нөхөн олгоно.",
  "Replaces a lost or damaged land possession certificate.", ch="opk")
S("land_possess_end", "land", "soum", "land_and_property", "both", "LAND:40", "APPLICATION LAND_CERT",
  "land_cert_no reason", 0, False, 30, 10, "permit", "decision", "Эрх дуусгавар болгох шийдвэр",
  "Decision ending the rights", "Газар эзэмших эрхээс сайн дураар татгалзах",
  "Voluntary surrender of land possession rights",
  "Газар эзэмшигч өөрийн хүсэлтээр эрхээсээ татгалзахад эрхийг дуусгавар болгоно.",
  "Ends land possession rights when the holder gives them up voluntarily.")
S("land_use_temporary", "land", "soum", "running_business", "both", "LAND:37",
  "APPLICATION SITE_PLAN STATE_REG_CERT?",
  "applicant_type company_register area_m2 location start_date end_date", 10000, True, 30, 14,
  "site_inspection_permit", "decision", "Газар ашиглуулах шийдвэр", "Land use decision",
  "Газрыг түр ашиглах эрх олгох", "Temporary land use rights",
  "Барилгын материал хадгалах, түр худалдаа зэрэгт газрыг тодорхой хугацаагаар ашиглуулна.",
  "Allows a plot to be used for a fixed time, for example for storage or temporary trade.")
S("land_own_family", "land", "soum", "land_and_property", "citizen", "LANDOWN:20",
  "APPLICATION ID_CARD CADASTRAL_MAP MARRIAGE_CERT?", "area_m2 location bag phone", 0, False, 60, 30,
  "site_inspection_permit", "decision", "Газар өмчлүүлэх шийдвэр", "Land ownership decision",
  "Гэр бүлийн хэрэгцээний газар өмчлүүлэх", "Ownership of land for family needs",
  "Монгол Улсын иргэнд гэр бүлийн хэрэгцээний газрыг нэг удаа үнэгүй өмчлүүлнэ.",
  "Gives a Mongolian citizen one free plot of land for family needs.", ch="opk")
S("land_own_cert_replace", "land", "soum", "land_and_property", "citizen", "LANDOWN:28",
  "APPLICATION ID_CARD PAYMENT_RECEIPT", "parcel_id lost_reason police_ref", 5000, False, 14, 5,
  "reference_letter", "document", "Газар өмчлөх эрхийн гэрчилгээ", "Land ownership certificate",
  "Газар өмчлөх эрхийн гэрчилгээ нөхөн олгох", "Replacement of a land ownership certificate",
  "Үрэгдүүлсэн газар өмчлөх эрхийн гэрчилгээг нөхөн олгоно.", "Replaces a lost land ownership certificate.")
S("cadastral_reference", "land", "soum", "land_and_property", "both", "LAND:27", "ID_CARD",
  "parcel_id purpose purpose_other", 3000, True, 5, 2, "reference_letter", "document", "Кадастрын лавлагаа",
  "Cadastral reference", "Газрын кадастрын мэдээллийн лавлагаа", "Cadastral information reference",
  "Нэгж талбарын эзэмшигч, хэмжээ, зориулалтын талаарх кадастрын лавлагааг олгоно.",
  "Gives a reference on a parcel's holder, size and use from the cadastre.", ch="opk")
S("land_boundary", "land", "soum", "land_and_property", "both", "LAND:60",
  "APPLICATION LAND_CERT CADASTRAL_MAP", "parcel_id location reason phone", 0, False, 30, 20,
  "site_inspection_permit", "decision", "Хил заагийн шийдвэр", "Boundary decision",
  "Газрын хил хязгаарын маргаан шийдвэрлүүлэх", "Resolving a land boundary dispute",
  "Хөрш газар эзэмшигчдийн хил заагийн маргааныг газар дээр нь хэмжилт хийж шийдвэрлэнэ.",
  "Settles a boundary dispute between neighbours after measuring on site.")
S("winter_camp_possess", "land", "soum", "herding_and_farming", "citizen", "LAND:52",
  "APPLICATION ID_CARD BAG_REF LIVESTOCK_REF", "location livestock_total livestock_types phone", 0, False, 30,
  20, "site_inspection_permit", "decision", "Газар эзэмшүүлэх шийдвэр", "Land possession decision",
  "Өвөлжөө, хаваржааны газар эзэмшүүлэх", "Possession of a winter or spring camp site",
  "Малчин өрхөд өвөлжөө, хаваржааны газрыг багийн иргэдийн саналыг үндэслэн эзэмшүүлнэ.",
  "Gives herding households possession of a winter or spring camp site, based on the bag meeting's view.",
  ch="opk")
S("land_purpose_change", "land", "soum", "land_and_property", "both", "LAND:33",
  "APPLICATION LAND_CERT SITE_PLAN", "land_cert_no land_purpose land_purpose_other reason", 10000, True, 30,
  20, "permit", "decision", "Зориулалт өөрчлөх шийдвэр", "Change of use decision", "Газрын зориулалт өөрчлөх",
  "Change of the permitted use of a plot",
  "Эзэмшиж буй газрын зориулалтыг газар зохион байгуулалтын төлөвлөгөөнд нийцүүлэн өөрчилнө.",
  "Changes the permitted use of a plot where the land-use plan allows it.")
S("land_fee_relief", "land", "soum", "land_and_property", "both", "LANDFEE:8",
  "APPLICATION LAND_CERT INCOME_REF?", "parcel_id year reason", 0, False, 30, 14, "permit", "decision",
  "Хөнгөлөлтийн шийдвэр", "Relief decision", "Газрын төлбөрөөс хөнгөлөх, чөлөөлөх",
  "Reduction of or exemption from the land fee",
  "Хуульд заасан үндэслэлээр газрын төлбөрийг хөнгөлөх, чөлөөлөх шийдвэр гаргана.",
  "Reduces or waives the land fee on the grounds set in the law.")
S("land_auction", "land", "aimag", "starting_business", "business", "LAND:33",
  "APPLICATION STATE_REG_CERT PAYMENT_RECEIPT",
  "company_name parcel_id land_purpose land_purpose_other phone", 50000, True, 30, 20, "permit", "decision",
  "Дуудлага худалдааны үр дүн", "Auction result", "Газар эзэмших эрхийн дуудлага худалдаанд оролцох",
  "Take part in a land possession rights auction",
  "Аймгийн газрын албаас зарласан дуудлага худалдаа, төсөл сонгон шалгаруулалтад бүртгүүлнэ.",
  "Registers a bid in an auction or tender for land possession rights run by the aimag land office.")

# --- Invented: construction ---------------------------------------------------------------------------------
S("building_permit", "construction", "aimag", "land_and_property", "both", "BUILD:34",
  "APPLICATION BUILDING_DESIGN LAND_CERT TECH_CONDITIONS", "construction_kind floors parcel_id phone", 150000,
  True, 30, 20, "site_inspection_permit", "document", "Барилгын ажил эхлүүлэх зөвшөөрөл",
  "Construction permit", "Барилгын ажил эхлүүлэх зөвшөөрөл", "Permit to start construction works",
  "Зураг төсөл, газар эзэмших эрхийг шалгаж барилгын ажил эхлүүлэх зөвшөөрөл олгоно.",
  "Checks the design and land rights and grants permission to start building.")
S("planning_brief", "construction", "aimag", "land_and_property", "both", "BUILD:28",
  "APPLICATION LAND_CERT SITE_PLAN", "construction_kind floors parcel_id", 50000, True, 20, 10, "permit",
  "document", "Архитектур төлөвлөлтийн даалгавар", "Architectural planning brief",
  "Архитектур төлөвлөлтийн даалгавар олгох", "Issue of an architectural planning brief",
  "Барилгын зураг төсөл боловсруулахад шаардлагатай архитектур төлөвлөлтийн даалгаврыг олгоно.",
  "Issues the planning brief needed before a building can be designed.")
S("private_house_notice", "construction", "soum", "housing", "citizen", "BUILD:32",
  "APPLICATION LAND_CERT SITE_PLAN", "parcel_id floors phone", 0, False, 14, 5, "reference_letter",
  "document", "Бүртгэлийн тодорхойлолт", "Registration statement",
  "Амины орон сууц барих мэдэгдэл бүртгүүлэх", "Registering notice to build a private house",
  "Өөрийн газар дээр амины орон сууц барих тухай мэдэгдлийг бүртгэж тодорхойлолт олгоно.",
  "Records your notice that you will build a private house on your own plot.", ch="opk")
S("demolition_permit", "construction", "aimag", "land_and_property", "both", "BUILD:46",
  "APPLICATION PROPERTY_CERT SITE_PLAN", "applicant_type company_register location start_date", 50000, True,
  30, 14, "site_inspection_permit", "document", "Барилга буулгах зөвшөөрөл", "Demolition permit",
  "Барилга, байгууламж буулгах зөвшөөрөл", "Permit to demolish a building",
  "Ашиглалтын шаардлага хангахгүй барилгыг аюулгүй буулгах зөвшөөрлийг газар дээр нь шалгаж олгоно.",
  "Grants permission, after a site check, to safely demolish a building no longer fit for use.")
S("temporary_structure", "construction", "soum", "running_business", "business", "URBAN:30",
  "APPLICATION STATE_REG_CERT SITE_PLAN", "company_name area_m2 location start_date end_date", 30000, True,
  30, 10, "site_inspection_permit", "decision", "Байршуулах зөвшөөрөл", "Placement permit",
  "Түр барилга, павильон, чингэлэг байршуулах зөвшөөрөл", "Permit for a temporary pavilion or container",
  "Худалдаа, үйлчилгээний зориулалттай түр барилга, чингэлэг байршуулах зөвшөөрөл олгоно.",
  "Allows a temporary pavilion or container for trade or services to be placed.")
S("fence_permit", "construction", "soum", "housing", "citizen", "URBAN:30", "APPLICATION LAND_CERT",
  "parcel_id construction_kind reason", 0, False, 14, 7, "site_inspection_permit", "decision",
  "Хашаа барих зөвшөөрөл", "Fence permit", "Хашаа барих, шилжүүлэх зөвшөөрөл",
  "Permit to build or move a fence",
  "Гудамж, нийтийн эзэмшлийн талбайд хүрэх хашааг барих, шилжүүлэхэд шугамыг газар дээр нь тогтооно.",
  "Marks the line on site before a fence next to a street or public area is built or moved.", ch="opk")
S("design_review", "construction", "aimag", "land_and_property", "business", "BUILD:31",
  "APPLICATION BUILDING_DESIGN STATE_REG_CERT", "company_name construction_kind floors", 200000, True, 30, 20,
  "permit", "document", "Зураг төслийн магадлалын дүгнэлт", "Design review conclusion",
  "Барилгын зураг төслийн магадлал хийлгэх", "Expert review of building designs",
  "Барилгын зураг төсөл норм, дүрэм хангаж байгаа эсэхэд магадлал хийж дүгнэлт гаргана.",
  "Reviews building designs against codes and standards and gives a conclusion.")
S("dwelling_use_change", "construction", "aimag", "housing", "both", "HOUSING:20",
  "APPLICATION PROPERTY_CERT BUILDING_DESIGN",
  "applicant_type company_register activity activity_other phone", 50000, True, 30, 20,
  "site_inspection_permit", "decision", "Зориулалт өөрчлөх шийдвэр", "Change of use decision",
  "Орон сууцыг үйлчилгээний зориулалттай болгох зөвшөөрөл", "Permit to convert a flat to commercial use",
  "Орон сууцны нэгж талбарыг худалдаа, үйлчилгээний зориулалттай болгоход газар дээр нь шалгаж шийдвэр гаргана.",
  "Decides, after a site check, whether a flat may be converted for shops or services.")

# --- Invented: environment -----------------------------------------------------------------------------------
S("tree_cutting", "environment", "soum", "nature_use", "both", "FOREST:34", "APPLICATION SITE_PLAN",
  "quantity location reason", 10000, True, 20, 10, "site_inspection_permit", "document",
  "Мод огтлох зөвшөөрөл", "Tree-felling permit", "Суурин газарт мод огтлох, тайрах зөвшөөрөл",
  "Permit to fell or prune trees in a settlement",
  "Суурин газрын ногоон байгууламжийн модыг огтлох, тайрах зөвшөөрлийг газар дээр нь үзэж олгоно.",
  "Allows trees in a settlement's green areas to be felled or pruned, after a site check.")
S("firewood_licence", "environment", "soum", "nature_use", "citizen", "FOREST:31", "ID_CARD BAG_REF?",
  "forest_product quantity location", 5000, True, 10, 3, "permit", "document", "Эрхийн бичиг",
  "Collection permit", "Ахуйн хэрэгцээний түлээ, мод бэлтгэх эрхийн бичиг",
  "Permit to collect firewood for household needs",
  "Ойн цэвэрлэгээний талбайгаас ахуйн хэрэгцээний түлээ бэлтгэх эрхийн бичиг олгоно.",
  "Allows a household to collect firewood from designated forest-cleaning areas.", ch="opk")
S("forest_nontimber", "environment", "soum", "nature_use", "both", "FOREST:35", "ID_CARD PAYMENT_RECEIPT",
  "forest_product quantity start_date end_date", 5000, True, 10, 3, "permit", "document", "Эрхийн бичиг",
  "Collection permit", "Самар, жимс түүх зөвшөөрөл", "Permit to gather pine nuts and berries",
  "Ойн дагалт баялаг болох самар, жимсийг тогтоосон хугацаанд түүх зөвшөөрөл олгоно.",
  "Allows pine nuts and berries to be gathered during the open season.", ch="opk")
S("hunting_household", "environment", "soum", "nature_use", "citizen", "FAUNA:18", "ID_CARD PAYMENT_RECEIPT",
  "animal_species animal_species_other quantity start_date", 10000, True, 14, 5, "permit", "document",
  "Агнуурын зөвшөөрөл", "Hunting permit", "Ахуйн зориулалтаар ан агнах зөвшөөрөл",
  "Permit to hunt for household needs",
  "Агнах хугацаа, тоо хэмжээг заасан ахуйн зориулалтын ан агнуурын зөвшөөрөл олгоно.",
  "Grants a household hunting permit stating the species, season and number allowed.")
S("fishing_permit", "environment", "soum", "nature_use", "citizen", "FAUNA:18", "ID_CARD",
  "location start_date end_date", 5000, True, 10, 2, "permit", "document", "Загас барих зөвшөөрөл",
  "Fishing permit", "Загас барих зөвшөөрөл", "Recreational fishing permit",
  "Гол, нуурт дэгээгээр загас барих ахуйн зориулалтын зөвшөөрөл олгоно.",
  "Allows angling for household needs on rivers and lakes.", ch="opk")
S("bulk_waste", "environment", "soum", "housing", "both", "WASTE:11", "APPLICATION PAYMENT_RECEIPT?",
  "applicant_type company_register quantity location", 20000, True, 10, 3, "permit", "document",
  "Хог хаях зөвшөөрөл", "Disposal permit", "Барилгын болон их хэмжээний хог хаягдал хаях зөвшөөрөл",
  "Permit to dispose of construction or bulky waste",
  "Барилгын болон их хэмжээний хог хаягдлыг зориулалтын цэгт хаях зөвшөөрөл олгоно.",
  "Allows construction or bulky waste to be taken to the designated landfill.")
S("eia_general", "environment", "aimag", "starting_business", "business", "EIA:7",
  "APPLICATION STATE_REG_CERT SITE_PLAN", "company_name activity activity_other location", 100000, False, 30,
  14, "permit", "document", "Ерөнхий үнэлгээний дүгнэлт", "General assessment conclusion",
  "Байгаль орчинд нөлөөлөх байдлын ерөнхий үнэлгээ хийлгэх",
  "General environmental impact assessment of a project",
  "Төсөл байгаль орчинд нөлөөлөх эсэхэд ерөнхий үнэлгээ хийж дүгнэлт гаргана.",
  "Carries out a general environmental impact assessment of a project and gives a conclusion.")
S("spring_use", "environment", "soum", "nature_use", "both", "WATER:31", "APPLICATION SITE_PLAN",
  "applicant_type company_register location reason", 10000, True, 30, 14, "site_inspection_permit",
  "document", "Ашиглах зөвшөөрөл", "Use permit", "Рашаан, булаг шанд хашаажуулах, ашиглах зөвшөөрөл",
  "Permit to fence and use a mineral spring",
  "Рашаан, булаг шандыг хамгаалах, хашаажуулах, ашиглах зөвшөөрлийг газар дээр нь үзэж олгоно.",
  "Allows a mineral spring to be fenced, protected and used, after a site check.")
S("protected_area_entry", "environment", "soum", "nature_use", "both", "PROTECT:29", "ID_CARD",
  "participants start_date end_date route", 3000, True, 5, 1, "permit", "document", "Нэвтрэх зөвшөөрөл",
  "Entry permit", "Орон нутгийн тусгай хамгаалалттай газарт нэвтрэх зөвшөөрөл",
  "Entry permit for a locally protected area",
  "Орон нутгийн хамгаалалтад авсан газарт аялах, нэвтрэх зөвшөөрөл олгоно.",
  "Allows visits to areas protected by the aimag or soum.")

# --- Invented: transport --------------------------------------------------------------------------------------
S("taxi_permit", "transport", "aimag", "running_business", "both", "AUTO:16",
  "APPLICATION VEHICLE_CERT DRIVER_LICENCE STATE_REG_CERT?",
  "vehicle_plate applicant_type company_register phone", 50000, True, 30, 10, "permit", "document",
  "Таксины зөвшөөрөл", "Taxi licence", "Таксины үйлчилгээ эрхлэх зөвшөөрөл", "Taxi service licence",
  "Аймгийн төвд таксины үйлчилгээ эрхлэх иргэн, аж ахуйн нэгжид зөвшөөрөл олгоно.",
  "Licenses citizens and companies to run a taxi service in the aimag centre.")
S("bus_route", "transport", "aimag", "running_business", "business", "AUTO:17",
  "APPLICATION STATE_REG_CERT VEHICLE_CERT", "company_name route vehicle_plate start_date", 100000, True, 45,
  30, "permit", "decision", "Чиглэлд үйлчлэх эрх", "Route operating right",
  "Орон нутгийн нийтийн тээврийн чиглэлд үйлчлэх эрх олгох", "Right to operate a local bus route",
  "Аймаг, сум хоорондын нийтийн тээврийн чиглэлд үйлчлэх эрхийг сонгон шалгаруулалтаар олгоно.",
  "Awards the right to run a local public bus route through a competition.")
S("heavy_vehicle_entry", "transport", "soum", "running_business", "business", "AUTO:20",
  "APPLICATION VEHICLE_CERT", "vehicle_plate route start_date end_date", 20000, True, 10, 2, "permit",
  "document", "Нэвтрэх зөвшөөрөл", "Entry permit",
  "Хүнд даацын тээврийн хэрэгсэл суурин газарт нэвтрэх зөвшөөрөл",
  "Permit for heavy vehicles to enter a settlement",
  "Хүнд даацын машин сумын төвийн гудамжаар нэвтрэх хугацаа, чиглэлийг зөвшөөрнө.",
  "Sets the time and route for a heavy vehicle to pass through the soum centre.")
S("disabled_parking", "transport", "soum", "disability", "citizen", "DISAB:27",
  "DISABILITY_CONCLUSION VEHICLE_CERT", "vehicle_plate on_behalf beneficiary_register", 0, False, 14, 5,
  "reference_letter", "document", "Зогсоолын тэмдэг", "Parking badge",
  "Хөгжлийн бэрхшээлтэй иргэний зогсоолын тэмдэг олгох", "Parking badge for persons with disabilities",
  "Хөгжлийн бэрхшээлтэй иргэн тээврийн хэрэгслээ тусгай зогсоолд тавих тэмдгийг олгоно.",
  "Issues a badge that lets a person with a disability use reserved parking spaces.", ch="opk")
# --- Invented: welfare ----------------------------------------------------------------------------------------
S("elder_sanatorium", "welfare", "soum", "old_age", "citizen", "ELDER:11",
  "ID_CARD PENSION_BOOK MEDICAL_CERT", "on_behalf beneficiary_register phone", 0, False, 30, 14,
  "welfare_committee", "decision", "Амралт сувиллын эрхийн бичиг", "Sanatorium voucher",
  "Ахмад настны амралт, сувиллын хөнгөлөлт", "Sanatorium and rest-home discount for older persons",
  "Ахмад настанд амралт, сувилалд амрах зардлын хөнгөлөлтийг жилд нэг удаа олгоно.",
  "Gives older persons a yearly discount on a stay at a sanatorium or rest home.", ch="opk")
S("elder_dental_hearing", "welfare", "soum", "old_age", "citizen", "ELDER:11",
  "ID_CARD MEDICAL_CERT PAYMENT_RECEIPT", "aid_item aid_item_other bank_account", 0, False, 30, 14,
  "welfare_committee", "decision", "Хөнгөлөлт олгох шийдвэр", "Discount decision",
  "Ахмад настны шүдний протез, сонсголын аппаратын хөнгөлөлт",
  "Discount on dentures and hearing aids for older persons",
  "Ахмад настны шүдний протез, сонсголын аппаратын үнийн хөнгөлөлтийг буцаан олгоно.",
  "Refunds part of the cost of dentures or hearing aids for older persons.", ch="opk")
S("carer_allowance", "welfare", "soum", "old_age", "citizen", "WELF:16",
  "ID_CARD MEDICAL_CERT DISABILITY_CONCLUSION?", "on_behalf beneficiary_register bank_account reason", 0,
  False, 30, 14, "welfare_committee", "decision", "Тэтгэмж олгох шийдвэр", "Allowance decision",
  "Байнгын асаргаа шаардлагатай иргэнийг асарч буй хүний тэтгэмж",
  "Allowance for carers of people needing permanent care",
  "Байнгын асаргаа шаардлагатай ахмад настан, хөгжлийн бэрхшээлтэй иргэнийг асарч буй хүнд тэтгэмж олгоно.",
  "Pays an allowance to someone caring for an older or disabled person who needs constant care.", ch="opk")
S("disability_aids", "welfare", "soum", "disability", "citizen", "DISAB:27", "ID_CARD DISABILITY_CONCLUSION",
  "aid_item aid_item_other on_behalf beneficiary_register", 0, False, 30, 14, "welfare_committee", "decision",
  "Хэрэгсэл олгох шийдвэр", "Decision on the aid", "Хөгжлийн бэрхшээлтэй иргэнд туслах хэрэгсэл олгох",
  "Mobility and hearing aids for persons with disabilities",
  "Тэргэнцэр, сонсголын аппарат, протез зэрэг туслах хэрэгслийг үнэгүй эсвэл хөнгөлөлттэй олгоно.",
  "Provides wheelchairs, hearing aids, prostheses and other aids free or at a discount.", ch="opk")
S("disability_home_adapt", "welfare", "soum", "disability", "citizen", "DISAB:28",
  "ID_CARD DISABILITY_CONCLUSION PROPERTY_CERT?", "housing_status housing_other reason", 0, False, 45, 20,
  "welfare_committee", "decision", "Дэмжлэг олгох шийдвэр", "Support decision",
  "Хөгжлийн бэрхшээлтэй иргэний орон байрыг тохижуулах дэмжлэг",
  "Support to adapt the home of a person with a disability",
  "Налуу зам, бариул зэргээр орон байрыг хөгжлийн бэрхшээлтэй иргэнд тохируулах зардлыг дэмжинэ.",
  "Pays towards ramps, handrails and other changes that make a home accessible.")
S("disability_travel", "welfare", "soum", "disability", "citizen", "DISAB:29",
  "ID_CARD DISABILITY_CONCLUSION", "disability_level bank_account phone", 0, False, 30, 10,
  "welfare_committee", "decision", "Хөнгөлөлт олгох шийдвэр", "Discount decision",
  "Хөгжлийн бэрхшээлтэй иргэний унааны зардлын хөнгөлөлт",
  "Travel cost discount for persons with disabilities",
  "Хөгжлийн бэрхшээлтэй иргэн эмчилгээ, сургалтад явах унааны зардлыг жилд нэг удаа хөнгөлнө.",
  "Covers part of a yearly trip for treatment or training for a person with a disability.", ch="opk")
S("welfare_pension", "welfare", "soum", "disability", "citizen", "WELF:12",
  "ID_CARD DISABILITY_CONCLUSION? INCOME_REF", "disability_level household_size bank_account", 0, False, 30,
  20, "welfare_committee", "decision", "Тэтгэвэр тогтоох шийдвэр", "Pension decision",
  "Халамжийн тэтгэвэр тогтоолгох", "Application for a welfare pension",
  "Нийгмийн даатгалын тэтгэвэр авах эрхгүй хөгжлийн бэрхшээлтэй, өндөр настай иргэнд халамжийн тэтгэвэр тогтооно.",
  "Sets a welfare pension for older or disabled people who have no social-insurance pension.", ch="opk")
S("emergency_aid", "welfare", "soum", "housing", "citizen", "WELF:18", "ID_CARD BAG_REF",
  "housing_status housing_other household_size reason", 0, False, 14, 5, "welfare_committee", "decision",
  "Тусламж олгох шийдвэр", "Aid decision", "Гал түймэр, гамшигт өртсөн өрхөд нэг удаагийн тусламж",
  "One-off aid for households hit by fire or disaster",
  "Гал түймэр, үер, гамшигт өртсөн өрхөд нэг удаагийн мөнгөн болон биет тусламж үзүүлнэ.",
  "Gives one-off cash or in-kind help to households hit by fire, flood or other disasters.", ch="opk")
S("funeral_allowance", "welfare", "soum", "death", "citizen", "WELF:16", "ID_CARD DEATH_CERT",
  "deceased_register bank_account phone", 0, False, 10, 3, "welfare_committee", "decision",
  "Тэтгэмж олгох шийдвэр", "Allowance decision", "Оршуулгын тэтгэмж", "Funeral allowance",
  "Халамжийн тэтгэвэр авагч, ахмад настан нас барахад ар гэрт нь оршуулгын тэтгэмж олгоно.",
  "Pays a funeral allowance to the family when an older person or welfare pensioner dies.", ch="opk")
S("fuel_support", "welfare", "soum", "old_age", "citizen", "WELF:18", "ID_CARD BAG_REF",
  "household_size housing_status housing_other", 0, False, 30, 10, "welfare_committee", "decision",
  "Тусламж олгох шийдвэр", "Aid decision", "Түлээ, нүүрсний тусламж", "Firewood and coal support",
  "Өвлийн улиралд ганц бие ахмад настан, эмзэг бүлгийн өрхөд түлш, нүүрсний тусламж олгоно.",
  "Provides winter fuel to older people living alone and other vulnerable households.", ch="opk")
S("homeless_shelter", "welfare", "soum", "housing", "citizen", "WELF:19", "ID_CARD? BAG_REF?", "reason phone",
  0, False, 5, 1, "welfare_committee", "decision", "Түр байрлуулах шийдвэр", "Temporary shelter decision",
  "Орон гэргүй иргэнийг түр байраар хангах", "Temporary shelter for homeless people",
  "Орон гэргүй болсон иргэнийг түр хамгаалах байранд байрлуулж, цаашдын дэмжлэгт холбоно.",
  "Places a homeless person in a temporary shelter and connects them to further help.", ch="opk")
S("disability_cert", "welfare", "soum", "disability", "citizen", "DISAB:27", "ID_CARD DISABILITY_CONCLUSION",
  "purpose purpose_other delivery pickup_place", 0, False, 5, 1, "reference_letter", "document",
  "Тодорхойлолт", "Certificate", "Хөгжлийн бэрхшээлтэй иргэний тодорхойлолт",
  "Certificate of disability status", "Хөгжлийн бэрхшээлтэй иргэн болохыг нотлох тодорхойлолтыг олгоно.",
  "Issues a certificate confirming a person's disability status.", ch="opk")

# --- Invented: family -----------------------------------------------------------------------------------------
S("young_family_support", "family", "soum", "family", "citizen", "WELF:18", "ID_CARD MARRIAGE_CERT",
  "household_size housing_status housing_other monthly_income", 0, False, 45, 20, "welfare_committee",
  "decision", "Дэмжлэг олгох шийдвэр", "Support decision", "Залуу гэр бүлд гэр, хашааны дэмжлэг",
  "Ger and yard support for young families",
  "Гэр бүл шинээр бологсдод гэр, хашаа барих материалын дэмжлэгийг орон нутгийн сангаас олгоно.",
  "Helps newly married couples with a ger or materials for a yard, from local funds.")
S("large_family_cert", "family", "soum", "family", "citizen", "WELF:13", "ID_CARD BIRTH_CERT",
  "children_count purpose purpose_other", 0, False, 5, 1, "reference_letter", "document", "Тодорхойлолт",
  "Certificate", "Олон хүүхэдтэй өрхийн тодорхойлолт", "Certificate of a large family",
  "Дөрөв ба түүнээс дээш хүүхэдтэй өрх болохыг тодорхойлж өгнө.",
  "Confirms that a household has four or more children.", ch="opk")
S("guardianship", "family", "soum", "family", "citizen", "FAMILY:45",
  "APPLICATION ID_CARD BIRTH_CERT MEDICAL_CERT", "child_register reason phone", 0, False, 30, 20,
  "welfare_committee", "decision", "Асран хамгаалагч тогтоох шийдвэр", "Guardianship decision",
  "Хүүхдэд асран хамгаалагч тогтоолгох", "Appointment of a guardian for a child",
  "Эцэг, эхийн асрамжгүй болсон хүүхдэд асран хамгаалагч тогтоох шийдвэр гаргана.",
  "Appoints a guardian for a child left without parental care.")
S("adoption_statement", "family", "aimag", "family", "citizen", "FAMILY:55",
  "APPLICATION ID_CARD MARRIAGE_CERT? INCOME_REF", "household_size monthly_income reason", 0, False, 30, 14,
  "reference_letter", "document", "Тодорхойлолт", "Statement",
  "Хүүхэд үрчлэх хүсэлтэд тодорхойлолт гаргуулах", "Statement supporting an application to adopt a child",
  "Хүүхэд үрчлэх хүсэлт гаргасан иргэний ахуй амьдралын нөхцөлийг тодорхойлно.",
  "Describes the living conditions of a person who has applied to adopt a child.")
S("child_camp", "family", "soum", "birth_and_children", "citizen", "CHILD:16", "BIRTH_CERT",
  "child_register grade start_date", 0, False, 14, 5, "welfare_committee", "decision", "Эрхийн бичиг",
  "Camp voucher", "Хүүхдийн зуслангийн хөнгөлөлттэй эрх", "Discounted place at a children's summer camp",
  "Эмзэг бүлгийн өрхийн хүүхдийг зуны зуслан, амралтад хөнгөлөлттэй хамруулна.",
  "Gives children from vulnerable households a discounted place at a summer camp.", ch="opk")

# --- Invented: archive ----------------------------------------------------------------------------------------
S("archive_land_decision", "archive", "aimag", "land_and_property", "both", "ARCH:26", "APPLICATION ID_CARD",
  "document_year parcel_id delivery pickup_place", 3000, True, 14, 5, "reference_letter", "document",
  "Архивын хуулбар", "Archive copy", "Газар олгосон шийдвэрийн архивын хуулбар",
  "Archive copy of a land allocation decision",
  "Газар эзэмшүүлсэн, өмчлүүлсэн Засаг даргын шийдвэрийн баталгаат хуулбарыг архиваас олгоно.",
  "Gives a certified copy of a governor's land allocation decision from the archive.", ch="opk")
S("archive_governor_order", "archive", "aimag", "employment", "citizen", "ARCH:26", "APPLICATION ID_CARD",
  "document_year organisation reason", 0, False, 14, 5, "reference_letter", "document", "Архивын хуулбар",
  "Archive copy", "Засаг даргын захирамжийн архивын хуулбар олгох", "Archive copy of a governor's order",
  "Иргэнд хамаарах Засаг даргын захирамжийн баталгаат хуулбарыг архиваас гаргаж өгнө.",
  "Gives a certified copy of a governor's order that concerns the applicant.")

# --- Invented: business ---------------------------------------------------------------------------------------
S("trade_permit", "business", "soum", "starting_business", "both", "PERMIT:8",
  "APPLICATION STATE_REG_CERT? LEASE_CONTRACT",
  "applicant_type company_register activity activity_other outlet_address", 20000, True, 30, 10, "permit",
  "document", "Үйл ажиллагаа эрхлэх зөвшөөрөл", "Trading permit", "Худалдаа, үйлчилгээ эрхлэх зөвшөөрөл",
  "Permit to run a shop or service", "Сумын нутагт худалдаа, үйлчилгээний цэг ажиллуулах зөвшөөрөл олгоно.",
  "Allows a shop or service outlet to operate in the soum.", ch="opk")
S("temporary_trade", "business", "soum", "community_events", "both", "PERMIT:8", "APPLICATION ID_CARD",
  "activity activity_other event_date end_date", 10000, True, 10, 3, "permit", "document",
  "Түр худалдааны зөвшөөрөл", "Temporary trading permit", "Наадам, баярын үеэр түр худалдаа хийх зөвшөөрөл",
  "Temporary trading permit for Naadam and festivals",
  "Наадам, баяр ёслолын үеэр майхан, лангуунаас түр худалдаа хийх зөвшөөрөл олгоно.",
  "Allows trading from a tent or stall during Naadam and other festivals.", ch="opk")
S("advertising_board", "business", "soum", "running_business", "business", "ADV:13",
  "APPLICATION STATE_REG_CERT SITE_PLAN", "company_name board_type board_other board_area location", 50000,
  True, 30, 14, "site_inspection_permit", "document", "Зар сурталчилгааны зөвшөөрөл", "Advertising permit",
  "Гадна зар сурталчилгааны самбар байршуулах зөвшөөрөл", "Permit for an outdoor advertising board",
  "Гадна зар сурталчилгааны самбарын байршил, хэмжээг газар дээр нь шалгаж зөвшөөрөл олгоно.",
  "Checks the site and size of an outdoor advertising board and grants a permit.")
S("sme_cert", "business", "soum", "running_business", "both", "ADMIN:26", "STATE_REG_CERT? ID_CARD",
  "applicant_type company_register activity activity_other", 0, False, 10, 3, "reference_letter", "document",
  "Тодорхойлолт", "Certificate", "Жижиг, дунд үйлдвэр эрхлэгчийн тодорхойлолт",
  "Certificate of small or medium enterprise status",
  "Зээл, дэмжлэгт хамрагдахад шаардлагатай жижиг, дунд үйлдвэр эрхлэгчийн тодорхойлолтыг олгоно.",
  "Issues the small or medium enterprise certificate needed for loans and support schemes.")
S("market_stall", "business", "soum", "starting_business", "both", "ADMIN:26", "APPLICATION ID_CARD",
  "activity activity_other start_date phone", 10000, True, 14, 5, "permit", "decision",
  "Лангуу түрээслэх шийдвэр", "Stall lease decision",
  "Орон нутгийн өмчийн зах, худалдааны төвд лангуу түрээслэх", "Lease of a stall in a locally owned market",
  "Орон нутгийн өмчийн зах, худалдааны төвийн сул лангууг түрээслүүлнэ.",
  "Leases a vacant stall in a market owned by the aimag or soum.", ch="opk")
S("tobacco_licence", "business", "soum", "starting_business", "business", "TOBAC:9",
  "APPLICATION STATE_REG_CERT LEASE_CONTRACT", "company_name outlet_type outlet_address phone", 100000, True,
  30, 14, "permit", "document", "Тусгай зөвшөөрөл", "Licence", "Тамхи худалдах тусгай зөвшөөрөл",
  "Licence to sell tobacco products",
  "Сургууль, цэцэрлэгээс зохих зайд байрлах цэгт тамхи худалдах тусгай зөвшөөрөл олгоно.",
  "Licenses tobacco sales at outlets located the required distance from schools and kindergartens.")
S("business_location_cert", "business", "soum", "running_business", "business", "ADMIN:26", "STATE_REG_CERT",
  "company_name outlet_address purpose purpose_other", 0, False, 5, 2, "reference_letter", "document",
  "Тодорхойлолт", "Certificate", "Аж ахуйн нэгжийн үйл ажиллагааны байршлын тодорхойлолт",
  "Certificate of a company's place of business",
  "Аж ахуйн нэгж сумын нутагт үйл ажиллагаа явуулж буй байршлыг тодорхойлно.",
  "Confirms where a company operates within the soum.")
S("alcohol_address_change", "business", "aimag", "running_business", "business", "ALCO:6",
  "APPLICATION LICENCE_COPY LEASE_CONTRACT", "company_name outlet_address reason", 50000, True, 30, 14,
  "permit", "document", "Тусгай зөвшөөрөл", "Licence", "Согтууруулах ундааны тусгай зөвшөөрлийн хаяг өөрчлөх",
  "Change of address on an alcohol licence",
  "Согтууруулах ундааны тусгай зөвшөөрөлтэй цэг шинэ байршилд шилжихэд зөвшөөрлийн хаягийг өөрчилнө.",
  "Updates the address on an alcohol licence when the outlet moves.")
S("alcohol_licence_replace", "business", "aimag", "running_business", "business", "ALCO:6",
  "APPLICATION STATE_REG_CERT PAYMENT_RECEIPT", "company_name lost_reason police_ref", 10000, False, 14, 5,
  "reference_letter", "document", "Тусгай зөвшөөрөл", "Licence",
  "Согтууруулах ундааны тусгай зөвшөөрлийг нөхөн олгох", "Replacement of a lost alcohol licence",
  "Үрэгдүүлсэн, гэмтээсэн согтууруулах ундааны тусгай зөвшөөрлийг нөхөн олгоно.",
  "Replaces a lost or damaged alcohol licence.")
# --- Invented: herding and agriculture -------------------------------------------------------------------------
S("herder_cert", "agriculture", "soum", "herding_and_farming", "citizen", "ADMIN:26", "ID_CARD LIVESTOCK_REF",
  "livestock_total bag purpose purpose_other", 0, False, 5, 1, "reference_letter", "document", "Тодорхойлолт",
  "Certificate", "Малчин өрхийн тодорхойлолт", "Certificate of a herding household",
  "Мал аж ахуй эрхэлдэг малчин өрх болохыг тодорхойлж өгнө.",
  "Confirms that the household makes its living from herding.", ch="opk")
S("livestock_census_ref", "agriculture", "soum", "herding_and_farming", "citizen", "STATS:21", "ID_CARD",
  "year bag delivery pickup_place", 0, False, 5, 1, "reference_letter", "document", "Мал тооллогын лавлагаа",
  "Livestock census reference", "Малын тооллогын А дансны лавлагаа",
  "Livestock census household record (A-account)",
  "Жил бүрийн малын тооллогоор бүртгэгдсэн өрхийн малын тоо, төрлийн лавлагааг олгоно.",
  "Gives the household's livestock numbers from the annual census.", ch="opk")
S("wool_incentive", "agriculture", "aimag", "herding_and_farming", "citizen", "ADMIN:26",
  "ID_CARD LIVESTOCK_REF PAYMENT_RECEIPT", "livestock_types quantity bank_account", 0, False, 30, 14,
  "reference_letter", "document", "Урамшууллын тодорхойлолт", "Incentive certificate",
  "Ноос, ноолуур тушаасны урамшуулал авах тодорхойлолт", "Certificate for the wool and cashmere incentive",
  "Бэлтгэн нийлүүлэгчид ноос, ноолуур тушаасан малчны урамшууллын тодорхойлолтыг гаргана.",
  "Issues the certificate a herder needs to claim the incentive for wool or cashmere sold.", ch="opk")
S("pasture_contract", "agriculture", "soum", "herding_and_farming", "citizen", "LAND:52",
  "APPLICATION ID_CARD LIVESTOCK_REF", "livestock_total location area_ha", 0, False, 30, 14,
  "site_inspection_permit", "document", "Бэлчээр ашиглах гэрээ", "Pasture use contract",
  "Бэлчээр ашиглах гэрээ байгуулах", "Pasture use agreement",
  "Малчин өрх, бүлэгтэй бэлчээрийн даацад тохирсон бэлчээр ашиглах гэрээ байгуулна.",
  "Signs a pasture use agreement with a herding household or group, matched to the pasture's carrying capacity.",
  ch="opk")
S("hay_field", "agriculture", "soum", "herding_and_farming", "citizen", "LAND:54", "APPLICATION ID_CARD",
  "area_ha location start_date", 0, False, 14, 7, "site_inspection_permit", "decision",
  "Хадлангийн талбайн шийдвэр", "Hay field decision", "Хадлангийн талбай ашиглуулах",
  "Allocation of a hay-making area", "Тухайн жилд өвс бэлтгэх хадлангийн талбайг иргэн, бүлэгт хуваарилна.",
  "Allocates a hay-making area to a citizen or group for the season.", ch="opk")
S("otor_move", "agriculture", "soum", "herding_and_farming", "citizen", "LAND:52",
  "APPLICATION LIVESTOCK_REF", "livestock_total destination start_date end_date", 0, False, 10, 3, "permit",
  "document", "Отор нүүдлийн зөвшөөрөл", "Otor movement permit", "Сум дамнан отор нүүдэл хийх зөвшөөрөл",
  "Permit to move livestock to pasture in another soum (otor)",
  "Ган, зудын үед малаа өөр сумын нутагт отроор нүүлгэх хугацаа, байршлыг зөвшөөрнө.",
  "Sets where and for how long a herder may move livestock to another soum during drought or dzud.", ch="opk")
S("vet_certificate", "agriculture", "soum", "herding_and_farming", "both", "VET:27", "ID_CARD LIVESTOCK_REF?",
  "livestock_types quantity destination", 0, False, 3, 1, "reference_letter", "document",
  "Мал эмнэлгийн гэрчилгээ", "Veterinary certificate", "Мал, түүхий эд тээвэрлэх мал эмнэлгийн гэрчилгээ",
  "Veterinary certificate to transport livestock or raw materials",
  "Мал, мах, арьс шир тээвэрлэх, худалдахад шаардлагатай мал эмнэлгийн гэрчилгээг сумын мал эмнэлгийн тасаг олгоно.",
  "The soum veterinary unit issues the certificate needed to transport or sell animals, meat or hides.",
  ch="opk")
S("livestock_tagging", "agriculture", "soum", "herding_and_farming", "citizen", "VET:20", "ID_CARD",
  "livestock_types quantity bag", 0, False, 14, 5, "reference_letter", "document", "Бүртгэлийн тодорхойлолт",
  "Registration statement", "Малыг ээмэгжүүлж бүртгүүлэх", "Livestock ear-tagging and registration",
  "Малыг ээмэг, чипээр тэмдэглэж үндэсний мал бүртгэлийн санд бүртгэнэ.",
  "Marks animals with ear tags or chips and records them in the national livestock register.", ch="opk")
S("herd_well_use", "agriculture", "soum", "herding_and_farming", "citizen", "WATER:30", "APPLICATION BAG_REF",
  "livestock_total location water_volume", 0, False, 14, 7, "permit", "document", "Худаг ашиглах гэрээ",
  "Well use agreement", "Малын худаг ашиглах, хамгаалах гэрээ",
  "Agreement to use and look after a livestock well",
  "Төсвийн хөрөнгөөр гаргасан малын худгийг малчдын бүлэгт ашиглуулж, хамгаалах гэрээ байгуулна.",
  "Signs an agreement letting a herder group use and maintain a publicly funded livestock well.", ch="opk")
S("crop_land", "agriculture", "soum", "herding_and_farming", "both", "LAND:33",
  "APPLICATION ID_CARD SITE_PLAN STATE_REG_CERT?", "crop_type area_ha location phone", 10000, True, 30, 20,
  "site_inspection_permit", "decision", "Газар эзэмшүүлэх шийдвэр", "Land possession decision",
  "Тариалангийн талбай эзэмших, ашиглах", "Possession or use of cropland",
  "Газар тариалан, хүнсний ногоо тариалах талбайг газар дээр нь шалгаж эзэмшүүлнэ.",
  "Grants cropland for grain or vegetables after a site check.")
S("dzud_fodder", "agriculture", "soum", "herding_and_farming", "citizen", "DISASTER:24",
  "ID_CARD LIVESTOCK_REF", "livestock_total household_size reason", 0, False, 10, 3, "welfare_committee",
  "decision", "Дэмжлэг олгох шийдвэр", "Support decision",
  "Зудын эрсдэлтэй малчин өрхөд өвс, тэжээлийн дэмжлэг", "Hay and fodder support for herders at risk of dzud",
  "Зудын эрсдэлтэй бүсийн малчин өрхөд улсын болон орон нутгийн нөөцөөс өвс, тэжээл олгоно.",
  "Gives hay and fodder from state or local reserves to herding households facing a dzud.", ch="opk")
S("cooperative_cert", "agriculture", "aimag", "starting_business", "both", "COOP:11", "APPLICATION ID_CARD",
  "company_name livestock_types participants", 0, False, 14, 7, "reference_letter", "document",
  "Тодорхойлолт", "Statement", "Малчдын хоршоо байгуулахад тодорхойлолт гаргуулах",
  "Statement for founding a herders' cooperative",
  "Малчдын хоршоо үүсгэн байгуулахад шаардлагатай орон нутгийн тодорхойлолтыг олгоно.",
  "Issues the local statement needed to register a herders' cooperative.")
S("livestock_loss_cert", "agriculture", "soum", "herding_and_farming", "citizen", "LIVINS:14",
  "ID_CARD LIVESTOCK_REF", "livestock_types loss_count reason", 0, False, 10, 3, "reference_letter",
  "document", "Хорогдлын тодорхойлолт", "Loss certificate", "Малын хорогдлын тодорхойлолт",
  "Certificate of livestock losses",
  "Зуд, гамшгийн улмаас хорогдсон малын тоог даатгалын нөхөн олговорт зориулж тодорхойлно.",
  "Certifies livestock lost to dzud or disaster, for an insurance claim.", ch="opk")
S("herder_insurance_cert", "agriculture", "soum", "herding_and_farming", "citizen", "SOCINS:30",
  "ID_CARD LIVESTOCK_REF", "livestock_total year phone", 0, False, 5, 2, "reference_letter", "document",
  "Тодорхойлолт", "Certificate", "Малчны нийгмийн даатгалын шимтгэлийн хөнгөлөлтийн тодорхойлолт",
  "Certificate for herders' social-insurance contribution relief",
  "Малчин нийгмийн даатгалын шимтгэлийн хөнгөлөлтөд хамрагдахад шаардлагатай тодорхойлолтыг олгоно.",
  "Issues the certificate herders need for reduced social-insurance contributions.", ch="opk")

# --- Invented: civil registration and residence ------------------------------------------------------------------
S("residence_cert", "civil", "soum", "moving", "citizen", "CIVREG:23", "ID_CARD",
  "bag purpose purpose_other delivery pickup_place", 0, False, 5, 1, "reference_letter", "document",
  "Оршин суугаа газрын тодорхойлолт", "Residence certificate", "Оршин суугаа газрын тодорхойлолт",
  "Certificate of place of residence", "Иргэн тухайн сумын аль багт оршин сууж байгааг тодорхойлно.",
  "Confirms the bag of the soum where the citizen lives.", ch="opk")
S("move_in_register", "civil", "soum", "moving", "citizen", "CIVREG:24", "ID_CARD APPLICATION",
  "address bag move_reason move_reason_other", 0, False, 5, 2, "reference_letter", "document",
  "Шилжилтийн бүртгэл", "Residence registration", "Шилжин ирсэн иргэнийг оршин суугаагаар бүртгэх",
  "Registering a citizen who has moved in",
  "Өөр сум, дүүргээс шилжин ирсэн иргэнийг шинэ хаягаар нь оршин суугаагаар бүртгэнэ.",
  "Registers residence at the new address for a citizen who has moved in from another soum or district.",
  ch="opk")
S("move_out_cert", "civil", "soum", "moving", "citizen", "CIVREG:24", "ID_CARD",
  "destination move_reason move_reason_other", 0, False, 5, 1, "reference_letter", "document",
  "Шилжих тодорхойлолт", "Moving-out statement", "Шилжин явах тодорхойлолт", "Statement for moving out",
  "Өөр сум, дүүрэгт шилжин явах иргэнд шилжилтийн тодорхойлолт олгоно.",
  "Gives a statement to a citizen moving to another soum or district.", ch="opk")
S("household_members_cert", "civil", "soum", "family", "citizen", "CIVREG:23", "ID_CARD",
  "household_size purpose purpose_other", 0, False, 5, 1, "reference_letter", "document",
  "Ам бүлийн тодорхойлолт", "Household composition certificate", "Ам бүлийн тодорхойлолт",
  "Certificate of household members", "Өрхийн гишүүдийн бүрэлдэхүүнийг тодорхойлж өгнө.",
  "Lists the members of the applicant's household.", ch="opk")
S("burial_plot", "civil", "soum", "death", "citizen", "ADMIN:26", "ID_CARD DEATH_CERT",
  "deceased_register phone", 0, False, 3, 1, "permit", "decision", "Оршуулгын газар олгох шийдвэр",
  "Burial plot decision", "Оршуулгын газар олгох", "Allocation of a burial plot",
  "Нас барсан иргэнийг оршуулах газрыг сумын оршуулгын газраас олгоно.",
  "Allocates a plot in the soum cemetery for a person who has died.", ch="opk")
S("unemployed_cert", "civil", "soum", "employment", "citizen", "EMPLOY:10", "ID_CARD",
  "purpose purpose_other phone", 0, False, 5, 1, "reference_letter", "document", "Тодорхойлолт",
  "Certificate", "Ажил эрхлэлтийн байдлын тодорхойлолт", "Certificate of employment status",
  "Иргэн ажил эрхэлж байгаа эсэх, ажилгүй байгааг тодорхойлж өгнө.",
  "States whether the citizen is working or unemployed.", ch="opk")
S("public_event_notice", "civil", "soum", "community_events", "both", "ASSEMBLY:6", "APPLICATION EVENT_PLAN",
  "event_name event_type event_type_other event_date participants", 0, False, 5, 2, "permit", "decision",
  "Мэдэгдэл бүртгэсэн хариу", "Notice acknowledgement", "Олон нийтийн арга хэмжээ зохион байгуулах мэдэгдэл",
  "Notice of a public gathering or event",
  "Олон нийтийн цуглаан, арга хэмжээ зохион байгуулах мэдэгдлийг хүлээн авч бүртгэнэ.",
  "Receives and records the notice required before a public gathering or event.", ch="opk")
S("house_number", "civil", "soum", "housing", "both", "ADMIN:26", "APPLICATION LAND_CERT",
  "parcel_id address", 0, False, 10, 5, "reference_letter", "document", "Хаягийн тодорхойлолт",
  "Address statement", "Хашаа, байшинд хаягийн дугаар олгох", "Assignment of a house or yard address number",
  "Шинээр баригдсан байшин, хашаанд хаягийн дугаар олгож хаягийн бүртгэлд оруулна.",
  "Gives a new house or yard an address number and adds it to the address register.", ch="opk")

# --- Invented: utilities -----------------------------------------------------------------------------------------
S("utility_conditions", "utilities", "aimag", "land_and_property", "both", "ENERGY:28",
  "APPLICATION SITE_PLAN BUILDING_DESIGN?", "applicant_type company_register power_kw location", 30000, True,
  20, 10, "permit", "document", "Техникийн нөхцөл", "Technical conditions",
  "Цахилгаан, дулаан, ус хангамжийн техникийн нөхцөл олгох",
  "Technical conditions for power, heating and water connections",
  "Барилга, байгууламжийг инженерийн шугамд холбох техникийн нөхцөлийг олгоно.",
  "Issues the technical conditions for connecting a building to power, heating and water networks.")
S("water_kiosk_connect", "utilities", "soum", "housing", "citizen", "WATER:32", "ID_CARD",
  "household_size address phone", 0, False, 10, 3, "reference_letter", "document", "Усны карт", "Water card",
  "Ус түгээх байрны үйлчилгээнд бүртгүүлэх", "Registration for a water kiosk",
  "Гэр хорооллын өрхийг ус түгээх байрны үйлчилгээнд бүртгэж усны карт олгоно.",
  "Registers a ger-district household at a water kiosk and issues a water card.", ch="opk")
S("sewage_pit", "utilities", "soum", "housing", "citizen", "WATER:33", "APPLICATION LAND_CERT SITE_PLAN",
  "parcel_id location", 0, False, 14, 7, "site_inspection_permit", "decision", "Байршуулах зөвшөөрөл",
  "Placement permit", "Ариутгах татуургын нүх, бохир усны цооног байршуулах зөвшөөрөл",
  "Permit for a septic pit or soakaway",
  "Гэр хорооллын хашаанд бохир усны цооног, жорлон байршуулах байрлалыг газар дээр нь тогтооно.",
  "Sets the position of a septic pit or latrine in a ger-district yard after a site check.")
S("waste_contract", "utilities", "soum", "running_business", "business", "WASTE:14",
  "APPLICATION STATE_REG_CERT", "company_name quantity outlet_address", 0, True, 10, 3, "permit", "document",
  "Үйлчилгээний гэрээ", "Service contract", "Хог тээвэрлэлтийн үйлчилгээний гэрээ байгуулах",
  "Waste collection contract for businesses",
  "Аж ахуйн нэгж, байгууллагатай хог тээвэрлэлтийн гэрээ байгуулж хуваарь тогтооно.",
  "Signs a waste collection contract with a business and sets the collection schedule.")
S("clean_stove", "utilities", "soum", "housing", "citizen", "AIR:16", "ID_CARD PROPERTY_CERT?",
  "housing_status housing_other household_size", 0, False, 30, 14, "welfare_committee", "decision",
  "Хөнгөлөлт олгох шийдвэр", "Discount decision", "Сайжруулсан зуух хөнгөлөлттэй авах",
  "Discounted improved stove",
  "Агаарын бохирдлыг бууруулах хөтөлбөрөөр сайжруулсан зуух, дулаалгыг хөнгөлөлттэй олгоно.",
  "Provides an improved stove or insulation at a discount under the air-pollution programme.", ch="opk")
S("power_connection_cert", "utilities", "soum", "housing", "both", "ENERGY:28", "ID_CARD LAND_CERT",
  "parcel_id power_kw", 0, False, 10, 3, "reference_letter", "document", "Тодорхойлолт", "Statement",
  "Цахилгааны шугамд холбогдох тодорхойлолт", "Statement for connecting to the power grid",
  "Өрх, аж ахуйн нэгжийг цахилгааны шугамд холбоход шаардлагатай сумын тодорхойлолтыг олгоно.",
  "Issues the soum statement needed to connect a home or business to the power grid.", ch="opk")

# --- Invented: education, health, culture and tourism -----------------------------------------------------------
S("kindergarten_enrol", "education", "soum", "birth_and_children", "citizen", "PRESCHOOL:12", "BIRTH_CERT",
  "child_register bag phone", 0, False, 14, 5, "reference_letter", "decision", "Бүртгэлийн хариу",
  "Enrolment decision", "Цэцэрлэгт хүүхэд бүртгүүлэх", "Kindergarten enrolment",
  "Сумын цэцэрлэгт хүүхдийг насны ангид бүртгэж хариу өгнө.",
  "Enrols a child in an age group at the soum kindergarten.", ch="opk")
S("dormitory_place", "education", "soum", "herding_and_farming", "citizen", "EDU:24", "BIRTH_CERT BAG_REF",
  "child_register grade school_name", 0, False, 14, 5, "welfare_committee", "decision", "Байрлуулах шийдвэр",
  "Placement decision", "Сургуулийн дотуур байранд хүүхэд байрлуулах", "Place in a school dormitory",
  "Малчин өрхийн хүүхдийг сумын сургуулийн дотуур байранд байрлуулна.",
  "Gives a herding family's child a place in the soum school dormitory.", ch="opk")
S("local_scholarship", "education", "aimag", "birth_and_children", "citizen", "EDU:45",
  "ID_CARD SCHOOL_REF INCOME_REF", "school_name monthly_income bank_account", 0, False, 45, 30,
  "welfare_committee", "decision", "Тэтгэлгийн шийдвэр", "Scholarship decision",
  "Орон нутгийн тэтгэлэгт хамрагдах", "Local scholarship for students",
  "Аймгаас гарсан, эмзэг өрхийн оюутны сургалтын төлбөрийг орон нутгийн сангаас тэтгэнэ.",
  "Pays tuition for students from vulnerable families in the aimag from local funds.")
S("student_cert", "education", "soum", "birth_and_children", "citizen", "EDU:24", "ID_CARD",
  "child_register school_name grade", 0, False, 5, 1, "reference_letter", "document", "Тодорхойлолт",
  "Certificate", "Ерөнхий боловсролын сургуульд суралцаж буй тодорхойлолт",
  "Certificate of enrolment at a general school",
  "Хүүхэд сумын ерөнхий боловсролын сургуульд суралцаж байгааг тодорхойлно.",
  "Confirms that a child attends the soum's general education school.", ch="opk")
S("health_insurance_relief", "health", "soum", "family", "citizen", "HINS:12", "ID_CARD INCOME_REF?",
  "household_size purpose purpose_other", 0, False, 5, 2, "reference_letter", "document", "Тодорхойлолт",
  "Certificate", "Эрүүл мэндийн даатгалын шимтгэлийг төрөөс хариуцах тодорхойлолт",
  "Certificate for state-paid health insurance",
  "Эрүүл мэндийн даатгалын шимтгэлийг төр хариуцах иргэн мөн болохыг тодорхойлно.",
  "Confirms that the state pays the person's health insurance contributions.", ch="opk")
S("treatment_travel", "health", "aimag", "family", "citizen", "HEALTH:19", "ID_CARD MEDICAL_CERT",
  "treatment_place diagnosis bank_account", 0, False, 30, 10, "welfare_committee", "decision",
  "Дэмжлэг олгох шийдвэр", "Support decision", "Төвд эмчлүүлэх замын зардлын дэмжлэг",
  "Travel support for treatment in the capital or abroad",
  "Аймагт эмчлэх боломжгүй өвчтэй иргэний Улаанбаатар, гадаадад эмчлүүлэх замын зардлыг дэмжинэ.",
  "Helps with travel costs for patients who must be treated in Ulaanbaatar or abroad.", ch="op")
S("pharmacy_location", "health", "aimag", "starting_business", "business", "HEALTH:29",
  "APPLICATION STATE_REG_CERT LEASE_CONTRACT", "company_name outlet_address phone", 20000, True, 30, 14,
  "permit", "document", "Байршлын тодорхойлолт", "Location statement",
  "Эмийн сан, хувийн эмнэлгийн байршлын тодорхойлолт", "Location statement for a pharmacy or private clinic",
  "Эмийн сан, хувийн эмнэлэг нээх байршлыг эрүүл мэндийн газар хянаж тодорхойлолт гаргана.",
  "The health department checks the location of a new pharmacy or clinic and issues a statement.")
S("tourist_camp", "culture", "aimag", "starting_business", "business", "TOUR:13",
  "APPLICATION STATE_REG_CERT LAND_CERT HYGIENE_CONCLUSION", "company_name camp_capacity location start_date",
  100000, True, 45, 30, "site_inspection_permit", "document", "Үйл ажиллагаа эрхлэх зөвшөөрөл",
  "Operating permit", "Жуулчны бааз, амралтын газар ажиллуулах зөвшөөрөл",
  "Permit to run a tourist camp or resort",
  "Жуулчны бааз, амралтын газрын нөхцөлийг газар дээр нь шалгаж үйл ажиллагаа эрхлэх зөвшөөрөл олгоно.",
  "Inspects a tourist camp or resort on site and grants an operating permit.")
S("tourist_ger_register", "culture", "soum", "running_business", "both", "TOUR:15", "ID_CARD PHOTO_3X4",
  "camp_capacity location phone", 0, False, 14, 5, "reference_letter", "document", "Бүртгэлийн тодорхойлолт",
  "Registration statement", "Айлын жуулчны гэр буудлыг бүртгүүлэх", "Registration of a family guest ger",
  "Малчин айл жуулчин хүлээн авах гэр буудлаа орон нутгийн бүртгэлд бүртгүүлнэ.",
  "Records a herding family's guest ger for tourists in the local register.", ch="opk")
S("concert_permit", "culture", "aimag", "community_events", "both", "CULT:22",
  "APPLICATION EVENT_PLAN FIRE_SAFETY", "event_name event_type event_type_other event_date participants",
  30000, True, 14, 5, "permit", "document", "Зохион байгуулах зөвшөөрөл", "Event permit",
  "Тоглолт, соёлын арга хэмжээ зохион байгуулах зөвшөөрөл", "Permit to hold a concert or cultural event",
  "Аймгийн төвд тоглолт, наадам, соёлын арга хэмжээ зохион байгуулах зөвшөөрөл олгоно.",
  "Allows a concert, festival or other cultural event in the aimag centre.")

# ---------------------------------------------------------------------------------------------------------------
SUFFIXES_MN = [" (Төв аймаг)", " (Хэнтий аймаг)", " (Орон нутаг)", " (Нийслэл)"]


def strip_mn(name):
    for s in SUFFIXES_MN:
        if name.endswith(s):
            return name[: -len(s)]
    return name


def load_real(csv_path):
    """Aimag- and soum-level names from services.csv, suffixes stripped, duplicates merged (first row wins)."""
    real = {}
    with open(csv_path, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["level"] not in ("aimag", "soum"):
                continue
            name = strip_mn(row["name_mn"].strip())
            en = re.sub(
                r"\s*\((Töv aimag|Khentii aimag|rural/local|capital city|Baganuur district)\)$",
                "",
                row["name_en_translation"].strip(),
            )
            real.setdefault(name, {"name_en": en, "source": row["source"].strip(), "level": row["level"]})
    return real


def build_services(real):
    services, counters = [], collections.Counter()
    for s in SERVICES:
        counters[s["cat"]] += 1
        code = f"{PREFIX[s['cat']]}-{counters[s['cat']]:03d}"
        law_key, art = s["law"].split(":")
        law_mn, law_en = LAWS[law_key]
        docs = []
        for token in s["docs"].split():
            dcode = token.rstrip("?")
            mn, en, dmn, den = DOCS[dcode]
            docs.append(
                {
                    "code": dcode,
                    "name_mn": mn,
                    "name_en": en,
                    "is_mandatory": not token.endswith("?"),
                    "description_mn": dmn,
                    "description_en": den,
                }
            )
        form = [dict(name=f, **FIELDS[f]) for f in s["form"].split()]
        channels = ["online"] + [CHANNEL_CODES[c] for c in s["ch"] if c != "o"]
        if s["real"]:
            info = real[s["mn"]]
            source, name_en = info["source"], s["en"] or info["name_en"]
        else:
            source, name_en = "", s["en"]
        services.append(
            {
                "code": code,
                "name_mn": s["mn"],
                "name_en": name_en,
                "description_mn": s["dmn"],
                "description_en": s["den"],
                "category": s["cat"],
                "life_event": s["le"],
                "applicant": s["app"],
                "level": s["lvl"],
                "resolver_kind": "soum_governor_office" if s["lvl"] == "soum" else AIMAG_RESOLVER[s["cat"]],
                "legal_basis_mn": f"{law_mn}, {art} дугаар зүйл",
                "legal_basis_en": f"{law_en}, Article {art}",
                "documents": docs,
                "form": form,
                "fee_mnt": s["fee"],
                "fee_is_locally_adjustable": s["adj"],
                "statutory_deadline_days": s["stat"],
                "service_norm_days": s["norm"],
                "result": s["result"],
                "result_name_mn": s["rmn"],
                "result_name_en": s["ren"],
                "channels": channels,
                "process_kind": s["pk"],
                "is_real_name": s["real"],
                "source": source,
            }
        )
    return services


def catalogue_order(services):
    return sorted(services, key=lambda s: (CATEGORIES.index(s["category"]), s["code"]))


# ---------------------------------------------------------------------------------------------------------------
# Adoptions
# Services an aimag offers only if it is listed here (a handful offered in one or two aimags).
RARE = {
    "rare_plants": ["23"],
    "water_professional_org": ["41", "23"],
    "dwelling_use_change": ["11", "61"],
    "spring_use": ["65"],
    "protected_area_entry": ["67", "43"],
    "design_review": ["11", "45"],
}
CSV_AIMAG = {"Төв аймаг": "41", "Хэнтий аймаг": "23"}

# Extra local-only form fields used by variations.
EXTRA_FIELDS = {
    "years_in_soum": _f("number", "Тухайн суманд амьдарсан жил", "Years lived in the soum",
        "Оршин суугаагаар бүртгэлтэй жилийн тоо.", "Years registered as resident.", min_=0, max_=100),
    "herder_group": _f("text", "Малчдын бүлгийн нэр", "Herder group", "Харьяалагддаг малчдын бүлэг, хоршоо.",
        "The herder group or cooperative you belong to.", required=False, max_length=100),
}

# Local variations: (aimag, service key, changes, note_mn, note_en). Changes: norm, fee, docs, fields.
VARIATIONS = [
    ("22", "land_possess_new", {"norm": 15},
     "Хүсэлтийг улирлын хуваарьгүй тасралтгүй хүлээн авдаг тул хугацааг богиносгосон.",
     "Applications are handled continuously rather than in quarterly rounds, so the norm is shorter."),
    ("46", "land_possess_new", {"norm": 25},
     "Уул уурхайн тусгай зөвшөөрлийн талбайтай давхцлыг шалгадаг тул хугацаа уртассан.",
     "Takes longer because every plot is checked against mining licence areas."),
    ("62", "land_possess_new", {"fields": ["years_in_soum"]},
     "Аймгийн журмаар тухайн суманд оршин суусан хугацааг харгалздаг.",
     "Aimag rules give priority by years of residence in the soum."),
    ("21", "land_possess_extend", {"norm": 7}, "Сунгалтыг газрын даамал дангаар шийдвэрлэх эрхтэй болсон.",
     "The soum land officer may now decide extensions alone."),
    ("44", "alcohol_sell_new", {"fee": 400000}, "Аймгийн ИТХ-ын шийдвэрээр хураамжийг бууруулсан.",
     "The aimag assembly lowered the fee."),
    ("21", "alcohol_sell_new", {"norm": 25, "docs": ["FIRE_SAFETY"]},
     "Цагдаа, онцгой байдлын байгууллагаас санал авдаг тул хугацаа уртассан.",
     "Takes longer because the police and emergency agency are consulted."),
    ("23", "alcohol_serve_new", {"fee": 450000}, "Аймгийн ИТХ-ын тогтоолоор хураамжийн хэмжээг тогтоосон.",
     "Fee set by resolution of the aimag assembly."),
    ("45", "building_permit", {"norm": 15}, "Зураг төслийн хяналтыг цахимаар хийдэг болсон.",
     "Design checks are now done online."),
    ("44", "temporary_structure", {"docs": ["FIRE_SAFETY"]},
     "Хилийн боомтын бүсэд галын аюулгүй байдлын дүгнэлт шаарддаг.",
     "A fire safety conclusion is required near the border port."),
    ("45", "advertising_board", {"fee": 80000, "norm": 10},
     "Хотын гол гудамжинд самбарын хураамжийг нэмэгдүүлж, шийдвэрлэх хугацааг богиносгосон.",
     "Higher fee for boards on the main streets; decisions are faster."),
    ("11", "advertising_board", {"fee": 150000}, "Нийслэлийн ИТХ-ын шийдвэрээр хураамжийг тогтоосон.",
     "Fee set by the capital city assembly."),
    ("62", "winter_camp_possess", {"fields": ["herder_group"]},
     "Өвөлжөөг малчдын бүлгээр эзэмшүүлэх туршлагатай.", "Winter camps are often granted to herder groups."),
    ("62", "elder_honour_gift", {"norm": 5}, "Насны хишгийг бүртгэлээс автоматаар тооцдог болсон.",
     "Age gifts are now calculated from the register automatically."),
    ("62", "hay_field", {"norm": 10},
     "Хадлангийн талбайг багийн иргэдийн хурлаар хэлэлцдэг тул хугацаа уртассан.",
     "Takes longer because hay fields are discussed at the bag citizens' meeting."),
    ("48", "dzud_fodder", {"norm": 2},
     "Зудын үед аймгийн онцгой комиссын шийдвэрээр хоёр хоногт шийдвэрлэнэ.",
     "During a dzud the aimag emergency commission requires a decision within two days."),
    ("48", "herder_cert", {"fields": ["years_in_soum"]},
     "Малчны тодорхойлолтод тухайн суманд амьдарсан хугацааг заадаг.",
     "The certificate states how long the herder has lived in the soum."),
    ("48", "borehole_permit", {"norm": 10},
     "Говийн бүсэд худаг гаргах хүсэлтийг түргэвчилсэн журмаар шийдвэрлэдэг.",
     "Well permits are fast-tracked in this Gobi aimag."),
    ("46", "borehole_permit", {"norm": 20, "docs": ["EIA_CONCLUSION"]},
     "Усны нөөц хомс тул байгаль орчны үнэлгээ шаарддаг.",
     "Water is scarce, so an environmental assessment is required."),
    ("46", "tourist_camp", {"norm": 20}, "Жуулчны баазуудыг улирал эхлэхээс өмнө бөөнөөр шалгадаг.",
     "Camps are inspected together before the season starts."),
    ("64", "food_support_cert", {"norm": 3},
     "Халамжийн мэдээллийн сангаас шууд шалгадаг тул хугацааг богиносгосон.",
     "Checked directly against the welfare database, so the norm is shorter."),
    ("64", "child_money_cert", {"fields": ["bag"]},
     "Хүсэлтийг багийн халамжийн ажилтанд хуваарилахын тулд багийг заана.",
     "The bag is asked so the request can go to the right bag welfare officer."),
    ("64", "residence_cert", {"fields": ["email"]}, "Тодорхойлолтыг и-мэйлээр илгээх боломжтой.",
     "The certificate can also be sent by email."),
    ("43", "firewood_licence", {"fee": 8000}, "Ойн сангийн ачааллыг харгалзан хураамжийг нэмсэн.",
     "Fee raised because of pressure on local forests."),
    ("43", "tree_cutting", {"norm": 15},
     "Ойн ангийн үзлэгийг долоо хоногт нэг удаа хийдэг тул хугацаа уртассан.",
     "Takes longer because the forestry unit inspects once a week."),
    ("43", "crop_land", {"norm": 25, "fee": 20000},
     "Тариалангийн бүсэд хүсэлт их тул хугацаа уртасч, хураамж нэмэгдсэн.",
     "High demand in this farming aimag: longer norm and higher fee."),
    ("43", "public_event_notice", {"docs": ["FIRE_SAFETY?"]},
     "Олон хүн оролцох арга хэмжээнд галын аюулгүй байдлын дүгнэлт хавсаргахыг зөвлөдөг.",
     "A fire safety conclusion is recommended for large events."),
    ("23", "hunting_household", {"docs": ["PHOTO_3X4"]}, "Агнуурын зөвшөөрөл дээр анчны зургийг хэвлэдэг.",
     "The hunter's photo is printed on the permit."),
    ("23", "water_use_permit", {"norm": 10}, "Усны сав газрын захиргаатай цахимаар санал солилцдог болсон.",
     "Opinions from the river basin authority are now exchanged online."),
    ("21", "pasture_contract", {"fields": ["herder_group"]}, "Бэлчээрийн гэрээг малчдын бүлэгтэй байгуулдаг.",
     "Pasture agreements are signed with herder groups."),
    ("21", "emergency_aid", {"norm": 3}, "Гамшгийн үед тусламжийг гурав хоногт олгох журамтай.",
     "Local rules require disaster aid within three days."),
    ("22", "otor_move", {"docs": ["BAG_REF"]}, "Хүлээн авах багийн Засаг даргын тодорхойлолтыг хавсаргана.",
     "A statement from the receiving bag's governor must be attached."),
    ("22", "trade_permit", {"fee": 15000}, "Жижиг худалдааг дэмжих зорилгоор хураамжийг бууруулсан.",
     "Fee lowered to support small traders."),
    ("22", "livestock_loss_cert", {"norm": 2},
     "Даатгалын нөхөн олговрыг шуурхай олгохын тулд хугацааг богиносгосон.",
     "Shorter norm so insurance payouts are not delayed."),
    ("44", "taxi_permit", {"fee": 30000}, "Аймгийн төвд такси цөөн тул хураамжийг бууруулсан.",
     "Few taxis in the aimag centre, so the fee was lowered."),
    ("44", "welfare_pension", {"docs": ["BAG_REF"]}, "Багийн Засаг даргын тодорхойлолтыг нэмж шаарддаг.",
     "A bag governor's statement is also required."),
    ("45", "taxi_permit", {"fee": 70000, "docs": ["PHOTO_3X4"]},
     "Жолоочийн зурагтай үнэмлэх олгодог тул зураг шаарддаг.",
     "A driver card with photo is issued, so a photo is required."),
    ("45", "kindergarten_enrol", {"fields": ["address"]},
     "Хүүхдийг гэрт ойр цэцэрлэгт хуваарилахын тулд хаягийг асуудаг.",
     "The address is asked so the child can be placed near home."),
    ("11", "move_in_register", {"norm": 1}, "Хорооны ажилтан шилжилтийг тухайн өдөрт нь бүртгэдэг.",
     "Khoroo staff register moves the same day."),
    ("61", "tobacco_licence", {"fee": 150000}, "Аймгийн ИТХ-ын шийдвэрээр хураамжийг нэмсэн.",
     "The aimag assembly raised the fee."),
    ("41", "common_plants", {"norm": 3}, "Ахуйн зориулалтын хүсэлтийг байгаль хамгаалагч шууд шийдвэрлэдэг.",
     "Household requests are decided by the ranger directly."),
    ("67", "fishing_permit", {"fee": 10000}, "Хөвсгөл нуурын сав газарт хураамжийг нэмэгдүүлсэн.",
     "Higher fee in the Lake Khövsgöl basin."),
    ("65", "spring_use", {"docs": ["HYGIENE_CONCLUSION"]},
     "Рашааныг нийтэд ашиглуулах бол эрүүл ахуйн дүгнэлт шаарддаг.",
     "A sanitary conclusion is required when a spring is opened to the public."),
    ("84", "hunting_household", {"norm": 7},
     "Хил орчмын бүсэд хилийн цэргийн саналыг авдаг тул хугацаа уртассан.",
     "Takes longer near the border because the border guard is consulted."),
]


# fmt: on
def weight(svc, key, real_aimags):
    w = {"reference_letter": 7.0, "welfare_committee": 7.0, "permit": 5.0, "site_inspection_permit": 4.5}[
        svc["process_kind"]
    ]
    if svc["category"] in ("welfare", "family", "civil"):
        w *= 1.5
    elif svc["category"] == "land":
        w *= 1.3
    elif svc["category"] in ("health", "utilities"):
        w *= 0.8
    if real_aimags:  # aimag services seen online only in Töv/Khentii in 2021
        w *= 0.8
    return w


def build_adoptions(services, keys, real_aimags, rng):
    by_key = dict(zip(keys, services, strict=False))
    code_of = {k: s["code"] for k, s in by_key.items()}
    forced = {a: set() for a in AIMAG_CODES}
    for k, aimags in RARE.items():
        for a in aimags:
            forced[a].add(code_of[k])
    for k, aimags in real_aimags.items():
        for a in aimags:
            forced[a].add(code_of[k])
    for a, k, *_ in VARIATIONS:
        forced[a].add(code_of[k])
    rare_codes = {code_of[k] for k in RARE}
    weights = {code_of[k]: weight(by_key[k], k, real_aimags.get(k)) for k in keys if k not in RARE}
    pool = sorted(weights)
    chosen = {}
    for a in AIMAG_CODES:
        need = AIMAG_COUNTS[a] - len(forced[a])
        assert need >= 0, a
        scored = sorted(
            ((rng.random() ** (1.0 / weights[c]), c) for c in pool if c not in forced[a]), reverse=True
        )
        chosen[a] = set(forced[a]) | {c for _, c in scored[:need]}
    # Every service must be offered somewhere: swap an uncovered one in for the most widely offered non-forced one.
    cover = collections.Counter(c for s in chosen.values() for c in s)
    for c in sorted(weights, key=lambda c: -weights[c]):
        if cover[c]:
            continue
        for a in sorted(AIMAG_CODES, key=lambda x: -AIMAG_COUNTS[x]):
            out = [d for d in chosen[a] if d not in forced[a] and cover[d] > 3]
            if out:
                break
        drop = max(out, key=lambda d: (cover[d], d))
        chosen[a].remove(drop)
        chosen[a].add(c)
        cover[drop] -= 1
        cover[c] += 1
    for c in rare_codes:
        assert 1 <= cover[c] <= 2, c
    order = {s["code"]: i for i, s in enumerate(catalogue_order(services))}
    return {a: {"services": sorted(chosen[a], key=order.get)} for a in AIMAG_CODES}


def build_variations(services, keys):
    by_key = dict(zip(keys, services, strict=False))
    out = []
    for a, k, ch, note_mn, note_en in VARIATIONS:
        svc = by_key[k]
        v = {"aimag": a, "service": svc["code"]}
        if "norm" in ch:
            v["service_norm_days"] = ch["norm"]
        if "fee" in ch:
            v["fee_mnt"] = ch["fee"]
        if "docs" in ch:
            v["extra_documents"] = []
            for token in ch["docs"]:
                d = token.rstrip("?")
                mn, en, dmn, den = DOCS[d]
                v["extra_documents"].append(
                    {
                        "code": d,
                        "name_mn": mn,
                        "name_en": en,
                        "is_mandatory": not token.endswith("?"),
                        "description_mn": dmn,
                        "description_en": den,
                    }
                )
        if "fields" in ch:
            v["extra_form_fields"] = [
                dict(name=f, **(EXTRA_FIELDS.get(f) or FIELDS[f])) for f in ch["fields"]
            ]
        v["note_mn"], v["note_en"] = note_mn, note_en
        out.append(v)
    return out


# ---------------------------------------------------------------------------------------------------------------
# Validation
SERVICE_KEYS = [
    "code",
    "name_mn",
    "name_en",
    "description_mn",
    "description_en",
    "category",
    "life_event",
    "applicant",
    "level",
    "resolver_kind",
    "legal_basis_mn",
    "legal_basis_en",
    "documents",
    "form",
    "fee_mnt",
    "fee_is_locally_adjustable",
    "statutory_deadline_days",
    "service_norm_days",
    "result",
    "result_name_mn",
    "result_name_en",
    "channels",
    "process_kind",
    "is_real_name",
    "source",
]
DOC_KEYS = {"code", "name_mn", "name_en", "is_mandatory", "description_mn", "description_en"}
FIELD_BASE = {"name", "type", "label_mn", "label_en", "help_mn", "help_en", "required"}
CYR = re.compile(r"[А-Яа-яЁёӨөҮү]")


def is_int(x):
    return isinstance(x, int) and not isinstance(x, bool)


def check_doc(d, where):
    assert set(d) == DOC_KEYS, where
    assert re.fullmatch(r"[A-Z0-9_]+", d["code"]), where
    assert isinstance(d["is_mandatory"], bool), where
    for k in ("name_mn", "description_mn"):
        assert isinstance(d[k], str) and CYR.search(d[k]), where
    for k in ("name_en", "description_en"):
        assert isinstance(d[k], str) and d[k] and not CYR.search(d[k]), where


def check_fields(fields, where, earlier=()):
    seen = {f["name"]: f for f in earlier}
    for f in fields:
        w = "{}/{}".format(where, f.get("name"))
        extra = set(f) - FIELD_BASE
        assert set(f) >= FIELD_BASE and extra <= {"choices", "min", "max", "max_length", "visible_if"}, w
        assert re.fullmatch(r"[a-z][a-z0-9_]*", f["name"]) and f["name"] not in seen, w
        assert f["type"] in FIELD_TYPES and isinstance(f["required"], bool), w
        for k in ("label_mn", "help_mn"):
            assert isinstance(f[k], str) and CYR.search(f[k]), w
        for k in ("label_en", "help_en"):
            assert isinstance(f[k], str) and f[k] and not CYR.search(f[k]), w
        is_choice = f["type"] in ("choice", "multichoice")
        assert ("choices" in f) == is_choice, w
        if is_choice:
            vals = [c["value"] for c in f["choices"]]
            assert len(vals) >= 2 and len(set(vals)) == len(vals), w
            for c in f["choices"]:
                assert set(c) == {"value", "label_mn", "label_en"} and re.fullmatch(
                    r"[a-z0-9_]+", c["value"]
                ), w
        assert ("min" not in f and "max" not in f) or f["type"] == "number", w
        if f["type"] == "number":
            assert (
                is_int(f.get("min", 0)) and is_int(f.get("max", 0)) and f.get("min", 0) <= f.get("max", 10**9)
            ), w
        assert "max_length" not in f or (f["type"] in ("text", "textarea") and is_int(f["max_length"])), w
        if "visible_if" in f:
            vi = f["visible_if"]
            assert set(vi) == {"field", "equals"} and vi["field"] in seen, w
            parent = seen[vi["field"]]
            if "choices" in parent:
                assert vi["equals"] in [c["value"] for c in parent["choices"]], w
            elif parent["type"] == "boolean":
                assert isinstance(vi["equals"], bool), w
        seen[f["name"]] = f


def validate_services(services):
    assert len(services) == TOTAL_SERVICES, len(services)
    assert len({s["code"] for s in services}) == TOTAL_SERVICES
    assert len({s["name_mn"] for s in services}) == TOTAL_SERVICES
    assert len({s["name_en"] for s in services}) == TOTAL_SERVICES
    for s in services:
        w = s["code"]
        assert list(s) == SERVICE_KEYS, w
        assert (
            re.fullmatch(r"[A-Z]+-\d{3}", s["code"]) and s["code"].split("-")[0] == PREFIX[s["category"]]
        ), w
        for k in ("name_mn", "description_mn", "legal_basis_mn", "result_name_mn"):
            assert isinstance(s[k], str) and CYR.search(s[k]) and s[k] == s[k].strip(), w
        for k in ("name_en", "description_en", "legal_basis_en", "result_name_en"):
            assert isinstance(s[k], str) and s[k] and not CYR.search(s[k]), w
        assert s["description_mn"].endswith(".") and s["description_en"].endswith("."), w
        assert s["category"] in CATEGORIES and s["life_event"] in LIFE_EVENTS, w
        assert s["applicant"] in ("citizen", "business", "both") and s["level"] in ("aimag", "soum"), w
        assert s["resolver_kind"] in RESOLVERS, w
        assert (s["resolver_kind"] == "soum_governor_office") == (s["level"] == "soum"), w
        assert re.fullmatch(r".+ хууль, \d+ дугаар зүйл", s["legal_basis_mn"]), w
        assert re.fullmatch(r"(Law|General).+, Article \d+", s["legal_basis_en"]), w
        assert 1 <= len(s["documents"]) <= 4, w
        for d in s["documents"]:
            check_doc(d, w)
        assert len({d["code"] for d in s["documents"]}) == len(s["documents"]), w
        assert 2 <= len(s["form"]) <= 6, w
        check_fields(s["form"], w)
        assert is_int(s["fee_mnt"]) and s["fee_mnt"] >= 0, w
        assert isinstance(s["fee_is_locally_adjustable"], bool), w
        assert is_int(s["statutory_deadline_days"]) and is_int(s["service_norm_days"]), w
        assert 1 <= s["service_norm_days"] <= s["statutory_deadline_days"] <= 60, w
        assert s["result"] in ("document", "decision"), w
        assert s["channels"][0] == "online" and set(s["channels"]) <= {"online", "operator", "khurdan"}, w
        assert len(set(s["channels"])) == len(s["channels"]), w
        assert s["process_kind"] in PROCESS_KINDS, w
        assert isinstance(s["is_real_name"], bool) and (s["source"] != "") == s["is_real_name"], w
    assert sum(1 for s in services if any("visible_if" in f for f in s["form"])) >= 20


def validate_adoptions(adoptions, services):
    codes = {s["code"] for s in services}
    by_code = {s["code"]: s for s in services}
    assert adoptions["format"] == "nutag-demo-adoptions" and adoptions["version"] == 1
    aimags = adoptions["aimags"]
    assert sorted(aimags) == sorted(AIMAG_CODES)
    for a, plan in aimags.items():
        lst = plan["services"]
        assert len(lst) == len(set(lst)) and set(lst) <= codes, a
        assert len(lst) == AIMAG_COUNTS[a], (a, len(lst))
        assert 25 <= len(lst) <= 90, a
    for a, n in FIXED_COUNTS.items():
        assert len(aimags[a]["services"]) == n, a
    assert set().union(*[set(p["services"]) for p in aimags.values()]) == codes
    vs = adoptions["variations"]
    assert 30 <= len(vs) <= 60
    assert len({(v["aimag"], v["service"]) for v in vs}) == len(vs)
    assert sum(1 for v in vs if v["aimag"] in FIXED_COUNTS) > len(vs) / 2
    longer = shorter = 0
    for v in vs:
        w = "{}/{}".format(v["aimag"], v["service"])
        assert set(v) <= {
            "aimag",
            "service",
            "service_norm_days",
            "fee_mnt",
            "extra_documents",
            "extra_form_fields",
            "note_mn",
            "note_en",
        }, w
        assert set(v) - {"aimag", "service", "note_mn", "note_en"}, w
        assert v["service"] in aimags[v["aimag"]]["services"], w
        s = by_code[v["service"]]
        assert CYR.search(v["note_mn"]) and v["note_en"] and not CYR.search(v["note_en"]), w
        if "service_norm_days" in v:
            n = v["service_norm_days"]
            assert is_int(n) and 1 <= n <= s["statutory_deadline_days"] and n != s["service_norm_days"], w
            longer += n > s["service_norm_days"]
            shorter += n < s["service_norm_days"]
        if "fee_mnt" in v:
            assert s["fee_is_locally_adjustable"] and is_int(v["fee_mnt"]) and v["fee_mnt"] >= 0, w
            assert v["fee_mnt"] != s["fee_mnt"], w
        if "extra_documents" in v:
            assert v["extra_documents"], w
            have = {d["code"] for d in s["documents"]}
            for d in v["extra_documents"]:
                check_doc(d, w)
                assert d["code"] not in have, w
                have.add(d["code"])
        if "extra_form_fields" in v:
            assert v["extra_form_fields"], w
            check_fields(v["extra_form_fields"], w, earlier=s["form"])
    assert longer and shorter


# ---------------------------------------------------------------------------------------------------------------
def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args()
    rng = random.Random(2023)

    real = load_real(args.csv)
    used = {s["mn"] for s in SERVICES if s["real"]}
    assert used == set(real), sorted(set(real) ^ used)
    services = build_services(real)
    keys = [s["key"] for s in SERVICES]
    assert len(set(keys)) == len(keys)
    validate_services(services)

    real_aimags = {}
    with open(args.csv, encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["level"] == "aimag"]
    key_of = {s["mn"]: s["key"] for s in SERVICES if s["real"]}
    for r in rows:
        m = re.search(r"\((Төв аймаг|Хэнтий аймаг)\)$", r["name_mn"])
        if m:
            real_aimags.setdefault(key_of[strip_mn(r["name_mn"])], set()).add(CSV_AIMAG[m.group(1)])
    real_aimags = {k: sorted(v) for k, v in real_aimags.items()}

    adoptions = {
        "format": "nutag-demo-adoptions",
        "version": 1,
        "aimags": build_adoptions(services, keys, real_aimags, rng),
        "variations": build_variations(services, keys),
    }
    validate_adoptions(adoptions, services)

    args.out.mkdir(parents=True, exist_ok=True)
    for name, data in (
        (
            "services.json",
            {"format": "nutag-demo-catalogue", "version": 1, "services": catalogue_order(services)},
        ),
        ("adoptions.json", adoptions),
    ):
        (args.out / name).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

    cover = collections.Counter(c for p in adoptions["aimags"].values() for c in p["services"])
    print(f"services: {len(services)} ({sum(s['is_real_name'] for s in services)} real names)")
    print("by category:", dict(collections.Counter(s["category"] for s in services)))
    print("by process_kind:", dict(collections.Counter(s["process_kind"] for s in services)))
    print("by level:", dict(collections.Counter(s["level"] for s in services)))
    print("with visible_if:", sum(1 for s in services if any("visible_if" in f for f in s["form"])))
    print("per aimag:", " ".join(f"{a}:{len(adoptions['aimags'][a]['services'])}" for a in AIMAG_CODES))
    print("offered in 1-2 aimags:", sorted(c for c, n in cover.items() if n <= 2))
    print(f"variations: {len(adoptions['variations'])}")
    print("wrote", args.out / "services.json", "and", args.out / "adoptions.json")


if __name__ == "__main__":
    main()
