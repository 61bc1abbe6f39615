"""The `/api/v1/` routes, one per resource."""

from rest_framework.routers import DefaultRouter

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

router = DefaultRouter()
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
