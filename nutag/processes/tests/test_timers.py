"""Deadlines, reminders and escalations on Nutag's own clock (a controlled clock in tests, never sleeps)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from nutag.processes import engine
from nutag.processes.modeling.expressions import Duration
from nutag.processes.modeling.timing import WeekendCalendar, add_iso_duration, due_at

from .conftest import compiled, data_bytes
from .helpers import do_service, do_user_task, ended_at, open_elements

FRIDAY = datetime(2026, 3, 6, 16, 0, tzinfo=UTC)


class HolidayCalendar(WeekendCalendar):
    def __init__(self, holidays: set[tuple[int, int]]) -> None:
        self.holidays = holidays

    def is_working_day(self, moment: datetime) -> bool:
        return super().is_working_day(moment) and (moment.month, moment.day) not in self.holidays


def test_working_days_skip_the_weekend() -> None:
    assert WeekendCalendar().add_working_days(FRIDAY, 1) == datetime(2026, 3, 9, 16, 0, tzinfo=UTC)
    assert WeekendCalendar().add_working_days(FRIDAY, 5) == datetime(2026, 3, 13, 16, 0, tzinfo=UTC)
    saturday = datetime(2026, 3, 7, 10, 0, tzinfo=UTC)
    assert WeekendCalendar().add_working_days(saturday, 1) == datetime(2026, 3, 9, 10, 0, tzinfo=UTC)


def test_iso_durations_follow_the_calendar() -> None:
    assert add_iso_duration(datetime(2026, 1, 31, tzinfo=UTC), "P1M") == datetime(2026, 2, 28, tzinfo=UTC)
    assert add_iso_duration(FRIDAY, "P1DT2H30M") == FRIDAY + timedelta(days=1, hours=2, minutes=30)
    assert add_iso_duration(FRIDAY, "P2W") == FRIDAY + timedelta(days=14)
    assert due_at("2026-12-31T17:00:00Z", FRIDAY, WeekendCalendar()) == datetime(2026, 12, 31, 17, tzinfo=UTC)
    with pytest.raises(ValueError):
        due_at(Duration(iso="P1D"), datetime(2026, 1, 1), WeekendCalendar())


def test_working_day_reminder_fires_after_the_weekend() -> None:
    model = compiled("reference_letter")
    state = engine.start(model, {}, now=FRIDAY)
    [task] = engine.open_user_tasks(model, state)
    assert task.reminder_at == datetime(2026, 3, 9, 16, 0, tzinfo=UTC) and task.due_at is None
    assert engine.fire_due_timers(model, state, now=datetime(2026, 3, 8, 23, 0, tzinfo=UTC)) == state
    state = engine.fire_due_timers(model, state, now=datetime(2026, 3, 9, 16, 0, tzinfo=UTC))
    [reminder] = engine.pending_service_tasks(model, state)
    assert reminder.kind == "notify-staff"
    assert open_elements(model, state) == ["check_register"]  # a reminder does not take the task away
    state = do_service(model, state, "notify-staff", FRIDAY)
    assert engine.due_timers(model, state) == []
    state = do_user_task(model, state, "check_register", FRIDAY, decision="approve")
    state = do_service(model, state, "issue-result", FRIDAY)
    assert ended_at(model, state) == "issued"


def test_the_host_calendar_knows_public_holidays() -> None:
    model = compiled("welfare_committee")
    monday = datetime(2026, 7, 6, 9, 0, tzinfo=UTC)
    naadam = HolidayCalendar({(7, 11), (7, 12), (7, 13), (7, 14), (7, 15)})
    state = engine.start(model, {}, now=monday, calendar=naadam)
    state = do_user_task(model, state, "check", monday, decision="complete")
    assert engine.open_user_tasks(model, state)[0].reminder_at == monday + timedelta(days=14)
    state = engine.start(model, {}, now=monday)
    state = engine.complete_user_task(model, state, engine.open_user_tasks(model, state)[0].task_id,
                                      {"decision": "complete"}, now=monday, calendar=naadam)  # fmt: skip
    assert engine.open_user_tasks(model, state)[0].reminder_at == monday + timedelta(days=17)


def test_overdue_review_escalates_to_the_supervisor(now: datetime) -> None:
    model = compiled("permit")
    state = engine.start(model, {}, now=now)
    [review] = engine.open_user_tasks(model, state)
    assert (review.due_at, review.reminder_at) == (now + timedelta(days=10), now + timedelta(days=5))
    assert [t.element_id for t in engine.due_timers(model, state)] == ["review_reminder", "review_overdue"]
    state = engine.fire_due_timers(model, state, now=now + timedelta(days=5))
    state = do_service(model, state, "notify-staff", now + timedelta(days=5))
    state = engine.fire_due_timers(model, state, now=now + timedelta(days=10, minutes=1))
    [take_over] = engine.open_user_tasks(model, state)
    assert (take_over.element_id, take_over.role) == ("take_over", "supervisor")
    assert engine.due_timers(model, state) == []
    state = do_user_task(model, state, "take_over", now, decision="approve")
    assert open_elements(model, state) == ["approve"]


def test_camunda_modeler_bare_duration_works(now: datetime) -> None:
    model = engine.compile_model(data_bytes("camunda_style.bpmn"))
    state = engine.start(model, {}, now=now)
    [timer] = engine.due_timers(model, state)
    assert (timer.element_id, timer.due_at, timer.interrupting) == (
        "Event_timer",
        now + timedelta(days=5),
        True,
    )
    state = engine.fire_due_timers(model, state, now=now + timedelta(days=5))
    assert ended_at(model, state) == "Event_late"


def test_timers_do_not_depend_on_the_wall_clock() -> None:
    model = compiled("permit")
    with time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=UTC), tick=False):
        state = engine.start(model, {})  # now defaults to the current time
    [review_reminder, _] = engine.due_timers(model, state)
    assert review_reminder.due_at == datetime(2026, 3, 7, 9, 0, tzinfo=UTC)
    with time_machine.travel(datetime(2030, 1, 1, tzinfo=UTC), tick=False):
        # Years later on the wall clock, but the worker asks about a moment before the due time: nothing fires.
        assert engine.fire_due_timers(model, state, now=datetime(2026, 3, 6, tzinfo=UTC)) == state
        assert open_elements(model, engine.InstanceState.from_json(state.to_json())) == ["review"]
        state = engine.fire_due_timers(model, state)
    assert engine.due_timers(model, state) == []
    assert open_elements(model, state) == ["take_over"]
