"""What an online request saves a citizen compared with going in person, in whole tögrögs.

For each request delivered online (completed, channel online) the citizen did not make `visits` return trips
(by default two: to apply and to collect the result) of `distance` km each way to the office:

    saving = visits × (2 × distance × fare_mnt_per_km
                       + (2 × distance ÷ speed_kmh + hours_at_office) × value_of_time_mnt_per_hour)
             + paper_mnt

`distance` depends on who resolves the service and where the citizen lives:
- a soum service: home to the soum centre, `soum_distance_km` (a herder household's typical distance);
- an aimag service: soum to the aimag centre, the mean distance from a point of the aimag to its centre,
  taken as ⅔ of the radius of a disc of the aimag's area (from the boundary file) times `road_factor_percent`;
- in Ulaanbaatar, `city_distance_km` either way.

The defaults are assumptions to be replaced with measured ones: set `NUTAG_SAVINGS = {"fare_mnt_per_km": ...}`
in the settings to change any of them; `visits_by_service` maps a service code to its own number of visits.
"""

from dataclasses import dataclass, field, fields, replace
from typing import Any

from django.conf import settings

from nutag.analytics.geography import aimag_shapes
from nutag.catalog.choices import ServiceLevel

CAPITAL = "11"


@dataclass(frozen=True)
class SavingsModel:
    fare_mnt_per_km: int = 100  # shared car or bus fare per passenger-km outside the capital
    value_of_time_mnt_per_hour: int = 4_000  # ≈ the monthly minimum wage ÷ 172 working hours
    paper_mnt: int = 1_000  # copies and printing of the documents handed in on paper
    speed_kmh: int = 50  # average speed on Mongolia's rural roads
    hours_at_office: int = 1  # queueing and being served, per visit
    visits: int = 2  # apply, then collect the result
    soum_distance_km: int = 15
    city_distance_km: int = 8
    road_factor_percent: int = 130  # roads are longer than straight lines
    visits_by_service: dict[str, int] = field(default_factory=dict)

    def distance_km(self, *, aimag_code: str, level: str) -> float:
        if aimag_code == CAPITAL:
            return float(self.city_distance_km)
        if level == ServiceLevel.AIMAG:
            shape = aimag_shapes().get(aimag_code)
            if shape is not None:
                return shape.mean_distance_to_centre_km * self.road_factor_percent / 100
        return float(self.soum_distance_km)

    def per_request_mnt(self, *, aimag_code: str, level: str, service_code: str = "") -> int:
        distance = self.distance_km(aimag_code=aimag_code, level=level)
        visits = self.visits_by_service.get(service_code, self.visits)
        trip = 2 * distance * self.fare_mnt_per_km
        hours = 2 * distance / self.speed_kmh + self.hours_at_office
        return round(visits * (trip + hours * self.value_of_time_mnt_per_hour) + self.paper_mnt)


def savings_model() -> SavingsModel:
    overrides: dict[str, Any] = getattr(settings, "NUTAG_SAVINGS", {})
    known = {f.name for f in fields(SavingsModel)}
    return replace(SavingsModel(), **{k: v for k, v in overrides.items() if k in known})
