"""Forms of the web pages. Their fields come from the models (labels, help texts,
validators), like a ModelForm, but they never save: the views hand `cleaned_data` to the
domain services, and a service's ValidationError is put back on the fields it names.

Split by concern: `base` (ServiceForm, VersionedForm, widgets), `plans`, `governance` (staff,
bodies, memberships, people) and `public` (the "as of" date, login); every form is importable
from `boligsocial.web.forms`."""

from boligsocial.web.forms.base import DateInput, DeleteForm, ServiceForm, VersionedForm
from boligsocial.web.forms.governance import (
    FTE_RANGE_MESSAGE,
    BodyForm,
    EndForm,
    MembershipForm,
    MergeForm,
    PersonChoiceField,
    PersonForm,
    PlanRoleForm,
    person_label,
)
from boligsocial.web.forms.plans import (
    AfdelingChoiceField,
    FocusAreaChoiceField,
    PlanForm,
    afdeling_label,
)
from boligsocial.web.forms.public import AsOfForm, LoginForm, QueryDateField

__all__ = [
    "FTE_RANGE_MESSAGE",
    "AfdelingChoiceField",
    "AsOfForm",
    "BodyForm",
    "DateInput",
    "DeleteForm",
    "EndForm",
    "FocusAreaChoiceField",
    "LoginForm",
    "MembershipForm",
    "MergeForm",
    "PersonChoiceField",
    "PersonForm",
    "PlanForm",
    "PlanRoleForm",
    "QueryDateField",
    "ServiceForm",
    "VersionedForm",
    "afdeling_label",
    "person_label",
]
