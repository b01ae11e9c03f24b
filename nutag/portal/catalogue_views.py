"""The public catalogue: what services there are, and where and how to use them."""

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from nutag.catalog.choices import Category, LifeEvent, ServiceLevel
from nutag.catalog.models import ReferenceService
from nutag.catalog.selectors import offered_in, published_services, service_offers
from nutag.territory.choices import Level
from nutag.territory.models import TerritoryUnit
from nutag.territory.selectors import top_level_units


def _place(request: HttpRequest) -> TerritoryUnit | None:
    """The soum (or aimag) the visitor asked about, else the signed-in citizen's home soum."""
    code = request.GET.get("soum") or request.GET.get("aimag") or ""
    if code:
        return TerritoryUnit.objects.filter(code=code).exclude(level=Level.NATIONAL).first()
    return getattr(request.user, "home_territory", None)


def catalogue(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:100]
    category = request.GET.get("category", "")
    life_event = request.GET.get("life_event", "")
    category = category if category in Category.values else ""
    life_event = life_event if life_event in LifeEvent.values else ""
    place = _place(request)
    services = published_services(query=query, category=category, life_event=life_event)
    if place is not None and not place.is_top_level:
        services = offered_in(services, place)
    page = Paginator(services, 30).get_page(request.GET.get("page"))
    aimags = top_level_units()
    soums = (
        TerritoryUnit.objects.filter(level__in=[Level.SOUM, Level.DISTRICT])
        .select_related("parent")
        .order_by("path")
    )
    return render(
        request,
        "portal/catalogue.html",
        {
            "page": page,
            "query": query,
            "category": category,
            "life_event": life_event,
            "place": place,
            "categories": Category.choices,
            "life_events": LifeEvent.choices,
            "aimags": aimags,
            "soums": soums,
        },
    )


def service_detail(request: HttpRequest, code: str) -> HttpResponse:
    service = (
        ReferenceService.objects.filter(code=code, current_version__isnull=False)
        .select_related("current_version")
        .first()
    )
    if service is None:
        raise Http404
    version = service.current_version
    assert version is not None
    offers = list(service_offers(service=service))
    place = _place(request)
    local = None
    if place is not None:
        wanted = place.path if version.level == ServiceLevel.SOUM else ".".join(place.path.split(".")[:2])
        local = next((offer for offer in offers if offer.territory_path == wanted), None)
    aimags_offering = (
        sorted(
            {
                (offer.territory.parent or offer.territory)
                if not offer.territory.is_top_level
                else offer.territory
                for offer in offers
            },
            key=lambda unit: unit.code,
        )
        if offers
        else []
    )
    return render(
        request,
        "portal/service.html",
        {
            "service": service,
            "version": version,
            "place": place,
            "local": local,
            "offers": offers,
            "fee_mnt": local.effective_fee_mnt if local else version.fee_mnt,
            "norm_days": local.effective_norm_days if local else version.service_norm_days,
            "aimags_offering": aimags_offering,
            "soums": TerritoryUnit.objects.filter(level__in=[Level.SOUM, Level.DISTRICT])
            .select_related("parent")
            .order_by("path"),
        },
    )
