"""Due times of timers: ISO 8601 calendar durations and working days, always in UTC."""

from __future__ import annotations

import calendar as _calendar
from datetime import UTC, datetime, timedelta
from typing import Protocol

from .expressions import ISO_DURATION_RE, Duration, ExpressionError


class WorkingCalendar(Protocol):
    """What the engine needs from a working calendar; the host plugs in one that knows public holidays."""

    def add_working_days(self, start: datetime, days: int) -> datetime: ...


class WeekendCalendar:
    """Monday to Friday are working days; Saturdays and Sundays are not. No public holidays."""

    def is_working_day(self, moment: datetime) -> bool:
        return moment.weekday() < 5

    def add_working_days(self, start: datetime, days: int) -> datetime:
        moment = start
        while days > 0:
            moment += timedelta(days=1)
            if self.is_working_day(moment):
                days -= 1
        return moment


def add_months(start: datetime, months: int) -> datetime:
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    day = min(start.day, _calendar.monthrange(year, month)[1])
    return start.replace(year=year, month=month, day=day)


def add_iso_duration(start: datetime, iso: str) -> datetime:
    match = ISO_DURATION_RE.match(iso.strip().upper())
    if match is None:
        raise ExpressionError(f"{iso!r} is not an ISO 8601 duration such as P5D or PT4H.")
    years, months, weeks, days, hours, minutes = (int(part or 0) for part in match.groups()[:6])
    seconds = float(match.group(7) or 0)
    moment = add_months(start, years * 12 + months)
    return moment + timedelta(weeks=weeks, days=days, hours=hours, minutes=minutes, seconds=seconds)


def due_at(value: Duration | str, start: datetime, calendar: WorkingCalendar) -> datetime:
    """When a timer started at ``start`` is due. ``value`` is a Duration or an ISO date-time string."""
    if start.tzinfo is None:
        raise ValueError("Timers need timezone-aware datetimes.")
    if isinstance(value, Duration):
        if value.working_days is not None:
            return calendar.add_working_days(start, value.working_days).astimezone(UTC)
        return add_iso_duration(start, value.iso or "PT0S").astimezone(UTC)
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)  # a date-time written without offset is read as UTC
    return moment.astimezone(UTC)
