"""The redistribution LBF exists for (docs/decisions/0031): per housing organisation over a
period of years, what it paid into LBF (contributions of afdelinger whose loans are repaid) and
what came back as social plans, rent support and renovation support, and the net of it.

A plan's grant is split between its housing organisations by their share of the plan's
dwellings (the afdelinger the plan covers now), evenly when a dwelling count is unknown
(`rules.split_by_weights`); a grant to a plan without afdelinger is counted apart. Rent support
goes to the organisation of its afdeling. Six queries whatever the number of organisations,
plans and bookings."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Sum

from boligsocial.frames import rules
from boligsocial.frames.models import BookingKind, FrameBooking, LbfContribution, RenovationSupport
from boligsocial.organisations.models import Organisation
from boligsocial.plans.models import Plan

PlanAfdeling = Plan.afdelinger.through


@dataclass(frozen=True)
class OrganisationFlows:
    organisation: Organisation
    flows: rules.Flows

    @property
    def position(self) -> str:
        return rules.net_position(self.flows)


@dataclass
class Redistribution:
    first_year: int
    last_year: int
    rows: list[OrganisationFlows] = field(default_factory=list)
    unassigned_grants: Decimal = rules.ZERO  # grants to plans without afdelinger
    illustrative: bool = False  # some figure of the period is illustrative

    @property
    def receivers(self) -> list[OrganisationFlows]:
        """Net receivers, the largest net first."""
        found = [r for r in self.rows if r.position == rules.NET_RECEIVER]
        return sorted(found, key=lambda r: (-r.flows.net, r.organisation.name))

    @property
    def contributors(self) -> list[OrganisationFlows]:
        """Net contributors, the largest net contribution first."""
        found = [r for r in self.rows if r.position == rules.NET_CONTRIBUTOR]
        return sorted(found, key=lambda r: (r.flows.net, r.organisation.name))

    @property
    def balanced(self) -> list[OrganisationFlows]:
        return [r for r in self.rows if r.position == rules.BALANCED]

    @property
    def totals(self) -> rules.Flows:
        return sum((r.flows for r in self.rows), rules.Flows()) + rules.Flows(
            social_plans=self.unassigned_grants
        )


def _summed(rows: Iterable[dict[str, Any]], key: str) -> tuple[dict[int, Decimal], bool]:
    """Amounts per `key` from rows grouped by (key, illustrative); whether any is illustrative."""
    sums: dict[int, Decimal] = defaultdict(lambda: rules.ZERO)
    illustrative = False
    for row in rows:
        if row[key] is None:
            continue
        sums[row[key]] += Decimal(row["total"] or 0).quantize(rules.ORE)
        illustrative = illustrative or bool(row["illustrative"])
    return sums, illustrative


def _grants(first_year: int, last_year: int) -> tuple[dict[int, Decimal], Decimal, bool]:
    """Grant bookings of the period split between the plans' housing organisations (2
    queries); what went to plans without afdelinger; whether any is illustrative."""
    per_plan, illustrative = _summed(
        FrameBooking.objects.filter(
            kind=BookingKind.GRANT, year__gte=first_year, year__lte=last_year
        )
        .values("plan_id", "illustrative")
        .annotate(total=Sum("amount"))
        .order_by(),
        "plan_id",
    )
    weights: dict[int, dict[int, int | None]] = defaultdict(dict)
    for plan_id, organisation_id, dwellings in PlanAfdeling.objects.filter(
        plan_id__in=list(per_plan)
    ).values_list("plan_id", "afdeling__organisation_id", "afdeling__dwellings"):
        known = weights[plan_id]
        if organisation_id in known and known[organisation_id] is None:
            continue
        if dwellings is None:
            known[organisation_id] = None
        else:
            known[organisation_id] = (known.get(organisation_id) or 0) + dwellings
    received: dict[int, Decimal] = defaultdict(lambda: rules.ZERO)
    unassigned = rules.ZERO
    for plan_id, amount in per_plan.items():
        parts = rules.split_by_weights(amount, dict(sorted(weights.get(plan_id, {}).items())))
        if not parts:
            unassigned += amount
        for organisation_id, part in parts.items():
            received[organisation_id] += part
    return received, unassigned, illustrative


def redistribution(first_year: int, last_year: int) -> Redistribution:
    """Every housing organisation with money to or from LBF in the years `first_year` to
    `last_year` (both included), with its flows and net position."""
    years = {"year__gte": first_year, "year__lte": last_year}
    contributed, ill_contributed = _summed(
        LbfContribution.objects.filter(**years)
        .values("organisation_id", "illustrative")
        .annotate(total=Sum("amount"))
        .order_by(),
        "organisation_id",
    )
    renovation, ill_renovation = _summed(
        RenovationSupport.objects.filter(**years)
        .values("organisation_id", "illustrative")
        .annotate(total=Sum("amount"))
        .order_by(),
        "organisation_id",
    )
    rent, ill_rent = _summed(
        FrameBooking.objects.filter(kind=BookingKind.RENT_SUPPORT, **years)
        .values("afdeling__organisation_id", "illustrative")
        .annotate(total=Sum("amount"))
        .order_by(),
        "afdeling__organisation_id",
    )
    granted, unassigned, ill_granted = _grants(first_year, last_year)
    ids = set(contributed) | set(renovation) | set(rent) | set(granted)
    organisations = Organisation.objects.filter(pk__in=ids).order_by("name", "pk")
    rows = [
        OrganisationFlows(
            organisation=organisation,
            flows=rules.Flows(
                contributed=contributed.get(organisation.pk, rules.ZERO),
                social_plans=granted.get(organisation.pk, rules.ZERO),
                rent_support=rent.get(organisation.pk, rules.ZERO),
                renovation=renovation.get(organisation.pk, rules.ZERO),
            ),
        )
        for organisation in organisations
    ]
    return Redistribution(
        first_year=first_year,
        last_year=last_year,
        rows=rows,
        unassigned_grants=unassigned,
        illustrative=ill_contributed or ill_renovation or ill_rent or ill_granted,
    )
