"""The fund rounds' deadlines as data (migration funding/0006, decision 0024) and the
admin's checks of them."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from boligsocial.funding.models import FundRound

pytestmark = pytest.mark.django_db


def test_the_known_rounds_carry_their_deadlines_with_where_they_come_from():
    rounds = {r.code: r for r in FundRound.objects.all()}
    for code in ("2006–10", "2011–14", "2015–18", "2019–26"):
        assert (rounds[code].dialogue_min_months, rounds[code].dialogue_max_months) == (8, 14)
        assert "8–14" in rounds[code].deadlines_note
    assert rounds["2006–10"].report_due_months is None
    assert "1 November 2007" in rounds["2006–10"].deadlines_note
    assert rounds["2011–14"].report_due_months == 6
    assert rounds["2011–14"].application_window_opens == date(2011, 3, 22)
    assert rounds["2015–18"].application_window_opens == date(2015, 6, 4)
    assert rounds["2019–26"].application_window_opens == date(2020, 1, 1)
    for code in ("2015–18", "2019–26"):
        assert rounds[code].report_due_months == 6
        assert "assumed" in rounds[code].deadlines_note
        assert rounds[code].application_window_closes is None


@translation.override("en")
def test_a_dialogue_shorter_at_most_than_at_least_or_a_window_closing_before_it_opens_is_refused():
    fund_round = FundRound.objects.get(code="2019–26")
    fund_round.dialogue_max_months = 6
    with pytest.raises(ValidationError) as excinfo:
        fund_round.full_clean()
    assert excinfo.value.message_dict == {
        "dialogue_max_months": ["The longest dialogue is shorter than the shortest."]
    }
    fund_round.dialogue_max_months = 14
    fund_round.application_window_closes = date(2019, 12, 31)
    with pytest.raises(ValidationError) as excinfo:
        fund_round.full_clean()
    assert excinfo.value.message_dict == {
        "application_window_closes": ["Applications close before they open."]
    }
