"""The shared test kit: the standard small world, a database snapshot that includes the history
tables, CVR numbers, and reading a page as parsed HTML instead of as indented text.

- `make_world()` (the `world` fixture of `tests/conftest.py`): three plans that each role sees
  differently, with their organisations, areas, people, roles, bodies, seats and one user per
  role. The web tests have a world of their own (`tests/web/conftest.py`: a site profile and
  one published plan as the public pages show it).
- `db_snapshot()` / `nothing_written()`: every row of every table of the project's apps, the
  simple_history tables included, and the users; equal snapshots prove that nothing was written.
- `valid_cvr(n)`, `invalid_cvr(n)`, `BAD_CVRS`: fictional CVR numbers that pass or fail the
  modulus-11 check, computed here independently of `organisations.rules`.
- `make_budget(plan, ...)`: a plan's draft original budget of exactly 75/25 per year through the
  budget services, granted by LBF when `granted_on` is given.
- `parse()`, `find()`, `find_all()`, `text()`, `definitions()`, `table_rows()`: a page as a tree,
  so tests assert what a reader sees (text, order, attributes) and not the template's indentation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from rest_framework.test import APIClient

from boligsocial.accounts.models import Role
from boligsocial.governance.models import PlanRoleKind

# CVR numbers ----------------------------------------------------------------------------------

CVR_WEIGHTS = (2, 7, 6, 5, 4, 3, 2, 1)


def _passes_modulus_11(digits: str) -> bool:
    return sum(int(d) * w for d, w in zip(digits, CVR_WEIGHTS, strict=True)) % 11 == 0


def _nth_cvr(n: int, start: int, *, valid: bool) -> str:
    found = -1
    candidate = start
    while True:
        digits = str(candidate)
        if _passes_modulus_11(digits) is valid:
            found += 1
            if found == n:
                return digits
        candidate += 1


def valid_cvr(n: int = 0, *, start: int = 10_000_000) -> str:
    """The n-th 8-digit number from `start` up that passes the modulus-11 check: fictional CVR
    numbers for test organisations, as many as a test needs (`10000009`, `10000017`, ...).
    The factories count from 10,000,000; a test that makes its own many uses another `start`."""
    return _nth_cvr(n, start, valid=True)


def invalid_cvr(n: int = 0, *, start: int = 10_000_000) -> str:
    """The n-th 8-digit number from `start` up that fails the modulus-11 check."""
    return _nth_cvr(n, start, valid=False)


# A CVR number for each way of being wrong, with the message's key in organisations.models.
BAD_CVRS = {"length": "1234567", "leading_zero": "01234567", "checksum": invalid_cvr()}


# The database, history tables included -------------------------------------------------------

VOLATILE_USER_FIELDS = ("last_login",)  # logging a test client in is not a write of the request


def project_models() -> list[type[models.Model]]:
    """Every model of the project's apps, each simple_history model included (they live in the
    same modules), and the users."""
    found = [m for m in apps.get_models() if m.__module__.startswith("boligsocial.")]
    return [*found, get_user_model()]


def db_snapshot(*only: type[models.Model]) -> dict[str, list[dict[str, Any]]]:
    """Every row of the given models and of their history tables, or, with none given, of every
    table of the project (`project_models`). Two equal snapshots prove nothing was written."""
    tables: list[type[models.Model]] = []
    for model in only or project_models():
        tables.append(model)
        history = getattr(model, "history", None)
        if only and history is not None:
            tables.append(history.model)
    user_model = get_user_model()
    snapshot = {}
    for model in tables:
        rows = list(model._default_manager.order_by("pk").values())
        if model is user_model:
            rows = [{k: v for k, v in r.items() if k not in VOLATILE_USER_FIELDS} for r in rows]
        snapshot[model._meta.label] = rows
    return snapshot


@contextmanager
def nothing_written(*only: type[models.Model]) -> Iterator[None]:
    """`with nothing_written(): ...` fails if the block wrote any row (`db_snapshot`)."""
    before = db_snapshot(*only)
    yield
    after = db_snapshot(*only)
    changed = sorted(label for label in before if before[label] != after.get(label))
    assert not changed, f"written to {', '.join(changed)}"


# The standard small world ---------------------------------------------------------------------

ROLES = ("admin", "leader", "other_leader", "housing_user", "municipality_user", "anonymous")


@dataclass
class World:
    """| plan        | published | afdeling in                    | leader (user)  |
    |-------------|-----------|--------------------------------|----------------|
    | plan_pub    | yes       | org_a, area_a (Aarhus, 751)    | -              |
    | plan_led    | no        | org_b, area_b (Odense, 461)    | `leader`       |
    | plan_other  | no        | org_c, area_c (Aalborg, 851)   | `other_leader` |

    The housing-organisation user belongs to org_b (reads plan_pub, plan_led); the municipality
    user to Aalborg (reads plan_pub, plan_other); the administrator reads all three. People A, B
    appear in plan_pub (a role, a seat), C, D in plan_led, E, F in plan_other; G appears nowhere.
    A works for the partner organisation (a school)."""

    org_a: Any
    org_b: Any
    org_c: Any
    partner: Any
    area_a: Any
    area_b: Any
    area_c: Any
    afd_a: Any
    afd_b: Any
    afd_c: Any
    plan_pub: Any
    plan_led: Any
    plan_other: Any
    person_a: Any
    person_b: Any
    person_c: Any
    person_d: Any
    person_e: Any
    person_f: Any
    person_g: Any
    role_pub: Any
    role_led: Any
    role_other: Any
    body_pub: Any
    body_led: Any
    body_other: Any
    seat_pub: Any
    seat_led: Any
    seat_other: Any
    users: dict[str, Any] = field(default_factory=dict)

    def client(self, role: str) -> APIClient:
        """A client logged in (by session) as the role's user; anonymous for "anonymous".
        English messages, so tests can assert them exactly. It serves pages as well as the API."""
        client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
        user = self.users.get(role)
        if user is not None:
            client.force_login(user)
        return client


def make_world() -> World:
    from tests import factories as f  # the factories take their CVR numbers from this module

    org_a = f.HousingOrganisationFactory(name="Boligforeningen Alfa", cvr=valid_cvr(0))
    org_b = f.HousingOrganisationFactory(name="Boligforeningen Beta", cvr=valid_cvr(1))
    org_c = f.HousingOrganisationFactory(name="Boligforeningen Gamma", cvr=valid_cvr(2))
    partner = f.OrganisationFactory(name="Testskolen")
    area_a = f.AreaFactory(name="Alfaparken", municipality=f.municipality("Aarhus"))
    area_b = f.AreaFactory(name="Betaparken", municipality=f.municipality("Odense"))
    area_c = f.AreaFactory(name="Gammaparken", municipality=f.municipality("Aalborg"))
    afd_a = f.AfdelingFactory(organisation=org_a, area=area_a, number="1", name="Alfa 1")
    afd_b = f.AfdelingFactory(organisation=org_b, area=area_b, number="2", name="Beta 2")
    afd_c = f.AfdelingFactory(organisation=org_c, area=area_c, number="3", name="Gamma 3")
    plan_pub = f.PlanFactory(name="Plan Alfa", published=True, afdelinger=[afd_a])
    plan_led = f.PlanFactory(name="Plan Beta", published=False, afdelinger=[afd_b])
    plan_other = f.PlanFactory(name="Plan Gamma", published=False, afdelinger=[afd_c])
    people = [f.PersonFactory(name=f"Testperson {letter}") for letter in "ABCDEFG"]
    people[0].employer = partner
    people[0].save()
    role_pub = f.PlanRoleFactory(plan=plan_pub, person=people[0], kind=PlanRoleKind.STAFF)
    role_led = f.PlanRoleFactory(plan=plan_led, person=people[2], kind=PlanRoleKind.LEADER)
    role_other = f.PlanRoleFactory(plan=plan_other, person=people[4], kind=PlanRoleKind.STAFF)
    body_pub = f.BodyFactory(plan=plan_pub, name="Bestyrelse Alfa")
    body_led = f.BodyFactory(plan=plan_led, name="Bestyrelse Beta")
    body_other = f.BodyFactory(plan=plan_other, name="Bestyrelse Gamma")
    seat_pub = f.MembershipFactory(
        body=body_pub, person=people[1], represents=org_a, valid_from=date(2023, 1, 1)
    )
    seat_led = f.MembershipFactory(
        body=body_led, person=people[3], represents=org_b, valid_from=date(2023, 1, 1)
    )
    seat_other = f.MembershipFactory(
        body=body_other, person=people[5], represents=org_c, valid_from=date(2023, 1, 1)
    )
    users = {
        "admin": f.user_with_role(Role.SECRETARIAT_ADMIN),
        "leader": f.user_with_role(Role.PLAN_LEADER, plan=plan_led),
        "other_leader": f.user_with_role(Role.PLAN_LEADER, plan=plan_other),
        "housing_user": f.user_with_role(Role.HOUSING_ORG, organisation=org_b),
        "municipality_user": f.user_with_role(
            Role.MUNICIPALITY, municipality=f.municipality("Aalborg")
        ),
    }
    return World(
        org_a=org_a,
        org_b=org_b,
        org_c=org_c,
        partner=partner,
        area_a=area_a,
        area_b=area_b,
        area_c=area_c,
        afd_a=afd_a,
        afd_b=afd_b,
        afd_c=afd_c,
        plan_pub=plan_pub,
        plan_led=plan_led,
        plan_other=plan_other,
        person_a=people[0],
        person_b=people[1],
        person_c=people[2],
        person_d=people[3],
        person_e=people[4],
        person_f=people[5],
        person_g=people[6],
        role_pub=role_pub,
        role_led=role_led,
        role_other=role_other,
        body_pub=body_pub,
        body_led=body_led,
        body_other=body_other,
        seat_pub=seat_pub,
        seat_led=seat_led,
        seat_other=seat_other,
        users=users,
    )


# A plan with a budget -------------------------------------------------------------------------


def make_budget(
    plan: Any,
    *,
    lbf: Any = "750000.00",
    local: Any = "250000.00",
    years: Any = None,
    granted_on: date | None = None,
    user: Any = None,
) -> Any:
    """A draft original budget for `plan` through the budget services: for each year of the
    plan's period (or `years`), one LBF line (salaries) of `lbf` kr. and one local line
    (activities) of `local` kr. from the housing organisation of the plan's first afdeling
    (from a foundation named "Testfonden" when the plan has no afdeling). The defaults are
    exactly 75/25. With `granted_on`, LBF's grant approves it (`budgets.services.budget_grant`)
    as the lifecycle's grant decision would. Returns the version."""
    from decimal import Decimal

    from boligsocial.budgets.models import BudgetCategory, SourceKind
    from boligsocial.budgets.services import budget_grant, budget_lines_replace, budget_open

    afdeling = plan.afdelinger.order_by("pk").first()
    local_source: dict[str, Any] = (
        {
            "source_kind": SourceKind.HOUSING_ORGANISATION,
            "source_organisation": afdeling.organisation_id,
        }
        if afdeling is not None
        else {"source_kind": SourceKind.FOUNDATION, "source_name": "Testfonden"}
    )
    categories = dict(BudgetCategory.objects.values_list("code", "pk"))
    if years is None:
        years = range(plan.start_date.year, plan.end_date.year + 1)
    rows = []
    for year in years:
        rows.append(
            {
                "year": year,
                "category": categories["salaries"],
                "text": "Medarbejdere",
                "source_kind": SourceKind.LBF,
                "amount": Decimal(str(lbf)),
            }
        )
        rows.append(
            {
                "year": year,
                "category": categories["activities"],
                "text": "Aktiviteter",
                "amount": Decimal(str(local)),
                **local_source,
            }
        )
    version = budget_open(plan=plan, user=user)
    budget_lines_replace(version=version, rows=rows, user=user)
    if granted_on is not None:
        version = budget_grant(plan=plan, when=granted_on, decision="Tilsagn", user=user)
    return version


# Pages as parsed HTML -------------------------------------------------------------------------

VOID_ELEMENTS = frozenset(
    "area base br col embed hr img input link meta source track wbr".split()  # noqa: SIM905
)

# Elements whose text a browser never runs together with the text beside them.
BLOCK_ELEMENTS = frozenset(
    [
        "address",
        "article",
        "aside",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "section",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)


@dataclass
class Node:
    tag: str
    attrs: dict[str, str | None] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def __repr__(self) -> str:
        return f"<{self.tag} {self.attrs}>"


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, dict(attrs))
        self.stack[-1].children.append(node)
        if tag not in VOID_ELEMENTS:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Node(tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        # Close up to the matching open element; a stray end tag is ignored, as browsers do.
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(page: Any) -> Node:
    """A page (a response, bytes or text) as a tree of `Node`s."""
    content = getattr(page, "content", page)
    builder = _TreeBuilder()
    builder.feed(content.decode() if isinstance(content, bytes) else content)
    builder.close()
    return builder.root


def _matches(node: Node, tag: str | None, attrs: dict[str, str]) -> bool:
    if tag is not None and node.tag != tag:
        return False
    for name, wanted in attrs.items():
        name = name.rstrip("_").replace("_", "-")
        if name == "class":
            if not set(wanted.split()) <= node.classes:
                return False
        elif node.attrs.get(name) != wanted:
            return False
    return True


def find_all(root: Node, tag: str | None = None, **attrs: str) -> list[Node]:
    """Every element under `root`, in document order, with the tag and attributes given
    (`class_="a b"` matches elements having both classes; `aria_label=` is `aria-label`)."""
    found = []
    for child in root.children:
        if isinstance(child, Node):
            if _matches(child, tag, attrs):
                found.append(child)
            found.extend(find_all(child, tag, **attrs))
    return found


def find(root: Node, tag: str | None = None, **attrs: str) -> Node:
    """The one element with the tag and attributes given; fails if there are none or several."""
    found = find_all(root, tag, **attrs)
    assert len(found) == 1, f"{len(found)} elements match {tag} {attrs}"
    return found[0]


def text(node: Node | str) -> str:
    """The text a reader sees in an element, whitespace collapsed as a browser does; a `<br>`
    is a line break ("\\n")."""
    line_break = "\x00"

    def raw(n: Node | str) -> str:
        if isinstance(n, str):
            return n
        if n.tag == "br":
            return line_break
        if n.tag in ("script", "style", "template"):
            return ""
        inner = "".join(raw(c) for c in n.children)
        return f" {inner} " if n.tag in BLOCK_ELEMENTS else inner

    lines = re.sub(r"\s+", " ", raw(node)).split(line_break)
    return "\n".join(line.strip() for line in lines).strip()


def definitions(root: Node) -> list[tuple[str, str]]:
    """Every term and its description (`<dt>`, `<dd>`) in `root` (a `<dl>` or an element with
    some), in order."""
    pairs = []
    for dl in [root] if root.tag == "dl" else find_all(root, "dl"):
        term = None
        for child in dl.children:
            if isinstance(child, Node) and child.tag == "dt":
                term = text(child)
            elif isinstance(child, Node) and child.tag == "dd" and term is not None:
                pairs.append((term, text(child)))
    return pairs


def table_rows(table: Node) -> list[list[str]]:
    """The text of each cell (`<th>` or `<td>`) of each row of a table, header rows included."""
    return [
        [text(cell) for cell in row.children if isinstance(cell, Node) and cell.tag in ("th", "td")]
        for row in find_all(table, "tr")
    ]
