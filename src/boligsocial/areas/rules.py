"""Pure rules about areas. No Django imports."""

from __future__ import annotations

from typing import Any

GEOMETRY_TYPES = {"Polygon", "MultiPolygon"}


def geojson_problem(value: Any) -> str | None:
    """Why `value` is not a usable area outline, or None. An outline is a GeoJSON Polygon or
    MultiPolygon geometry (or a Feature wrapping one) with WGS84 longitude/latitude positions."""
    if value in (None, ""):
        return None
    if not isinstance(value, dict):
        return "The outline must be a GeoJSON object."
    geometry = value.get("geometry") if value.get("type") == "Feature" else value
    if not isinstance(geometry, dict) or geometry.get("type") not in GEOMETRY_TYPES:
        return "The outline must be a GeoJSON Polygon or MultiPolygon."
    coords = geometry.get("coordinates")
    polygons = [coords] if geometry["type"] == "Polygon" else coords
    if not isinstance(polygons, list) or not polygons:
        return "The outline has no coordinates."
    for polygon in polygons:
        if not isinstance(polygon, list) or not polygon:
            return "Each polygon needs at least one ring."
        for ring in polygon:
            if not isinstance(ring, list) or len(ring) < 4:
                return "Each ring needs at least 4 positions."
            if ring[0] != ring[-1]:
                return "Each ring must end where it starts."
            for position in ring:
                if (
                    not isinstance(position, list | tuple)
                    or len(position) < 2
                    or not all(isinstance(c, int | float) for c in position[:2])
                ):
                    return "Each position must be [longitude, latitude]."
                lon, lat = position[0], position[1]
                if not (-180 <= lon <= 180 and -90 <= lat <= 90):
                    return "Positions must be WGS84 longitude/latitude."
    return None
