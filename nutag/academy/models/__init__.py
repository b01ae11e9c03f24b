from nutag.academy.models.ratings import ServiceRating
from nutag.academy.models.surveys import Answer, Participation, Question, Response, Survey
from nutag.academy.models.training import Participant, Programme, TrainingSession, Visit, VisitPlan

__all__ = [
    "Answer",
    "Participant",
    "Participation",
    "Programme",
    "Question",
    "Response",
    "ServiceRating",
    "Survey",
    "TrainingSession",
    "Visit",
    "VisitPlan",
]
