"""How a conflict message shows stored values: names of related objects, choice labels,
Danish dates, numbers and yes/no, "(empty)", long texts cut."""

from __future__ import annotations

import pytest
from django.utils import translation
from tests import factories as f

from boligsocial.governance.models import Person, PlanRole
from boligsocial.plans.models import Plan
from boligsocial.web.conflicts import describe_conflict, display_value


@pytest.mark.django_db
def test_display_values_in_danish() -> None:
    afdeling = f.AfdelingFactory(name="Testparken Øst", number="7")
    employer = f.OrganisationFactory(name="Testskolen")
    with translation.override("da"):
        assert display_value(Plan, "afdelinger", [afdeling.pk]) == str(afdeling)
        assert display_value(Plan, "status", "running") == "I gang"
        assert display_value(Plan, "published", True) == "ja"
        assert display_value(Plan, "published", False) == "nej"
        assert display_value(Plan, "start_date", "2026-11-30") == "30. november 2026"
        assert display_value(PlanRole, "fte", "0.5") == "0,50"
        assert display_value(Plan, "description", "") == "(tom)"
        assert display_value(Plan, "afdelinger", []) == "(tom)"
        assert display_value(Plan, "description", "x" * 500) == "x" * 119 + "…"
        assert display_value(Person, "employer", employer.pk) == "Testskolen"


@pytest.mark.django_db
def test_describe_conflict_lists_changed_fields_and_what_the_editor_wrote() -> None:
    with translation.override("en"):
        conflict = describe_conflict(
            PlanRole,
            seen={"title": "", "fte": "1", "kind": "staff"},
            current={"title": "Coordinator", "fte": "0.5", "kind": "staff"},
            submitted={"title": "Consultant", "fte": "1"},
            hrefs={"title": "#id_title"},
        )
        assert [c.message for c in conflict.changes] == [
            "Job title: “(empty)” → “Coordinator” (you wrote “Consultant”)",
            "FTE share: “1.00” → “0.50”",
        ]
        assert [c.href for c in conflict.changes] == ["#id_title", ""]
