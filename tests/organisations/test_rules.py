import pytest
from django.core.exceptions import ValidationError
from tests.factories import HousingOrganisationFactory

from boligsocial.organisations.models import Municipality, OrganisationKind
from boligsocial.organisations.rules import cvr_problem
from boligsocial.organisations.services import organisation_create, organisation_update


@pytest.mark.parametrize("cvr", ["10000009", "10000017", "1000 0025", "29189846"])
def test_valid_cvr_numbers_pass_modulus_11(cvr):
    assert cvr_problem(cvr) is None


@pytest.mark.parametrize(
    ("cvr", "problem"),
    [
        ("10000008", "checksum"),
        ("10000019", "checksum"),
        ("1000000", "length"),
        ("100000090", "length"),
        ("1000000A", "length"),
        ("", "length"),
        ("01234567", "leading_zero"),
    ],
)
def test_invalid_cvr_numbers_say_why(cvr, problem):
    assert cvr_problem(cvr) == problem


@pytest.mark.django_db
def test_organisation_create_rejects_bad_cvr_naming_the_field_and_writes_nothing():
    with pytest.raises(ValidationError) as excinfo:
        organisation_create(kind=OrganisationKind.HOUSING, name="Testbo", cvr="10000008")
    assert list(excinfo.value.message_dict) == ["cvr"]
    assert "modulus" in excinfo.value.message_dict["cvr"][0]
    from boligsocial.organisations.models import Organisation

    assert not Organisation.objects.filter(name="Testbo").exists()


@pytest.mark.django_db
def test_housing_organisation_needs_a_cvr():
    with pytest.raises(ValidationError) as excinfo:
        organisation_create(kind=OrganisationKind.HOUSING, name="Uden CVR")
    assert "cvr" in excinfo.value.message_dict


@pytest.mark.django_db
def test_municipality_organisation_needs_its_kommune():
    with pytest.raises(ValidationError) as excinfo:
        organisation_create(kind=OrganisationKind.MUNICIPALITY, name="Aarhus Kommune")
    assert list(excinfo.value.message_dict) == ["municipality"]
    org = organisation_create(
        kind=OrganisationKind.MUNICIPALITY,
        name="Aarhus Kommune",
        municipality=Municipality.objects.get(name="Aarhus"),
    )
    assert org.slug == "aarhus-kommune"


@pytest.mark.django_db
def test_cvr_is_normalised_and_unique():
    first = organisation_create(kind=OrganisationKind.HOUSING, name="A", cvr="1000 0009")
    assert first.cvr == "10000009"
    with pytest.raises(ValidationError) as excinfo:
        organisation_create(kind=OrganisationKind.HOUSING, name="B", cvr="10000009")
    assert "cvr" in excinfo.value.message_dict or "__all__" in excinfo.value.message_dict


@pytest.mark.django_db
def test_organisation_update_changes_only_given_fields_and_keeps_history():
    org = HousingOrganisationFactory(name="Gammelt navn", address="Vej 1")
    organisation_update(organisation=org, data={"name": "Nyt navn"})
    org.refresh_from_db()
    assert (org.name, org.address) == ("Nyt navn", "Vej 1")
    assert org.history.count() == 2
    assert [c.field for c in org.history.first().diff_against(org.history.last()).changes] == [
        "name"
    ]


@pytest.mark.django_db
def test_slugs_are_unique():
    a = organisation_create(kind=OrganisationKind.OTHER, name="Skolen")
    b = organisation_create(kind=OrganisationKind.OTHER, name="Skolen")
    assert (a.slug, b.slug) == ("skolen", "skolen-2")
