"""Constants, word lists and sizes of the synthetic national installation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from boligsocial.funding.rules import RoundRules
from boligsocial.governance.models import (
    BodyKind,
    MembershipRole,
)
from boligsocial.organisations.models import OrganisationKind

DEFAULT_SEED = 2026


# Statuses, current seats and open ends are as of this day, not the day of loading, so the
# same seed always gives the same rows (a plan "running" here ends after it).
REFERENCE_DATE = date(2026, 12, 1)


FIRST_PLAN_START = date(2007, 1, 1)


LIST_YEARS = range(2010, 2025)


FICTIONAL = "Fiktive data (syntetisk national installation, boligsocial national)"


HISTORY_REASON = "Fiktive data indlæst af boligsocial national"


SECRETARIAT_SLUG = "fiktivt-landssekretariat"


ADMIN_USERNAME = "national-sekretariat"


LEADER_USERNAME = "national-leder"


# Sizes at scale 1.0 (issue 8).
FULL = {
    "areas": 600,
    "afdelinger": 7000,
    "organisations": 500,
    "running_plans": 100,
    "ended_plans": 300,
    "people": 3000,
    "bodies": 1500,
}


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


SYLLABLES = _words(
    "ka lo mi sve tor bel ra nu vi dal hes mo rin ul fen ba si tre gun ost lis var kel "
    "py ly sø ha bro ste"
)


AREA_SUFFIXES = _words(
    "parken haven gården vænget højen bakken lunden toften engen kvarteret husene vangen"
)


SURNAME_SUFFIXES = _words("vig holt mark strup bjerg lev rød gaard tved næs")


ORG_PATTERNS = (
    "Boligselskabet {}",
    "{} Boligforening",
    "Almene Boliger {}",
    "Andelsboligforeningen {}",
    "{} Bolig",
)


# Rough boxes (lon, lon, lat, lat) for the regions, to place invented outlines on land-ish.
REGION_BOXES = {
    1081: (8.6, 10.4, 56.65, 57.45),
    1082: (8.3, 10.7, 55.95, 56.65),
    1083: (8.5, 10.7, 54.95, 55.75),
    1084: (12.15, 12.55, 55.6, 56.0),
    1085: (11.2, 12.2, 54.85, 55.75),
}


# kind: (name, fixed single seats, members range, extra seat)
BODY_SEATS: dict[str, tuple[str, tuple[str, ...], tuple[int, int], str]] = {
    BodyKind.BOARD: (
        "Bestyrelse",
        (MembershipRole.CHAIR, MembershipRole.VICE_CHAIR),
        (3, 6),
        MembershipRole.SECRETARY,
    ),
    BodyKind.STEERING: ("Styregruppe", (MembershipRole.CHAIR,), (2, 5), MembershipRole.SECRETARY),
    BodyKind.FOLLOW: ("Følgegruppe", (MembershipRole.CHAIR,), (3, 7), ""),
    BodyKind.COUNCIL: (
        "Samarbejdsråd",
        (MembershipRole.CHAIR, MembershipRole.VICE_CHAIR),
        (3, 6),
        MembershipRole.OBSERVER,
    ),
}


STAFF_TITLES = (
    "Boligsocial medarbejder",
    "Ungeguide",
    "Beskæftigelsesmedarbejder",
    "Lektiecafékoordinator",
    "Fritidsjobformidler",
)


PERSON_TITLES = {
    OrganisationKind.HOUSING: ("Boligsocial medarbejder", "Driftschef", "Forretningsfører"),
    OrganisationKind.MUNICIPALITY: ("Konsulent", "Afdelingsleder", "SSP-konsulent"),
    OrganisationKind.SECRETARIAT: ("Konsulent i sekretariatet", "Sekretariatsleder"),
}


class NationalDataError(ValueError):
    """The national installation cannot be loaded here; the message says why."""


@dataclass(frozen=True)
class RoundInfo:
    code: str
    first_year: int
    last_year: int
    normal_plan_years: int
    focus_areas: tuple[str, ...]
    latest_plan_end: date | None = None

    def rules(self) -> RoundRules:
        return RoundRules(
            code=self.code,
            first_year=self.first_year,
            last_year=self.last_year,
            normal_plan_years=self.normal_plan_years,
            lbf_max_share=Decimal("0.75"),
            local_min_share=Decimal("0.25"),
            latest_plan_end=self.latest_plan_end,
        )


def sizes(scale: float) -> dict[str, int]:
    if not 0 < scale <= 10:
        raise NationalDataError(f"--scale {scale}: give a number above 0 and at most 10.")
    minimum = {"organisations": 3, "people": 40, "running_plans": 1, "ended_plans": 1}
    return {k: max(minimum.get(k, 2), round(v * scale)) for k, v in FULL.items()}
