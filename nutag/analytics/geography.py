"""Mongolia's aimags drawn from their real boundaries (territory/data/aimags.geojson, NSO Mongolia / UN OCHA
COD-AB, simplified): an equirectangular projection scaled by cos 47° (the country's middle latitude), which
keeps shapes honest at this size, plus each aimag's area and centroid for the savings model."""

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

GEOJSON = Path(__file__).resolve().parents[1] / "territory" / "data" / "aimags.geojson"
SCALE = math.cos(math.radians(47))
KM_PER_DEGREE = 111.32
WIDTH = 640  # drawing units across; the height follows from the country's shape


@dataclass(frozen=True)
class AimagShape:
    code: str
    name_en: str
    path: str  # SVG path data in drawing units
    label_x: float
    label_y: float
    area_km2: float
    mean_distance_to_centre_km: float


def _ring_area_centroid(ring: list[tuple[float, float]]) -> tuple[float, float, float]:
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    area /= 2
    if area == 0:
        return 0.0, ring[0][0], ring[0][1]
    return area, cx / (6 * area), cy / (6 * area)


def _ring_path(ring: list[tuple[float, float]], min_x: float, max_y: float, unit: float) -> str:
    """Points on a half-unit grid, repeats dropped: neighbours share their border points, so they stay joined."""
    points: list[tuple[float, float]] = []
    for x, y in ring:
        point = (round((x - min_x) * unit * 2) / 2, round((max_y - y) * unit * 2) / 2)
        if not points or points[-1] != point:
            points.append(point)
    return "M" + " ".join(f"{x:g},{y:g}" for x, y in points) + "Z"


@lru_cache(maxsize=1)
def aimag_shapes() -> dict[str, AimagShape]:
    features = json.loads(GEOJSON.read_text(encoding="utf-8"))["features"]
    polygons: dict[str, list[list[list[tuple[float, float]]]]] = {}
    for feature in features:
        geometry = feature["geometry"]
        parts = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        polygons[feature["properties"]["code"]] = [
            [[(lon * SCALE, lat) for lon, lat in ring] for ring in part] for part in parts
        ]
    points = [point for parts in polygons.values() for part in parts for point in part[0]]
    min_x, max_x = min(p[0] for p in points), max(p[0] for p in points)
    max_y = max(p[1] for p in points)
    unit = WIDTH / (max_x - min_x)
    names = {f["properties"]["code"]: f["properties"]["name_en"] for f in features}
    shapes = {}
    for code, parts in polygons.items():
        commands = []
        total = sx = sy = 0.0
        for part in parts:
            for index, ring in enumerate(part):
                area, cx, cy = _ring_area_centroid(ring)
                if index == 0:  # holes belong to the neighbour inside; the exterior carries the weight
                    total += abs(area)
                    sx += cx * abs(area)
                    sy += cy * abs(area)
                else:
                    total -= abs(area)
                    sx -= cx * abs(area)
                    sy -= cy * abs(area)
                commands.append(_ring_path(ring, min_x, max_y, unit))
        area_km2 = total * KM_PER_DEGREE**2
        # The mean distance from a point of a disc of that area to its centre is two thirds of its radius.
        mean_distance = 2 / 3 * math.sqrt(area_km2 / math.pi)
        shapes[code] = AimagShape(
            code=code,
            name_en=names[code],
            path=" ".join(commands),
            label_x=round((sx / total - min_x) * unit, 1),
            label_y=round((max_y - sy / total) * unit, 1),
            area_km2=round(area_km2),
            mean_distance_to_centre_km=round(mean_distance, 1),
        )
    return shapes


@lru_cache(maxsize=1)
def drawing_size() -> tuple[int, int]:
    shapes = aimag_shapes()
    heights = [
        float(pair.split(",")[1])
        for shape in shapes.values()
        for pair in shape.path.replace("M", " ").replace("Z", " ").split()
    ]
    return WIDTH, math.ceil(max(heights))
