from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from nutag.organisations.choices import OrganisationKind
from nutag.organisations.selectors import organisations_for_list
from nutag.territory.choices import Level
from nutag.territory.selectors import top_level_units, units_search


def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user.is_authenticated and not getattr(user, "is_citizen", True):
        return redirect("workspace:home")
    return render(request, "portal/home.html", {"aimags": top_level_units()})


def places(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:100]
    aimag = request.GET.get("aimag", "")
    within = f"MN.{aimag}" if aimag.isdigit() else ""
    units = units_search(
        query=query, levels=[Level.AIMAG, Level.CAPITAL, Level.SOUM, Level.DISTRICT], within=within
    )
    page = Paginator(units, 60).get_page(request.GET.get("page"))
    return render(
        request,
        "portal/places.html",
        {"page": page, "query": query, "aimags": top_level_units(), "aimag": aimag},
    )


def organisations(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:100]
    kind = request.GET.get("kind", "")
    if kind not in OrganisationKind.values:
        kind = ""
    found = organisations_for_list(user=request.user, query=query, kind=kind)
    page = Paginator(found, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "portal/organisations.html",
        {"page": page, "query": query, "kind": kind, "kinds": OrganisationKind.choices},
    )
