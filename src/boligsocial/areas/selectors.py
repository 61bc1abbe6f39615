from __future__ import annotations

from django.db.models import Count, QuerySet, Sum

from boligsocial.areas.models import Afdeling, Area, AreaSlugHistory


def area_list() -> QuerySet[Area]:
    return (
        Area.objects.select_related("municipality__region")
        .annotate(
            afdeling_count=Count("afdelinger", distinct=True),
            dwellings_total=Sum("afdelinger__dwellings"),
        )
        .order_by("name")
    )


def afdeling_list() -> QuerySet[Afdeling]:
    return Afdeling.objects.select_related("organisation", "area__municipality").order_by(
        "organisation__name", "number"
    )


def area_by_former_slug(slug: str) -> Area | None:
    """The area that had `slug` before a rename (its old address redirects to it), or None."""
    former = AreaSlugHistory.objects.select_related("area").filter(slug=slug).first()
    return former.area if former else None
