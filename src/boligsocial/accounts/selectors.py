"""Who may reach what, as querysets and checks: the one place the web pages, the API and the
admin ask (the rules themselves are in `accounts/rules.py`).

- `plans_readable_by`, `plans_editable_by`, `restrict_to_readable_plans` (plan roles, bodies,
  memberships), `bodies_readable_by`;
- `people_readable_by`, `people_editable_by`, `people_assignable_by`;
- `can_read_plan`, `can_edit_plan`, `can_read_person`, `can_edit_person` for one object;
- `plan_editable_or_404`, `person_readable_or_404`, `person_editable_or_404`: an object the user
  may not read raises `Http404`, exactly as a missing one; one they may read but not change
  raises `PermissionDenied` (403). Django views and DRF views both turn these into responses.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import BooleanField, Count, ExpressionWrapper, Q, QuerySet, Value
from django.http import Http404
from django.utils.translation import gettext as _

from boligsocial.accounts import rules
from boligsocial.accounts.models import Role, RoleAssignment
from boligsocial.accounts.rules import PersonFacts, PlanFacts, Scopes
from boligsocial.governance.models import Body, Membership, Person, PlanRole
from boligsocial.plans.models import Plan

_CACHE_ATTR = "_boligsocial_scopes"
PlanAfdeling = Plan.afdelinger.through


def scopes_for(user: Any) -> Scopes:
    """The user's scopes, read once per request object and cached on it."""
    if user is None or not getattr(user, "is_authenticated", False):
        return Scopes()
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    assignments = list(
        RoleAssignment.objects.filter(user=user).values_list(
            "role", "plan_id", "organisation_id", "municipality_id"
        )
    )
    roles = {a[0] for a in assignments}
    scopes = Scopes(
        is_authenticated=True,
        is_admin=user.is_superuser or Role.SECRETARIAT_ADMIN in roles,
        is_analyst=Role.ANALYST in roles,
        acts_for_lbf=Role.LBF in roles,
        led_plan_ids=frozenset(a[1] for a in assignments if a[0] == Role.PLAN_LEADER),
        organisation_ids=frozenset(a[2] for a in assignments if a[0] == Role.HOUSING_ORG),
        municipality_ids=frozenset(a[3] for a in assignments if a[0] == Role.MUNICIPALITY),
    )
    setattr(user, _CACHE_ATTR, scopes)
    return scopes


def readable_plans_filter(scopes: Scopes) -> Q | None:
    """A filter for the plans the scopes may read; None means every plan."""
    if scopes.is_admin or scopes.acts_for_lbf:
        return None
    q = Q(published=True) | Q(pk__in=scopes.led_plan_ids)
    if scopes.organisation_ids:
        q |= Q(afdelinger__organisation_id__in=scopes.organisation_ids)
    if scopes.municipality_ids:
        q |= Q(afdelinger__area__municipality_id__in=scopes.municipality_ids)
    return q


def plans_readable_by(user: Any, queryset: QuerySet[Plan] | None = None) -> QuerySet[Plan]:
    qs = queryset if queryset is not None else Plan.objects.all()
    q = readable_plans_filter(scopes_for(user))
    if q is None:
        return qs
    return qs.filter(pk__in=Plan.objects.filter(q).values("pk"))


def plan_facts(plan: Plan) -> PlanFacts:
    rows = plan.afdelinger.values_list("organisation_id", "area__municipality_id")
    return PlanFacts(
        plan_id=plan.pk,
        published=plan.published,
        organisation_ids=frozenset(r[0] for r in rows),
        municipality_ids=frozenset(r[1] for r in rows if r[1] is not None),
    )


def can_read_plan(user: Any, plan: Plan) -> bool:
    scopes = scopes_for(user)
    if plan.published or scopes.is_admin:
        return True
    return rules.can_read_plan(scopes, plan_facts(plan))


def can_edit_plan(user: Any, plan: Plan | int) -> bool:
    plan_id = plan if isinstance(plan, int) else plan.pk
    return rules.can_edit_plan(scopes_for(user), plan_id)


def can_create_plan(user: Any) -> bool:
    return rules.can_create_plan(scopes_for(user))


def can_write_plan_content(user: Any) -> bool:
    return rules.can_write_plan_content(scopes_for(user))


# Plans and what belongs to them ---------------------------------------------------------------


def readable_plan_ids(user: Any) -> QuerySet[Plan, Any] | None:
    """A subquery of the ids of the plans the user may read; None means every plan."""
    q = readable_plans_filter(scopes_for(user))
    if q is None:
        return None
    return Plan.objects.filter(q).values("pk")


def plans_editable_by(user: Any, queryset: QuerySet[Plan] | None = None) -> QuerySet[Plan]:
    qs = queryset if queryset is not None else Plan.objects.all()
    scopes = scopes_for(user)
    if scopes.is_admin:
        return qs
    return qs.filter(pk__in=scopes.led_plan_ids)


def plans_for_overview(user: Any, queryset: QuerySet[Plan] | None = None) -> QuerySet[Plan]:
    """The plans the user may read, annotated `editable` (whether they may edit it), those they
    may edit first, then by name: a user's own plans head their overview however many plans
    they may read."""
    scopes = scopes_for(user)
    readable = plans_readable_by(user, queryset)
    if scopes.is_admin:
        editable: Any = Value(True)
    elif scopes.led_plan_ids:
        editable = ExpressionWrapper(Q(pk__in=scopes.led_plan_ids), output_field=BooleanField())
    else:
        editable = Value(False)
    return readable.annotate(editable=editable).order_by("-editable", "name", "pk")


def plan_overview_counts(user: Any, plans: QuerySet[Plan]) -> dict[str, int]:
    """How many of `plans` (from `plans_for_overview`) the user may read and how many of those
    they may edit: one query."""
    scopes = scopes_for(user)
    if scopes.is_admin:
        editable = Count("pk")
    elif scopes.led_plan_ids:
        editable = Count("pk", filter=Q(pk__in=scopes.led_plan_ids))
    else:
        return {"readable": plans.count(), "editable": 0}
    return plans.aggregate(readable=Count("pk"), editable=editable)


def plan_search(queryset: QuerySet[Plan], text: str) -> QuerySet[Plan]:
    """The plans of `queryset` where every word of `text` is found (case-insensitively) in the
    plan's name, LBF number or slug, or in the name of one of its areas, their municipalities or
    its housing organisations. One query, whatever the number of plans."""
    for word in text.split():
        related = PlanAfdeling.objects.filter(
            Q(afdeling__area__name__icontains=word)
            | Q(afdeling__area__municipality__name__icontains=word)
            | Q(afdeling__organisation__name__icontains=word)
        ).values("plan_id")
        queryset = queryset.filter(
            Q(name__icontains=word)
            | Q(lbf_number__icontains=word)
            | Q(slug__icontains=word)
            | Q(pk__in=related)
        )
    return queryset


def plan_area_names(plan_ids: list[int]) -> dict[int, list[str]]:
    """The distinct names of each plan's areas (through its afdelinger), sorted, in one query
    of plain values: what a list of plans shows without loading afdelinger and areas."""
    rows = (
        PlanAfdeling.objects.filter(plan_id__in=plan_ids, afdeling__area__isnull=False)
        .values_list("plan_id", "afdeling__area__name")
        .distinct()
    )
    names: dict[int, list[str]] = {}
    for plan_id, name in rows:
        names.setdefault(plan_id, []).append(name)
    return {plan_id: sorted(found) for plan_id, found in names.items()}


def restrict_to_readable_plans(
    queryset: QuerySet[Any], user: Any, *, plan_field: str
) -> QuerySet[Any]:
    """Rows of `queryset` (plan roles, bodies, memberships) whose plan, reached through
    `plan_field`, the user may read."""
    ids = readable_plan_ids(user)
    if ids is None:
        return queryset
    return queryset.filter(**{f"{plan_field}__in": ids})


def bodies_readable_by(user: Any, queryset: QuerySet[Body] | None = None) -> QuerySet[Body]:
    qs = queryset if queryset is not None else Body.objects.all()
    return restrict_to_readable_plans(qs, user, plan_field="plan")


def plan_readable_or_404(user: Any, queryset: QuerySet[Plan] | None = None, **lookup: Any) -> Plan:
    """The plan if the user may read it; `Http404` otherwise, exactly as for a plan that does
    not exist."""
    plan = plans_readable_by(user, queryset).filter(**lookup).first()
    if plan is None:
        raise Http404("No such plan.")
    return plan


def plan_editable_or_404(user: Any, queryset: QuerySet[Plan] | None = None, **lookup: Any) -> Plan:
    """The plan if the user may edit it; `Http404` when they may not even read it (as for a
    plan that does not exist), `PermissionDenied` when they may read but not edit it."""
    qs = queryset if queryset is not None else Plan.objects.all()
    plan = qs.filter(**lookup).first()
    if plan is None or not can_read_plan(user, plan):
        raise Http404("No such plan.")
    if not can_edit_plan(user, plan):
        raise PermissionDenied(_("You may not edit this plan."))
    return plan


# People -------------------------------------------------------------------------------------


def appearing_in(plan_ids: Any) -> Q:
    """People with a plan role, or a seat in a body, of one of the plans (ids or a subquery)."""
    return Q(pk__in=PlanRole.objects.filter(plan__in=plan_ids).values("person_id")) | Q(
        pk__in=Membership.objects.filter(body__plan__in=plan_ids).values("person_id")
    )


def own_new_people(user: Any) -> Q:
    """People the user created (the first row of their history names the user) who appear in
    no plan yet. Nobody for anonymous users."""
    if not getattr(user, "is_authenticated", False):
        return Q(pk__in=[])
    created = Person.history.filter(history_type="+", history_user_id=user.pk).values("id")
    return (
        Q(pk__in=created)
        & ~Q(pk__in=PlanRole.objects.values("person_id"))
        & ~Q(pk__in=Membership.objects.values("person_id"))
    )


def people_readable_by(user: Any, queryset: QuerySet[Person] | None = None) -> QuerySet[Person]:
    """People who appear in a plan the user may read, and the user's own new people
    (administrators: everyone)."""
    qs = queryset if queryset is not None else Person.objects.all()
    ids = readable_plan_ids(user)
    if ids is None:
        return qs
    return qs.filter(appearing_in(ids) | own_new_people(user))


def people_editable_by(user: Any, queryset: QuerySet[Person] | None = None) -> QuerySet[Person]:
    """People who appear in a plan the user leads, and the user's own new people
    (administrators: everyone; users who edit no plan: nobody)."""
    qs = queryset if queryset is not None else Person.objects.all()
    scopes = scopes_for(user)
    if scopes.is_admin:
        return qs
    if not rules.can_write_plan_content(scopes):
        return qs.none()
    return qs.filter(appearing_in(list(scopes.led_plan_ids)) | own_new_people(user))


def people_assignable_by(
    user: Any, plan: Plan | int | None = None, queryset: QuerySet[Person] | None = None
) -> QuerySet[Person]:
    """People the user may name in a role or a seat of `plan` (of any plan they may edit when
    `plan` is None): the people they may edit, if they may edit the plan."""
    qs = queryset if queryset is not None else Person.objects.all()
    if plan is not None and not can_edit_plan(user, plan):
        return qs.none()
    return people_editable_by(user, qs)


def person_facts(person: Person, user: Any) -> PersonFacts:
    """The facts the person rules need: the plans the person appears in, and whether `user`
    created the person."""
    plan_ids = set(PlanRole.objects.filter(person=person).values_list("plan_id", flat=True))
    plan_ids |= set(
        Membership.objects.filter(person=person).values_list("body__plan_id", flat=True)
    )
    plans = tuple(plan_facts(plan) for plan in Plan.objects.filter(pk__in=plan_ids))
    created = bool(getattr(user, "is_authenticated", False)) and (
        Person.history.filter(id=person.pk, history_type="+", history_user_id=user.pk).exists()
    )
    return PersonFacts(plans=plans, created_by_user=created)


def can_read_person(user: Any, person: Person) -> bool:
    scopes = scopes_for(user)
    return scopes.is_admin or rules.can_read_person(scopes, person_facts(person, user))


def can_edit_person(user: Any, person: Person) -> bool:
    scopes = scopes_for(user)
    return scopes.is_admin or rules.can_edit_person(scopes, person_facts(person, user))


def person_readable_or_404(
    user: Any, queryset: QuerySet[Person] | None = None, **lookup: Any
) -> Person:
    person = people_readable_by(user, queryset).filter(**lookup).first()
    if person is None:
        raise Http404("No such person.")
    return person


def person_editable_or_404(
    user: Any, queryset: QuerySet[Person] | None = None, **lookup: Any
) -> Person:
    """The person if the user may edit them; `Http404` when they may not read them (as for a
    person who does not exist), `PermissionDenied` when they may read but not edit them."""
    person = person_readable_or_404(user, queryset, **lookup)
    if not can_edit_person(user, person):
        raise PermissionDenied(
            _(
                "Only secretariat administrators and the leaders of this person's plans "
                "may change this person."
            )
        )
    return person
