"""`load_national()`: generate, check, and write what is missing in one transaction."""

from __future__ import annotations

import time
from collections import defaultdict
from pathlib import Path

from django.conf import settings
from django.db import transaction

from boligsocial.demo.national.base import DEFAULT_SEED, NationalDataError, RoundInfo, sizes
from boligsocial.demo.national.checks import problems
from boligsocial.demo.national.country import generate
from boligsocial.demo.national.writer import NationalReport, Writer
from boligsocial.funding.models import FocusArea, FundRound
from boligsocial.organisations.models import Municipality
from boligsocial.site.models import SiteProfile


def stored_rounds() -> list[RoundInfo]:
    focus: dict[int, list[str]] = defaultdict(list)
    for fa in FocusArea.objects.filter(active=True).order_by("fund_round_id", "position"):
        focus[fa.fund_round_id].append(fa.name_da)
    return [
        RoundInfo(
            code=r.code,
            first_year=r.first_year,
            last_year=r.last_year,
            normal_plan_years=r.normal_plan_years,
            focus_areas=tuple(focus[r.pk]),
            latest_plan_end=r.latest_plan_end,
        )
        for r in FundRound.objects.order_by("first_year")
    ]


def load_national(
    *, scale: float = 1.0, seed: int = DEFAULT_SEED, password: str | None = None
) -> NationalReport:
    """Load the national installation (idempotent). `password` is for the two users it
    creates (`national-sekretariat`, `national-leder`); None creates no users."""
    began = time.monotonic()
    profile = SiteProfile.objects.first()
    if profile is not None and not profile.demo_notice:
        raise NationalDataError(
            "This database has a site profile without the demo notice, so it looks like a real "
            "installation: the fictional national data is only loaded into an empty or demo "
            "database."
        )
    municipalities = list(Municipality.objects.values_list("code", "name", "region__code"))
    if len(municipalities) != 98:
        raise NationalDataError(
            f"The database has {len(municipalities)} municipalities, not 98: run "
            "`boligsocial migrate` first."
        )
    rounds = stored_rounds()
    data = generate(municipalities=municipalities, rounds=rounds, scale=scale, seed=seed)
    found = problems(data, rounds)
    if found:
        raise NationalDataError(
            f"The generated data breaks {len(found)} rule(s), e.g. {found[0]}; nothing written."
        )
    report = NationalReport(sizes=sizes(scale))
    # Imported here: demo.money.national imports this package (a cycle at import time).
    from boligsocial.demo.money.national import write_national_money

    with transaction.atomic():
        Writer(data, report).run(password)
        write_national_money(data, report)  # the running plans' money (issue 10)
    report.seconds = time.monotonic() - began
    return report


def default_password_allowed() -> bool:
    """The public demo password is only for SQLite files under var/ (local demo databases)."""
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.sqlite3":
        return False
    try:
        return Path(str(db["NAME"])).resolve().is_relative_to(settings.VAR_DIR.resolve())
    except (OSError, ValueError):
        return False
