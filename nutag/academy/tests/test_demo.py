from django.test import Client
from django.urls import reverse

from nutag.academy.certificates import certificate_pdf
from nutag.academy.demo import academy_demo_load
from nutag.academy.models import Participant, Programme, Response, Survey, TrainingSession, VisitPlan
from nutag.academy.readiness import readiness_for
from nutag.accounts.demo import personas_demo_load
from nutag.accounts.models import User


def test_demo_loads_once_with_the_2023_round_and_readable_pages(world: None, client: Client) -> None:
    personas_demo_load()
    assert academy_demo_load() > 0
    assert academy_demo_load() == 0
    plan = VisitPlan.objects.get()
    visits = list(plan.visits.values_list("aimag__code", "starts_on"))
    assert len(visits) == 10 and str(plan.starts_on) == "2023-11-20" and str(plan.ends_on) == "2023-12-02"
    assert Programme.objects.count() == 4 and TrainingSession.objects.count() == 5
    assert Participant.objects.filter(user__isnull=True).count() == 3
    assert Survey.objects.filter(is_anonymous=True).get().responses.count() == 5
    assert Response.objects.filter(respondent__isnull=False).count() == 2
    report = readiness_for(paths=["MN"], aimag_code="44")["44"]
    assert (report.operators.done, report.operators.total) == (1, 1)  # operator.sainshand completed
    completed = Participant.objects.filter(completed_at__isnull=False, user__username="officer.bkh").get()
    pdf = certificate_pdf(completed, verification_url="https://nutag.example/academy/certificates/X/")
    assert pdf.startswith(b"%PDF") and len(pdf) > 1000
    client.force_login(User.objects.get(username="trainer.dornogovi"))
    home = client.get(reverse("academy:home")).content.decode()
    assert "Dornogovi" in home and reverse("academy:session-new") in home
    assert client.get(reverse("academy:plan", args=[plan.pk])).status_code == 200
    client.force_login(User.objects.get(username="analyst"))
    survey = Survey.objects.get(is_anonymous=True)
    assert client.get(reverse("academy:survey-results", args=[survey.pk])).status_code == 200
