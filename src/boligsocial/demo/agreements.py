"""The Aarhus demo's cooperation agreements (decision 0023): each running plan gets a first
version approved by LBF at the plan's start, with a sub-agreement for each of its focus areas,
and the first running plan a second version waiting for LBF. Every text is invented and each
version's note says so."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from boligsocial.accounts.rules import ADMIN_RECORDING_LBF
from boligsocial.agreements import services
from boligsocial.agreements.models import Agreement
from boligsocial.plans.models import Plan, PlanStatus

NOTE = "Illustrativ samarbejdsaftale i demoen: alle tekster er opdigtede."
SECOND_NOTE = (
    "Illustrativ ændring i demoen: en ny aktivitet under beskæftigelse, sendt til LBF. "
    "Teksterne er opdigtede."
)

# Per focus area: goals, target groups, activities planned, indicators. Invented.
TEXTS: dict[str, tuple[str, str, list[str], list[str]]] = {
    "Uddannelse og livschancer": (
        "Flere børn og unge gennemfører grundskolen og kommer i gang med en uddannelse.",
        "Børn og unge 6–24 år og deres forældre",
        ["Lektiecafé to gange om ugen", "Brobygning til ungdomsuddannelser"],
        ["Andel 15–24-årige i uddannelse", "Antal unge i lektiecaféen"],
    ),
    "Beskæftigelse": (
        "Flere beboere kommer i job eller uddannelse.",
        "Ledige beboere 18–64 år",
        ["Jobcafé med vejledning", "Fritidsjob til unge"],
        ["Antal beboere hjulpet i job", "Antal unge i fritidsjob"],
    ),
    "Kriminalitetsforebyggelse": (
        "Færre unge begår kriminalitet, og beboerne føler sig trygge.",
        "Unge i risiko for kriminalitet og deres familier",
        ["Gadeplansarbejde om aftenen", "Forældrenetværk"],
        ["Andel beboere der føler sig trygge", "Antal unge i gadeplanskontakt"],
    ),
    "Sammenhængskraft og medborgerskab": (
        "Flere beboere deltager i fællesskaber og i beboerdemokratiet.",
        "Alle beboere, særligt nytilflyttede",
        ["Velkomstbesøg til nye beboere", "Støtte til foreninger"],
        ["Antal aktive frivillige", "Valgdeltagelse ved afdelingsmødet"],
    ),
}
GENERIC = (
    "Illustrativ målsætning for indsatsområdet.",
    "Beboerne i området",
    ["Illustrativ aktivitet"],
    ["Illustrativ indikator"],
)


def _fill(version: Any) -> None:
    for sub in version.sub_agreements.select_related("focus_area"):
        goals, groups, activities, indicators = TEXTS.get(sub.focus_area.name_da, GENERIC)
        services.sub_agreement_update(
            sub_agreement=sub,
            data={
                "goals": goals,
                "target_groups": groups,
                "activities": activities,
                "indicators": indicators,
            },
        )


def load_agreements(plans: Iterable[Plan], *, recorder: Any) -> int:
    """Give each running plan without an agreement its illustrative one; `recorder` (a
    secretariat administrator) records LBF's approval as from LBF's letter. Returns the number
    of agreements created. Idempotent."""
    created = 0
    running = [p for p in plans if p.status == PlanStatus.RUNNING]
    for index, plan in enumerate(running):
        if Agreement.objects.filter(plan=plan).exists():
            continue
        first = services.agreement_draft_create(plan=plan, user=recorder, note=NOTE)
        _fill(first)
        submitted = plan.start_date - timedelta(days=120)
        services.agreement_version_submit(version=first, user=recorder, submitted_on=submitted)
        services.agreement_version_approve(
            version=first,
            user=recorder,
            capacity=ADMIN_RECORDING_LBF,
            approved_on=plan.start_date - timedelta(days=60),
        )
        if index == 0:
            second = services.agreement_draft_create(plan=plan, user=recorder, note=SECOND_NOTE)
            for sub in second.sub_agreements.select_related("focus_area"):
                if sub.focus_area.name_da == "Beskæftigelse":
                    services.sub_agreement_update(
                        sub_agreement=sub,
                        data={"activities": [*sub.activities, "Virksomhedsbesøg for unge"]},
                    )
            services.agreement_version_submit(version=second, user=recorder)
        created += 1
    return created
