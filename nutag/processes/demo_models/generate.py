"""Regenerate the demo reference processes and their aimag variants.

Run ``python -m nutag.processes.demo_models.generate`` after changing this file; the .bpmn files it writes
are committed and open in Camunda Modeler and bpmn.io.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from nutag.processes.modeling.builder import ProcessBuilder

HERE = Path(__file__).resolve().parent
DECIDE = 'decision == "{}"'


def fee_payment() -> ProcessBuilder:
    b = ProcessBuilder("fee_payment", "Fee payment", {"officer": 2},
                       "Shared sub-process: ask for the fee and wait for the payment (Төлбөр төлөх).")  # fmt: skip
    b.node("start", "fee_start", "Fee due", "officer", 0)
    b.node(
        "service",
        "request_fee",
        "Ask the applicant to pay the fee",
        "officer",
        1,
        implementation="nutag:request-fee",
    )
    b.node("receive", "wait_payment", "Wait for the payment", "officer", 2, message="payment_received",
           doc="The payment service sends payment_received with the amount paid.")  # fmt: skip
    b.boundary("payment_deadline", "14 days", "wait_payment", timer="P14D")
    b.node("end", "fee_paid", "Fee paid", "officer", 3)
    b.node("end", "fee_unpaid", "Fee not paid in time", "officer", 2.1, row=1)
    b.flow("fee_start", "request_fee")
    b.flow("request_fee", "wait_payment")
    b.flow("wait_payment", "fee_paid")
    b.flow("payment_deadline", "fee_unpaid")
    return b


def reference_letter(signoff: bool = False) -> ProcessBuilder:
    lanes = {"officer": 3, "supervisor": 1} if signoff else {"officer": 3}
    b = ProcessBuilder("reference_letter", "Reference letter", lanes,
                       "A reference letter (лавлагаа) issued after one check against the register.")  # fmt: skip
    b.node("start", "submitted", "Request submitted", "officer", 0)
    b.node("user", "check_register", "Check the request against the register", "officer", 1,
           doc="Бүртгэлтэй тулгаж шалгах. Choose approve or reject.")  # fmt: skip
    b.boundary("check_reminder", "Reminder after 1 working day", "check_register",
               timer="working_days(1)", interrupting=False)  # fmt: skip
    b.node(
        "service",
        "remind_officer",
        "Remind the officer",
        "officer",
        1,
        row=1,
        implementation="nutag:notify-staff",
    )
    b.node("end", "reminded", "Reminder sent", "officer", 1, row=2)
    b.node("exclusive", "eligible", "Eligible?", "officer", 2)
    issue_col, refusal_col = (5, 4) if signoff else (3, 3)
    b.node("service", "issue_letter", "Issue the reference letter", "officer", issue_col,
           implementation="nutag:issue-result")  # fmt: skip
    b.node("end", "issued", "Letter issued", "officer", issue_col + 1)
    b.node("service", "notify_refusal", "Notify the applicant of the refusal", "officer", refusal_col, row=1,
           implementation="nutag:notify-applicant")  # fmt: skip
    b.node("end", "refused", "Request refused", "officer", refusal_col + 1, row=1)
    b.flow("submitted", "check_register")
    b.flow("check_register", "eligible")
    b.flow("check_reminder", "remind_officer")
    b.flow("remind_officer", "reminded")
    if signoff:
        b.node("user", "sign_letter", "Sign the letter", "supervisor", 3, doc="Choose sign or reject.")
        b.node("exclusive", "signed", "Signed?", "supervisor", 4)
        b.flow("eligible", "sign_letter", "Approve", DECIDE.format("approve"), route="vh")
        b.flow("sign_letter", "signed")
        b.flow("signed", "issue_letter", "Sign", DECIDE.format("sign"), route="vh")
        b.flow("signed", "notify_refusal", "Reject", DECIDE.format("reject"))
    else:
        b.flow("eligible", "issue_letter", "Approve", DECIDE.format("approve"))
    b.flow("eligible", "notify_refusal", "Reject", DECIDE.format("reject"), route="hv")
    b.flow("issue_letter", "issued")
    b.flow("notify_refusal", "refused")
    return b


def _fee_and_issue(b: ProcessBuilder, source: str, col: float, what: str) -> None:
    b.node("call", "collect_fee", "Collect the fee", "officer", col, calledElement="fee_payment")
    b.node("exclusive", "paid", "Fee paid?", "officer", col + 1)
    b.node(
        "service",
        "issue_permit",
        f"Issue the {what}",
        "officer",
        col + 2,
        implementation="nutag:issue-result",
    )
    b.node("end", "issued", f"{what.capitalize()} issued", "officer", col + 3)
    b.node("end", "unpaid", "Closed: fee not paid", "officer", col + 2, row=1)
    b.flow(source, "collect_fee", "Approve", DECIDE.format("approve"), route="hv")
    b.flow("collect_fee", "paid")
    b.flow("paid", "issue_permit", "Paid", "payment_received == True")
    b.flow("paid", "unpaid", "Not paid", default=True, route="hv")
    b.flow("issue_permit", "issued")


def permit(extra_approval: bool = False) -> ProcessBuilder:
    b = ProcessBuilder("permit", "Permit", {"officer": 3, "supervisor": 2},
                       "Review, approval, fee and document (Зөвшөөрөл олгох).")  # fmt: skip
    b.node("start", "submitted", "Application submitted", "officer", 0)
    b.node("user", "review", "Review the application", "officer", 1, doc="Choose approve or reject.")
    b.boundary("review_reminder", "Reminder after 5 days", "review", timer="P5D", interrupting=False)
    b.boundary("review_overdue", "Overdue after 10 days", "review", timer="P10D", slot=1)
    b.node(
        "service",
        "remind_officer",
        "Remind the officer",
        "officer",
        1,
        row=1,
        implementation="nutag:notify-staff",
    )
    b.node("end", "reminded", "Reminder sent", "officer", 1, row=2)
    b.node("user", "take_over", "Take over the overdue review", "supervisor", 2, row=1,
           doc="The review is overdue: decide it yourself. Choose approve or reject.")  # fmt: skip
    b.node("exclusive", "reviewed", "Recommend?", "officer", 3)
    b.node("user", "approve", "Approve the permit", "supervisor", 4, doc="Choose approve or reject.")
    b.node("exclusive", "approved", "Approved?", "supervisor", 5)
    b.node("service", "notify_refusal", "Notify the applicant of the refusal", "officer", 3, row=1,
           implementation="nutag:notify-applicant")  # fmt: skip
    b.node("end", "refused", "Refused", "officer", 3, row=2)
    source = "approved"
    if extra_approval:
        b.node("user", "second_approval", "Second approval by the governor's office", "supervisor", 6,
               doc="Khovd aimag: the governor's office confirms every permit. Choose approve or reject.")  # fmt: skip
        b.node("exclusive", "second_approved", "Confirmed?", "supervisor", 7)
        b.flow("approved", "second_approval", "Approve", DECIDE.format("approve"))
        b.flow("second_approval", "second_approved")
        b.flow("second_approved", "notify_refusal", "Reject", DECIDE.format("reject"), route="vh")
        source = "second_approved"
    _fee_and_issue(b, source, 8 if extra_approval else 6, "permit")
    b.flow("submitted", "review")
    b.flow("review", "reviewed")
    b.flow("review_reminder", "remind_officer")
    b.flow("remind_officer", "reminded")
    b.flow("review_overdue", "take_over")
    b.flow("take_over", "reviewed")
    b.flow("reviewed", "approve", "Approve", DECIDE.format("approve"), route="hv")
    b.flow("reviewed", "notify_refusal", "Reject", DECIDE.format("reject"))
    b.flow("approve", "approved")
    b.flow("approved", "notify_refusal", "Reject", DECIDE.format("reject"), route="vh")
    b.flow("notify_refusal", "refused")
    return b


def welfare_committee(correction_days: int = 30) -> ProcessBuilder:
    b = ProcessBuilder("welfare_committee", "Welfare decision by committee", {"officer": 3, "supervisor": 2},
                       "Халамжийн шийдвэр: the committee decides; incomplete applications go back for correction.")  # fmt: skip
    b.node("start", "submitted", "Application submitted", "officer", 0)
    b.node("user", "check", "Check the application", "officer", 1, doc="Choose complete or return.")
    b.node("exclusive", "complete", "Complete?", "officer", 2)
    b.node("service", "return", "Return to the applicant for correction", "officer", 2, row=1,
           implementation="nutag:return-for-correction")  # fmt: skip
    b.node("receive", "wait_correction", "Wait for the corrected application", "officer", 1, row=1,
           message="correction_submitted")  # fmt: skip
    b.boundary("correction_deadline", f"{correction_days} days to correct", "wait_correction",
               timer=f"P{correction_days}D")  # fmt: skip
    b.node("end", "withdrawn", "Withdrawn: not corrected", "officer", 1.1, row=2)
    b.node("user", "committee", "Committee decision", "supervisor", 3, doc="Choose grant or refuse.")
    b.boundary(
        "committee_overdue", "Reminder after 10 working days", "committee", timer="P10WD", interrupting=False
    )
    b.node("service", "remind_committee", "Remind the committee", "supervisor", 3, row=1,
           implementation="nutag:notify-staff")  # fmt: skip
    b.node("end", "reminded", "Reminder sent", "supervisor", 4, row=1)
    b.node("exclusive", "granted", "Granted?", "supervisor", 4)
    b.node(
        "service",
        "issue_decision",
        "Issue the welfare decision",
        "officer",
        5,
        implementation="nutag:issue-result",
    )
    b.node("end", "decided", "Decision issued", "officer", 6)
    b.node("service", "notify_refusal", "Notify the applicant of the refusal", "supervisor", 5,
           implementation="nutag:notify-applicant")  # fmt: skip
    b.node("end", "refused", "Refused", "supervisor", 6)
    b.flow("submitted", "check")
    b.flow("check", "complete")
    b.flow("complete", "committee", "Complete", DECIDE.format("complete"), route="hv")
    b.flow("complete", "return", "Return", DECIDE.format("return"))
    b.flow("return", "wait_correction")
    b.flow("wait_correction", "check", "Corrected")
    b.flow("correction_deadline", "withdrawn")
    b.flow("committee", "granted")
    b.flow("committee_overdue", "remind_committee")
    b.flow("remind_committee", "reminded")
    b.flow("granted", "issue_decision", "Grant", DECIDE.format("grant"), route="vh")
    b.flow("granted", "notify_refusal", "Refuse", DECIDE.format("refuse"))
    b.flow("issue_decision", "decided")
    b.flow("notify_refusal", "refused")
    return b


def site_inspection_permit(inspection: bool = True) -> ProcessBuilder:
    b = ProcessBuilder("site_inspection_permit", "Permit with site inspection", {"officer": 3, "supervisor": 2},
                       "A permit that needs an inspection of the site (газар дээр үзлэг).")  # fmt: skip
    b.node("start", "submitted", "Application submitted", "officer", 0)
    b.node("user", "review", "Review the application", "officer", 1, doc="Choose approve or reject.")
    b.node("exclusive", "reviewed", "Accept?", "officer", 2)
    b.node("user", "check_documents", "Check the land documents", "supervisor", 4)
    b.node("user", "approve", "Approve the permit", "supervisor", 6, doc="Choose approve or reject.")
    b.node("exclusive", "approved", "Approved?", "supervisor", 7)
    b.node("service", "notify_refusal", "Notify the applicant of the refusal", "supervisor", 7, row=1,
           implementation="nutag:notify-applicant")  # fmt: skip
    b.node("end", "refused", "Refused", "supervisor", 8, row=1)
    if inspection:
        b.node("parallel", "split", "", "officer", 3)
        b.node("user", "inspect_site", "Inspect the site", "officer", 4, doc="Record the inspection report.")
        b.boundary(
            "inspection_deadline", "Inspection due in 7 days", "inspect_site", timer="P7D", interrupting=False
        )
        b.node("service", "remind_inspector", "Remind the inspector", "officer", 4, row=1,
               implementation="nutag:notify-staff")  # fmt: skip
        b.node("end", "reminded", "Reminder sent", "officer", 4, row=2)
        b.node("parallel", "join", "", "officer", 5)
        b.flow("reviewed", "split", "Approve", DECIDE.format("approve"))
        b.flow("split", "inspect_site")
        b.flow("split", "check_documents", route="vh")
        b.flow("inspect_site", "join")
        b.flow("check_documents", "join")
        b.flow("join", "approve")
        b.flow("inspection_deadline", "remind_inspector")
        b.flow("remind_inspector", "reminded")
    else:
        b.flow("reviewed", "check_documents", "Approve", DECIDE.format("approve"), route="hv")
        b.flow("check_documents", "approve")
    _fee_and_issue(b, "approved", 8, "permit")
    b.flow("submitted", "review")
    b.flow("review", "reviewed")
    b.flow("reviewed", "notify_refusal", "Reject", DECIDE.format("reject"), route="vh")
    b.flow("approve", "approved")
    b.flow("approved", "notify_refusal", "Reject", DECIDE.format("reject"))
    b.flow("notify_refusal", "refused")
    return b


MODELS: dict[str, Callable[[], ProcessBuilder]] = {
    "fee_payment": fee_payment,
    "reference_letter": reference_letter,
    "reference_letter__supervisor_signoff": lambda: reference_letter(signoff=True),
    "permit": permit,
    "permit__extra_approval": lambda: permit(extra_approval=True),
    "welfare_committee": welfare_committee,
    "welfare_committee__longer_deadline": lambda: welfare_committee(correction_days=45),
    "site_inspection_permit": site_inspection_permit,
    "site_inspection_permit__no_inspection": lambda: site_inspection_permit(inspection=False),
}


def main() -> None:
    for name, make in MODELS.items():
        (HERE / f"{name}.bpmn").write_bytes(make().to_xml())


if __name__ == "__main__":
    main()
