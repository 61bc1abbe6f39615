"""The `/api/v1/` routes, one per resource."""

from django.utils.translation import gettext as _
from rest_framework.routers import APIRootView, DefaultRouter
from rest_framework.utils.formatting import markup_description

from boligsocial.api.views.areas import AfdelingViewSet, AreaViewSet
from boligsocial.api.views.funding import FundRoundViewSet
from boligsocial.api.views.governance import (
    BodyViewSet,
    MembershipViewSet,
    PersonViewSet,
    PlanRoleViewSet,
)
from boligsocial.api.views.organisations import (
    MunicipalityViewSet,
    OrganisationViewSet,
    RegionViewSet,
)
from boligsocial.api.views.plans import PlanViewSet


class BoligsocialAPIRoot(APIRootView):
    """The list of the API's resources, described in the reader's language instead of DRF's
    stock text."""

    def get_view_name(self) -> str:
        return _("Boligsocial API")

    def get_view_description(self, html: bool = False) -> str:
        text = _(
            "Open data about the boligsociale helhedsplaner: housing areas and afdelinger, "
            "housing organisations and municipalities, fund rounds, plans, and the people, "
            "roles, governing bodies and memberships of each plan. Anyone may read what is "
            "published; logged-in users read and write what their role allows. Every "
            "resource is listed below; the documentation is at /api/docs/ and the OpenAPI "
            "schema at /api/schema/."
        )
        return markup_description(text) if html else text


class BoligsocialRouter(DefaultRouter):
    APIRootView = BoligsocialAPIRoot


router = BoligsocialRouter()
router.register("regions", RegionViewSet, basename="region")
router.register("municipalities", MunicipalityViewSet, basename="municipality")
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("areas", AreaViewSet, basename="area")
router.register("afdelinger", AfdelingViewSet, basename="afdeling")
router.register("fund-rounds", FundRoundViewSet, basename="fund-round")
router.register("plans", PlanViewSet, basename="plan")
router.register("people", PersonViewSet, basename="person")
router.register("plan-roles", PlanRoleViewSet, basename="plan-role")
router.register("bodies", BodyViewSet, basename="body")
router.register("memberships", MembershipViewSet, basename="membership")
