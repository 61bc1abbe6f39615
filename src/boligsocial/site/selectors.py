from __future__ import annotations

from boligsocial.site.models import SiteProfile


def site_profile() -> SiteProfile | None:
    return SiteProfile.objects.select_related("secretariat").order_by("pk").first()
