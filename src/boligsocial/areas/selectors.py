from __future__ import annotations

from django.db.models import Count, Q, QuerySet, Sum

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


def afdeling_search(text: str) -> QuerySet[Afdeling]:
    """The afdelinger where every word of `text` is found (case-insensitively) in the
    afdeling's name, number or LBF number, its housing organisation's name, or its area's or
    municipality's name: what a picker at national scale (7,000 afdelinger) asks for, one
    query; the caller slices it. No words: none."""
    words = text.split()
    if not words:
        return Afdeling.objects.none()
    queryset = afdeling_list()
    for word in words:
        queryset = queryset.filter(
            Q(name__icontains=word)
            | Q(number__iexact=word)
            | Q(lbf_number__iexact=word)
            | Q(organisation__name__icontains=word)
            | Q(area__name__icontains=word)
            | Q(area__municipality__name__icontains=word)
        )
    return queryset


def area_by_former_slug(slug: str) -> Area | None:
    """The area that had `slug` before a rename (its old address redirects to it), or None."""
    former = AreaSlugHistory.objects.select_related("area").filter(slug=slug).first()
    return former.area if former else None
