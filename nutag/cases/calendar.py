"""Working days: Monday to Friday, less the public holidays kept in the Holiday table. Deadlines count in
Mongolian local time (Asia/Ulaanbaatar), so a working day ends at local midnight whatever the server's zone."""

import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from nutag.cases.models import Holiday

LOCAL = ZoneInfo("Asia/Ulaanbaatar")

# The fixed public holidays of the Labour Law (2022, art. 83) and the lunar ones of the coming years. The lunar
# dates follow the Mongolian calendar and are set each year by government resolution: check them yearly.
FIXED = [
    ((1, 1), "Шинэ жил", "New Year"),
    ((3, 8), "Эмэгтэйчүүдийн баяр", "International Women's Day"),
    ((6, 1), "Хүүхдийн баяр", "Children's Day"),
    ((7, 11), "Үндэсний их баяр наадам", "Naadam"),
    ((7, 12), "Үндэсний их баяр наадам", "Naadam"),
    ((7, 13), "Үндэсний их баяр наадам", "Naadam"),
    ((7, 14), "Үндэсний их баяр наадам", "Naadam"),
    ((7, 15), "Үндэсний их баяр наадам", "Naadam"),
    ((11, 26), "Тусгаар тогтнолын өдөр", "Independence Day"),
    (
        (12, 29),
        "Үндэсний эрх чөлөө, тусгаар тогтнолоо сэргээсний баяр",
        "National Freedom and Independence Day",
    ),
]
LUNAR = {
    2026: [
        ("2026-02-18", "Цагаан сар"),
        ("2026-02-19", "Цагаан сар"),
        ("2026-02-20", "Цагаан сар"),
        ("2026-11-10", "Их Эзэн Чингис хааны өдөр"),
    ],
    2027: [
        ("2027-02-07", "Цагаан сар"),
        ("2027-02-08", "Цагаан сар"),
        ("2027-02-09", "Цагаан сар"),
        ("2027-11-29", "Их Эзэн Чингис хааны өдөр"),
    ],
    2028: [
        ("2028-02-26", "Цагаан сар"),
        ("2028-02-27", "Цагаан сар"),
        ("2028-02-28", "Цагаан сар"),
        ("2028-11-17", "Их Эзэн Чингис хааны өдөр"),
    ],
}


def holidays_load(years: range = range(2026, 2029)) -> int:
    """Adds the fixed and lunar holidays of `years` (idempotent); returns how many were added."""
    added = 0
    for year in years:
        entries = [(datetime.date(year, m, d), mn, en) for (m, d), mn, en in FIXED]
        entries += [
            (
                datetime.date.fromisoformat(day),
                mn,
                "Lunar New Year" if "Цагаан" in mn else "Chinggis Khaan's Day",
            )
            for day, mn in LUNAR.get(year, [])
        ]
        for date, name_mn, name_en in entries:
            added += Holiday.objects.get_or_create(
                date=date, defaults={"name_mn": name_mn, "name_en": name_en}
            )[1]
    holiday_dates.cache_clear()
    return added


@lru_cache(maxsize=1)
def holiday_dates() -> frozenset[datetime.date]:
    return frozenset(Holiday.objects.values_list("date", flat=True))


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in holiday_dates()


class WorkingCalendar:
    """What the engine and the deadline rules call to count working days."""

    def add_working_days(self, start: datetime.datetime, days: int) -> datetime.datetime:
        """The end of the `days`-th working day after `start` (the last second of that day, local time), in UTC."""
        day = start.astimezone(LOCAL).date()
        remaining = days
        while remaining > 0:
            day += datetime.timedelta(days=1)
            if is_working_day(day):
                remaining -= 1
        end = datetime.datetime.combine(day, datetime.time(23, 59, 59), tzinfo=LOCAL)
        return end.astimezone(datetime.UTC)

    def working_days_between(self, start: datetime.datetime, end: datetime.datetime) -> int:
        first, last = start.astimezone(LOCAL).date(), end.astimezone(LOCAL).date()
        count, day = 0, first
        while day < last:
            day += datetime.timedelta(days=1)
            count += is_working_day(day)
        return count


calendar = WorkingCalendar()
