"""Every demo process run for real through each of its paths."""

from __future__ import annotations

from datetime import datetime, timedelta

from nutag.processes import engine

from .conftest import compiled, demo_bytes
from .helpers import do_service, do_user_task, ended_at, open_elements


def test_reference_letter_approved_is_issued(now: datetime) -> None:
    model = compiled("reference_letter")
    state = engine.start(model, {"register_no": "УБ99112233"}, now=now)
    [task] = engine.open_user_tasks(model, state)
    assert (task.element_id, task.role, task.decision_field) == ("check_register", "officer", "decision")
    assert task.actions == [("approve", "Approve"), ("reject", "Reject")]
    state = do_user_task(model, state, "check_register", now, decision="approve")
    [service] = engine.pending_service_tasks(model, state)
    assert (service.kind, service.element_id) == ("issue-result", "issue_letter")
    state = do_service(model, state, "issue-result", now, document_no="RL-2026-1")
    assert ended_at(model, state) == "issued"
    assert engine.result(model, state).data["document_no"] == "RL-2026-1"
    assert engine.result(model, state).end_name == "Letter issued"


def test_reference_letter_rejected_notifies_the_applicant(now: datetime) -> None:
    model = compiled("reference_letter")
    state = engine.start(model, {}, now=now)
    state = do_user_task(model, state, "check_register", now, decision="reject", reason="not registered here")
    state = do_service(model, state, "notify-applicant", now)
    assert ended_at(model, state) == "refused"


def test_supervisor_signoff_variant_adds_a_signature(now: datetime) -> None:
    model = compiled("reference_letter__supervisor_signoff")
    state = engine.start(model, {}, now=now)
    state = do_user_task(model, state, "check_register", now, decision="approve")
    [sign] = engine.open_user_tasks(model, state)
    assert (sign.element_id, sign.role, [v for v, _ in sign.actions]) == (
        "sign_letter",
        "supervisor",
        ["sign", "reject"],
    )
    state = do_user_task(model, state, "sign_letter", now, decision="sign")
    state = do_service(model, state, "issue-result", now)
    assert ended_at(model, state) == "issued"


def test_permit_approved_paid_and_issued(now: datetime) -> None:
    model = compiled("permit")
    state = engine.start(model, {"fee_mnt": 15000}, now=now)
    state = do_user_task(model, state, "review", now, decision="approve")
    assert open_elements(model, state) == ["approve"]
    assert engine.open_user_tasks(model, state)[0].role == "supervisor"
    state = do_user_task(model, state, "approve", now, decision="approve")
    state = do_service(model, state, "request-fee", now, invoice_no="INV-7")
    assert engine.waiting_messages(model, state) == ["payment_received"]
    assert "wait_payment" in engine.current_elements(model, state)
    state = engine.send_message(model, state, "payment_received", {"amount_mnt": 15000}, now=now)
    state = do_service(model, state, "issue-result", now)
    assert ended_at(model, state) == "issued"
    data = engine.result(model, state).data
    assert (data["payment_received"], data["amount_mnt"], data["invoice_no"]) == (True, 15000, "INV-7")


def test_permit_fee_not_paid_in_time_closes_the_request(now: datetime) -> None:
    model = compiled("permit")
    state = engine.start(model, {}, now=now)
    state = do_user_task(model, state, "review", now, decision="approve")
    state = do_user_task(model, state, "approve", now, decision="approve")
    state = do_service(model, state, "request-fee", now)
    [timer] = engine.due_timers(model, state)
    assert (timer.element_id, timer.due_at) == ("payment_deadline", now + timedelta(days=14))
    state = engine.fire_due_timers(model, state, now=now + timedelta(days=14))
    assert ended_at(model, state) == "unpaid"


def test_permit_refused_by_the_supervisor(now: datetime) -> None:
    model = compiled("permit")
    state = engine.start(model, {}, now=now)
    state = do_user_task(model, state, "review", now, decision="approve")
    state = do_user_task(model, state, "approve", now, decision="reject")
    state = do_service(model, state, "notify-applicant", now)
    assert ended_at(model, state) == "refused"
    assert engine.due_timers(model, state) == []


def test_permit_with_extra_approval_asks_the_governors_office(now: datetime) -> None:
    model = compiled("permit__extra_approval")
    state = engine.start(model, {}, now=now)
    state = do_user_task(model, state, "review", now, decision="approve")
    state = do_user_task(model, state, "approve", now, decision="approve")
    assert open_elements(model, state) == ["second_approval"]
    state = do_user_task(model, state, "second_approval", now, decision="reject")
    state = do_service(model, state, "notify-applicant", now)
    assert ended_at(model, state) == "refused"


def test_welfare_return_for_correction_loop_then_grant(now: datetime) -> None:
    model = compiled("welfare_committee")
    state = engine.start(model, {"household_size": 5}, now=now)
    for round_ in range(2):
        state = do_user_task(model, state, "check", now, decision="return", missing=["income statement"])
        state = do_service(model, state, "return-for-correction", now)
        assert engine.waiting_messages(model, state) == ["correction_submitted"]
        assert open_elements(model, state) == []
        state = engine.send_message(model, state, "correction_submitted", {"round": round_}, now=now)
        assert open_elements(model, state) == ["check"]
    state = do_user_task(model, state, "check", now, decision="complete")
    state = do_user_task(model, state, "committee", now, decision="grant", amount_mnt=120000)
    state = do_service(model, state, "issue-result", now)
    assert ended_at(model, state) == "decided"
    assert engine.result(model, state).data["round"] == 1


def test_welfare_refused_by_the_committee(now: datetime) -> None:
    model = compiled("welfare_committee")
    state = engine.start(model, {}, now=now)
    state = do_user_task(model, state, "check", now, decision="complete")
    state = do_user_task(model, state, "committee", now, decision="refuse")
    state = do_service(model, state, "notify-applicant", now)
    assert ended_at(model, state) == "refused"


def test_welfare_not_corrected_in_time_is_withdrawn(now: datetime) -> None:
    model = compiled("welfare_committee")
    state = engine.start(model, {}, now=now)
    state = do_user_task(model, state, "check", now, decision="return")
    state = do_service(model, state, "return-for-correction", now)
    assert engine.fire_due_timers(model, state, now=now + timedelta(days=29)) == state
    state = engine.fire_due_timers(model, state, now=now + timedelta(days=30))
    assert ended_at(model, state) == "withdrawn"


def test_site_inspection_runs_inspection_and_document_check_in_parallel(now: datetime) -> None:
    model = compiled("site_inspection_permit")
    state = engine.start(model, {}, now=now)
    state = do_user_task(model, state, "review", now, decision="approve")
    tasks = {t.element_id: t for t in engine.open_user_tasks(model, state)}
    assert {k: (t.role, t.actions) for k, t in tasks.items()} == {
        "inspect_site": ("officer", []), "check_documents": ("supervisor", [])
    }  # fmt: skip
    state = do_user_task(model, state, "check_documents", now, documents_ok=True)
    assert open_elements(model, state) == ["inspect_site"]
    state = do_user_task(model, state, "inspect_site", now, inspection_report="fence in place")
    state = do_user_task(model, state, "approve", now, decision="approve")
    state = do_service(model, state, "request-fee", now)
    state = engine.send_message(model, state, "payment_received", {}, now=now)
    state = do_service(model, state, "issue-result", now)
    assert ended_at(model, state) == "issued"


def test_variant_without_inspection_goes_straight_to_the_documents(now: datetime) -> None:
    model = compiled("site_inspection_permit__no_inspection")
    state = engine.start(model, {}, now=now)
    state = do_user_task(model, state, "review", now, decision="approve")
    assert open_elements(model, state) == ["check_documents"]
    state = do_user_task(model, state, "check_documents", now)
    state = do_user_task(model, state, "approve", now, decision="reject")
    state = do_service(model, state, "notify-applicant", now)
    assert ended_at(model, state) == "refused"


def test_shared_sub_process_may_reuse_the_callers_element_ids(now: datetime) -> None:
    fee = demo_bytes("fee_payment").replace(b"wait_payment", b"review").replace(b"request_fee", b"approve")
    model = engine.compile_model(demo_bytes("permit"), library=[fee])
    state = engine.start(model, {}, now=now)
    assert open_elements(model, state) == ["review"]
    state = do_user_task(model, state, "review", now, decision="approve")
    state = do_user_task(model, state, "approve", now, decision="approve")
    [service] = engine.pending_service_tasks(model, state)
    assert (service.element_id, service.kind) == ("approve", "request-fee")
    state = engine.complete_service_task(model, state, service.task_id, now=now)
    assert open_elements(model, state) == [] and engine.waiting_messages(model, state) == ["payment_received"]
    state = engine.send_message(model, state, "payment_received", {}, now=now)
    state = do_service(model, state, "issue-result", now)
    assert ended_at(model, state) == "issued"
