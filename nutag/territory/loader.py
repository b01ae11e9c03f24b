"""Loads Mongolia's territory (aimags, the capital, soums, districts) from the CSV files shipped in data/.

Idempotent: a second run changes nothing and says so. Codes are the national administrative codes (see
data/README.md); rows are matched by code, never by name (soum names repeat across aimags).
"""

import csv
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from nutag.core.text import fold
from nutag.territory.choices import Level
from nutag.territory.models import TerritoryUnit

DATA_DIR = Path(__file__).resolve().parent / "data"
NATIONAL_CODE = "MN"
CAPITAL_CODE = "11"
# tzdata zone1970.tab: the three western aimags keep Hovd time (UTC+7).
HOVD_TIME_AIMAGS = {"83", "84", "85"}


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)

    def summary(self) -> str:
        return f"created {len(self.created)}, updated {len(self.updated)}, unchanged {self.unchanged}"


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _populations() -> dict[str, int]:
    return {row["code"]: int(row["population"]) for row in _rows("population.csv")}


@transaction.atomic
def territory_load() -> LoadReport:
    report = LoadReport()
    existing = {unit.code: unit for unit in TerritoryUnit.objects.all()}
    populations = _populations()

    def upsert(code: str, parent: TerritoryUnit | None, **values: object) -> TerritoryUnit:
        values["path"] = f"{parent.path}.{code}" if parent else code
        values["parent"] = parent
        values["search_text"] = fold(f"{values['name_mn']} {values['name_en']} {code}")
        unit = existing.get(code)
        if unit is None:
            unit = TerritoryUnit.objects.create(code=code, **values)
            report.created.append(code)
            return unit
        changed = [name for name, value in values.items() if getattr(unit, name) != value]
        if changed:
            for name in changed:
                setattr(unit, name, values[name])
            unit.save(update_fields=changed)
            report.updated.append(code)
        else:
            report.unchanged += 1
        return unit

    nation = upsert(
        NATIONAL_CODE,
        None,
        level=Level.NATIONAL,
        name_mn="Монгол Улс",
        name_en="Mongolia",
        iso_code="MN",
        centre_mn="Улаанбаатар",
        centre_en="Ulaanbaatar",
        time_zone="Asia/Ulaanbaatar",
        population=sum(populations.values()) or None,
    )
    tops: dict[str, TerritoryUnit] = {}
    for row in _rows("aimags.csv"):
        code = row["code"]
        tops[code] = upsert(
            code,
            nation,
            level=Level.CAPITAL if code == CAPITAL_CODE else Level.AIMAG,
            name_mn=row["name_mn"],
            name_en=row["name_en"],
            iso_code=row["iso_code"],
            centre_mn=row["centre_mn"],
            centre_en=row["centre_en"],
            time_zone="Asia/Hovd" if code in HOVD_TIME_AIMAGS else "Asia/Ulaanbaatar",
            population=populations.get(code),
        )
    for row in _rows("soums.csv"):
        top = tops[row["aimag_code"]]
        upsert(
            row["soum_code"],
            top,
            level=Level.DISTRICT if top.level == Level.CAPITAL else Level.SOUM,
            name_mn=row["name_mn"],
            name_en=row["name_en"],
            iso_code="",
            centre_mn="",
            centre_en="",
            time_zone=top.time_zone,
            population=None,
        )
    return report
