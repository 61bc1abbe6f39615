import pytest

from boligsocial.funding.models import FocusArea, FundRound
from boligsocial.organisations.models import Municipality, Region


@pytest.mark.django_db
def test_reference_data_is_loaded_by_migrations():
    assert Region.objects.count() == 5
    assert Municipality.objects.count() == 98
    assert Municipality.objects.get(name="Aarhus").region.name == "Region Midtjylland"
    assert list(FundRound.objects.values_list("code", flat=True)) == [
        "2006–10",
        "2011–14",
        "2015–18",
        "2019–26",
    ]
    assert FocusArea.objects.filter(fund_round__code="2011–14").count() == 7
