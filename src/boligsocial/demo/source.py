"""Read the demo's data files into plain values (no Django imports, no database).

Two files in `data/`: `aarhus_areas.csv`, the real public facts (a copy of
shared/data/aarhus_areas.csv), and `illustrative.toml`, everything that fills the gaps. This
module checks that they agree (every area row is used, the afdelinger's dwellings add up to the
source's total, every person has an invented first name, every reference resolves) and works
out each plan's dates, status and a Danish note saying exactly which of its figures are
illustrative. A problem raises `DemoDataError` naming the file, row or key.
"""

from __future__ import annotations

import csv
import re
import tomllib
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"
CSV_PATH = DATA_DIR / "aarhus_areas.csv"
TOML_PATH = DATA_DIR / "illustrative.toml"
OFFICIAL_LISTS_DIR = DATA_DIR / "official_lists"
OFFICIAL_LISTS_NOTE = (
    "Social- og Indenrigsministeriets PDF-liste, afskrevet i det offentlige GitHub-repositorium "
    "heholo/IDE, exam/data/ghetto.json; sekundær kilde"
)

# Every demo person's first name is one of these invented names, so that no demo person can be
# mistaken for a real one. The loader refuses any other first name.
FICTIONAL_FIRST_NAMES = frozenset(
    """
    Antagine Attrapia Bluffius Demonika Digtrid Drillia Drømmeline Drømmius Dummikka
    Eksempline Eventyra Eventyrik Fabelius Fablia Fabuline Fantasia Fantasius Fiktiva Fiktor
    Forestillia Forsøgrid Gætline Hypotesa Ideanus Imaginus Indfaldine Kladdia Konceptine
    Luftrik Mockelina Modelius Myterik Mytelise Opdigta Opfindine Påfundius Påhittine
    Pladsholda Prototyra Prøvine Sagnus Simulanne Skabelonius Skitsa Skrønine Skyggeline
    Tankeline Teorius Testa Tænktor Udkastian Utopia Visionus Øvelsine
    """.split()  # noqa: SIM905 (a list literal would take 54 lines)
)

SEAT_ROLES = ("chair", "vice_chair", "member", "secretary", "observer")
BODY_KINDS = ("board", "steering_group", "follow_group", "cooperation_council")
ORGANISATION_KINDS = (
    "housing_organisation",
    "municipality",
    "lbf",
    "secretariat",
    "police",
    "foundation",
    "school",
    "other",
)
CSV_COLUMNS = (
    "area",
    "municipality",
    "housing_organisations",
    "afdelinger_note",
    "plan_periods_found",
    "dwellings",
    "residents_approx",
    "facts_year",
    "source",
)
_PERIOD = re.compile(r"^\s*(\d{4})\s*[-–]\s*(\d{4})\b")
_PAREN = re.compile(r"\s*\([^)]*\)\s*$")


class DemoDataError(ValueError):
    """The demo's data files are inconsistent; the message names the file and the row or key."""


# --- values ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SourceRow:
    """One row of aarhus_areas.csv, parsed. None is unknown."""

    line: int
    area: str
    municipality: str
    housing_organisations: tuple[str, ...]
    organisations_inferred: bool
    afdelinger_note: str
    period: tuple[int, int] | None
    period_text: str
    dwellings: int | None
    residents: int | None
    facts_year: int | None
    source: str


@dataclass(frozen=True)
class OrganisationSpec:
    key: str
    kind: str
    name: str
    cvr: str = ""
    website: str = ""
    municipality: str | None = None
    aliases: tuple[str, ...] = ()
    placeholder: bool = False


@dataclass(frozen=True)
class AfdelingSpec:
    organisation: str
    number: str
    name: str
    dwellings: int | None
    number_from_source: bool
    dwellings_illustrative: bool


@dataclass(frozen=True)
class AreaSpec:
    name: str
    municipality: str
    residents: int | None
    residents_source: str
    description: str
    office: str
    afdelinger: tuple[AfdelingSpec, ...]
    source: SourceRow
    note_lines: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class PersonSpec:
    name: str
    title: str
    employer: str
    email: str


@dataclass(frozen=True)
class SeatSpec:
    person: str
    role: str
    valid_from: date
    valid_to: date | None


@dataclass(frozen=True)
class BodySpec:
    kind: str
    name: str
    seats: tuple[SeatSpec, ...]


@dataclass(frozen=True)
class StaffSpec:
    person: str
    kind: str  # "leader" or "staff" (PlanRoleKind)
    title: str
    fte: Decimal
    valid_from: date
    valid_to: date | None


@dataclass(frozen=True)
class PlanSpec:
    area: str
    name: str
    start: date
    end: date
    status: str  # "running" or "ended" (PlanStatus)
    from_source: bool
    length_reason: str
    focus_areas: tuple[str, ...]
    staff: tuple[StaffSpec, ...]
    bodies: tuple[BodySpec, ...]
    description: str
    office_address: str
    contact_email: str
    data_note: str


@dataclass(frozen=True)
class UserSpec:
    username: str
    role: str
    description: str
    superuser: bool = False
    plan: str | None = None
    organisation: str | None = None
    municipality: str | None = None


@dataclass(frozen=True)
class SiteSpec:
    title_da: str
    title_en: str
    intro_da: str
    intro_en: str
    secretariat_text_da: str
    secretariat_text_en: str


@dataclass(frozen=True)
class DemoData:
    as_of: date
    municipality: str
    organisations: dict[str, OrganisationSpec]
    areas: tuple[AreaSpec, ...]
    people: dict[str, PersonSpec]
    plans: tuple[PlanSpec, ...]
    users: tuple[UserSpec, ...]
    site: SiteSpec
    secretariat: str = field(default="secretariat")


# --- the CSV -----------------------------------------------------------------------------------


def _unknown(value: str) -> bool:
    return value.strip().lower() in {"", "unknown"} or value.strip().lower().startswith("unknown ")


def _int_cell(value: str, *, path: Path, line: int, column: str) -> int | None:
    if _unknown(value):
        return None
    try:
        return int(value.strip())
    except ValueError:
        raise DemoDataError(
            f"{path.name} line {line}, column {column}: {value!r} is not a whole number."
        ) from None


def parse_period(text: str) -> tuple[int, int] | None:
    """The years of a period such as "2018-2022 (an older plan ran 5 years)"; None if unknown."""
    match = _PERIOD.match(text)
    if not match:
        return None
    return int(match.group(1)), int(match.group(2))


def read_source(path: Path = CSV_PATH) -> dict[str, SourceRow]:
    rows: dict[str, SourceRow] = {}
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in CSV_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise DemoDataError(f"{path.name}: missing column(s) {', '.join(missing)}.")
        for line, raw in enumerate(reader, start=2):
            orgs_cell = raw["housing_organisations"].strip()
            names = [] if _unknown(orgs_cell) else [n.strip() for n in orgs_cell.split(";")]
            inferred = any(_PAREN.search(n) for n in names)
            names = [_PAREN.sub("", n).strip() for n in names]
            period_text = raw["plan_periods_found"].strip()
            period = parse_period(period_text)
            if period is None and not _unknown(period_text):
                raise DemoDataError(
                    f"{path.name} line {line}, column plan_periods_found: {period_text!r} is "
                    "neither a period like 2018-2022 nor unknown."
                )
            if period and period[1] < period[0]:
                raise DemoDataError(
                    f"{path.name} line {line}, column plan_periods_found: the period "
                    f"{period_text!r} ends before it starts."
                )
            row = SourceRow(
                line=line,
                area=raw["area"].strip(),
                municipality=raw["municipality"].strip(),
                housing_organisations=tuple(names),
                organisations_inferred=inferred,
                afdelinger_note=raw["afdelinger_note"].strip(),
                period=period,
                period_text=period_text,
                dwellings=_int_cell(raw["dwellings"], path=path, line=line, column="dwellings"),
                residents=_int_cell(
                    raw["residents_approx"], path=path, line=line, column="residents_approx"
                ),
                facts_year=_int_cell(raw["facts_year"], path=path, line=line, column="facts_year"),
                source=raw["source"].strip(),
            )
            if row.area in rows:
                raise DemoDataError(f"{path.name} line {line}: area {row.area!r} appears twice.")
            rows[row.area] = row
    return rows


# --- dates and notes ---------------------------------------------------------------------------


def source_period_dates(first_year: int, last_year: int) -> tuple[date, date, str]:
    """Illustrative dates for a period the source gives only as years. Plans run four years:
    a span of four calendar years is 1 January to 31 December; a span of five ("2018-2022") is
    a four-year plan across them, 1 July to 30 June. Any other span keeps the years whole and
    returns the reason for its length."""
    span = last_year - first_year
    if span == 3:
        return date(first_year, 1, 1), date(last_year, 12, 31), ""
    if span == 4:
        return date(first_year, 7, 1), date(last_year, 6, 30), ""
    return (
        date(first_year, 1, 1),
        date(last_year, 12, 31),
        f"Kilden angiver perioden {first_year}–{last_year}.",
    )


def danish_int(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def plan_data_note(
    *,
    area: AreaSpec,
    from_source: bool,
    start: date,
    end: date,
    length_reason: str,
    current: bool,
    focus_areas_given: bool = True,
) -> str:
    """Which of a plan's figures are illustrative, in Danish, sentence by sentence. A plan
    given no focus areas says they are not recorded (rather than inventing them)."""
    src = area.source
    lines: list[str] = []
    if from_source:
        if src.period is None:
            raise ValueError(f"{area.name}: a period from the source needs the source's period")
        lines.append(
            f"Perioden {src.period[0]}–{src.period[1]} er fra kilden; de præcise start- og "
            "slutdatoer er illustrative."
        )
    else:
        known = (
            f"kilden kender kun perioden {src.period[0]}–{src.period[1]}"
            if src.period
            else "kilden kender ingen periode for området"
        )
        lines.append(
            f"Hele planen for {start.year}–{end.year} er illustrativ: {known}, men "
            "Fællessekretariatet oplyser, at otte boligområder i Aarhus har en helhedsplan."
        )
    if length_reason and not from_source:
        lines.append("Planens længde er illustrativ.")
    if focus_areas_given:
        lines.append("Indsatsområderne er illustrative.")
    else:
        lines.append("Planens indsatsområder er ikke registreret her; se kilden.")
    if not all(a.number_from_source for a in area.afdelinger):
        lines.append("Afdelingsnumrene er illustrative.")
    if any(a.dwellings_illustrative for a in area.afdelinger) and src.dwellings is not None:
        lines.append(
            f"Fordelingen af de {danish_int(src.dwellings)} boliger på afdelingerne er "
            "illustrativ; det samlede tal er fra kilden."
        )
    lines.extend(area.note_lines)
    invented = "Medarbejdere og medlemmer af bestyrelser og grupper er opdigtede."
    if current:
        invented = (
            "Kontor, kontaktoplysninger, medarbejdere og medlemmer af bestyrelser og grupper "
            "er opdigtede."
        )
    lines.append(
        f"{invented} Boligorganisationernes CVR-numre er fiktive (men opfylder "
        "modulus 11-kontrollen)."
    )
    lines.append(f"Kilde: {src.source}")
    return " ".join(lines)


def ascii_name(text: str, *, sep: str = ".") -> str:
    """Lower-case ASCII for an e-mail address: æ ø å become ae oe aa, spaces `sep`."""
    out = text.lower()
    for a, b in (("æ", "ae"), ("ø", "oe"), ("å", "aa")):
        out = out.replace(a, b)
    return re.sub(r"[^a-z0-9]+", sep, out).strip(sep)


def email_for(name: str) -> str:
    return f"{ascii_name(name)}@example.org"


# --- the TOML ----------------------------------------------------------------------------------


def _req(table: dict[str, Any], key: str, where: str) -> Any:
    if key not in table:
        raise DemoDataError(f"{TOML_PATH.name}, {where}: `{key}` is missing.")
    return table[key]


def _organisations(raw: dict[str, Any]) -> dict[str, OrganisationSpec]:
    out: dict[str, OrganisationSpec] = {}
    for key, t in raw.items():
        where = f"[organisations.{key}]"
        kind = _req(t, "kind", where)
        if kind not in ORGANISATION_KINDS:
            raise DemoDataError(f"{TOML_PATH.name}, {where}: unknown kind {kind!r}.")
        out[key] = OrganisationSpec(
            key=key,
            kind=kind,
            name=_req(t, "name", where),
            cvr=t.get("cvr", ""),
            website=t.get("website", ""),
            municipality=t.get("municipality"),
            aliases=tuple(t.get("aliases", ())),
            placeholder=bool(t.get("placeholder", False)),
        )
    return out


def _org_key_by_name(orgs: dict[str, OrganisationSpec]) -> dict[str, str]:
    index: dict[str, str] = {}
    for spec in orgs.values():
        for name in (spec.name, *spec.aliases):
            index[name] = spec.key
    return index


def _areas(
    raw: list[dict[str, Any]],
    source: dict[str, SourceRow],
    orgs: dict[str, OrganisationSpec],
) -> tuple[AreaSpec, ...]:
    by_name = _org_key_by_name(orgs)
    out: list[AreaSpec] = []
    used: set[str] = set()
    for i, t in enumerate(raw, start=1):
        where = f"[[areas]] #{i}"
        csv_name = _req(t, "csv", where)
        if csv_name not in source:
            raise DemoDataError(
                f"{TOML_PATH.name}, {where}: csv = {csv_name!r} is not an area of {CSV_PATH.name}."
            )
        used.add(csv_name)
        row = source[csv_name]
        afdelinger: list[AfdelingSpec] = []
        for j, a in enumerate(_req(t, "afdelinger", where), start=1):
            org = _req(a, "organisation", f"{where} afdeling #{j}")
            if org not in orgs or orgs[org].kind != "housing_organisation":
                raise DemoDataError(
                    f"{TOML_PATH.name}, {where} afdeling #{j}: {org!r} is not a housing "
                    "organisation key."
                )
            afdelinger.append(
                AfdelingSpec(
                    organisation=org,
                    number=str(_req(a, "number", f"{where} afdeling #{j}")),
                    name=_req(a, "name", f"{where} afdeling #{j}"),
                    dwellings=a.get("dwellings"),
                    number_from_source=bool(a.get("number_from_source", False)),
                    dwellings_illustrative=False,
                )
            )
        # The source's housing organisations are exactly those owning the afdelinger, unless
        # the source does not know them (then one placeholder organisation stands in).
        owners = {a.organisation for a in afdelinger}
        if row.housing_organisations:
            named = set()
            for name in row.housing_organisations:
                if name not in by_name:
                    raise DemoDataError(
                        f"{CSV_PATH.name} line {row.line}, column housing_organisations: "
                        f"{name!r} is not an organisation (or alias) in {TOML_PATH.name}."
                    )
                named.add(by_name[name])
            if named != owners:
                raise DemoDataError(
                    f"{TOML_PATH.name}, {where}: the afdelinger belong to "
                    f"{sorted(owners)}, but {CSV_PATH.name} line {row.line} names "
                    f"{sorted(named)}."
                )
        elif not all(orgs[o].placeholder for o in owners):
            raise DemoDataError(
                f"{TOML_PATH.name}, {where}: the source does not know the housing "
                "organisation, so the afdelinger must belong to a placeholder organisation."
            )
        # Dwellings: the source's total stays exact; a split over several afdelinger is
        # illustrative and must add up to it.
        given = [a.dwellings for a in afdelinger if a.dwellings is not None]
        if row.dwellings is None and given:
            raise DemoDataError(
                f"{TOML_PATH.name}, {where}: the source does not know the dwellings, so the "
                "afdelinger must not give any (do not invent figures the page does not need)."
            )
        if row.dwellings is not None:
            if len(given) != len(afdelinger) or sum(given) != row.dwellings:
                raise DemoDataError(
                    f"{TOML_PATH.name}, {where}: the afdelinger's dwellings "
                    f"({sum(given)}) must all be given and add up to {row.dwellings} "
                    f"({CSV_PATH.name} line {row.line})."
                )
            if len(afdelinger) > 1:
                afdelinger = [replace(a, dwellings_illustrative=True) for a in afdelinger]
        if row.organisations_inferred and not t.get("organisation_note"):
            raise DemoDataError(
                f"{TOML_PATH.name}, {where}: {CSV_PATH.name} line {row.line} marks its housing "
                "organisation as uncertain; say so in `organisation_note`."
            )
        notes = [t[k] for k in ("note", "organisation_note", "afdeling_note") if t.get(k)]
        residents_source = ""
        if row.residents is not None:
            residents_source = f"Ca. {danish_int(row.residents)} beboere"
            if row.facts_year:
                residents_source += f" ({row.facts_year})"
            residents_source += f". Kilde: {row.source}"
        out.append(
            AreaSpec(
                name=t.get("name", csv_name),
                municipality=row.municipality,
                residents=row.residents,
                residents_source=residents_source[:500],
                description=t.get("description", ""),
                office=t.get("office", ""),
                afdelinger=tuple(afdelinger),
                source=row,
                note_lines=tuple(notes),
                aliases=tuple(t.get("aliases", ())),
            )
        )
    unused = sorted(set(source) - used)
    if unused:
        raise DemoDataError(
            f"{TOML_PATH.name}: no [[areas]] entry for {', '.join(unused)} of {CSV_PATH.name}."
        )
    return tuple(out)


def _people(raw: dict[str, Any], orgs: dict[str, OrganisationSpec]) -> dict[str, PersonSpec]:
    out: dict[str, PersonSpec] = {}
    for name, t in raw.items():
        where = f"[people] {name!r}"
        first = name.split()[0]
        if first not in FICTIONAL_FIRST_NAMES:
            raise DemoDataError(
                f"{TOML_PATH.name}, {where}: the first name {first!r} is not one of the "
                "invented demo first names (FICTIONAL_FIRST_NAMES in boligsocial.demo.source)."
            )
        employer = _req(t, "employer", where)
        if employer not in orgs:
            raise DemoDataError(f"{TOML_PATH.name}, {where}: unknown employer {employer!r}.")
        out[name] = PersonSpec(
            name=name, title=t.get("title", ""), employer=employer, email=email_for(name)
        )
    return out


def _fte(value: str, where: str) -> Decimal:
    try:
        fte = Decimal(value)
    except InvalidOperation:
        raise DemoDataError(f"{TOML_PATH.name}, {where}: FTE {value!r} is not a number.") from None
    if not Decimal("0.01") <= fte <= Decimal("1.00"):
        raise DemoDataError(f"{TOML_PATH.name}, {where}: FTE {value} is not 0.01–1.00.")
    return fte


def _plans(
    raw: list[dict[str, Any]],
    areas: tuple[AreaSpec, ...],
    people: dict[str, PersonSpec],
    as_of: date,
) -> tuple[PlanSpec, ...]:
    by_area = {a.name: a for a in areas}
    out: list[PlanSpec] = []
    for i, t in enumerate(raw, start=1):
        where = f"[[plans]] #{i}"
        area_name = _req(t, "area", where)
        if area_name not in by_area:
            raise DemoDataError(f"{TOML_PATH.name}, {where}: unknown area {area_name!r}.")
        area = by_area[area_name]
        from_source = t.get("period") == "source"
        if from_source:
            if area.source.period is None:
                raise DemoDataError(
                    f"{TOML_PATH.name}, {where}: period = 'source', but {CSV_PATH.name} line "
                    f"{area.source.line} knows no period for {area_name}."
                )
            start, end, length_reason = source_period_dates(*area.source.period)
        else:
            start, end = _req(t, "start", where), _req(t, "end", where)
            if not isinstance(start, date) or not isinstance(end, date):
                raise DemoDataError(f"{TOML_PATH.name}, {where}: start and end must be dates.")
            length_reason = t.get("length_reason", "")
        if end < as_of:
            status, open_to = "ended", end
        elif start <= as_of:
            status, open_to = "running", None
        else:
            raise DemoDataError(f"{TOML_PATH.name}, {where}: the plan starts after {as_of}.")
        name = f"{area.name} {start.year}-{end.year}"

        def person(p: str, ctx: str, *, _where: str = where) -> str:
            if p not in people:
                raise DemoDataError(f"{TOML_PATH.name}, {_where} {ctx}: {p!r} is not in [people].")
            return p

        staff = [
            StaffSpec(
                person=person(_req(t, "leader", where), "leader"),
                kind="leader",
                title="Boligsocial leder",
                fte=Decimal("1.00"),
                valid_from=start,
                valid_to=open_to,
            )
        ]
        for s in t.get("staff", []):
            staff.append(
                StaffSpec(
                    person=person(s[0], "staff"),
                    kind="staff",
                    title=s[1],
                    fte=_fte(s[2], f"{where} staff {s[0]!r}"),
                    valid_from=start,
                    valid_to=open_to,
                )
            )
        bodies: list[BodySpec] = []
        for b in t.get("bodies", []):
            bwhere = f"{where} body {b.get('name')!r}"
            kind = _req(b, "kind", bwhere)
            if kind not in BODY_KINDS:
                raise DemoDataError(f"{TOML_PATH.name}, {bwhere}: unknown kind {kind!r}.")
            seats: list[SeatSpec] = []
            for seat in _req(b, "seats", bwhere):
                if seat[1] not in SEAT_ROLES:
                    raise DemoDataError(
                        f"{TOML_PATH.name}, {bwhere}: unknown role {seat[1]!r} for {seat[0]!r}."
                    )
                valid_from = seat[2] if len(seat) > 2 else start
                valid_to = seat[3] if len(seat) > 3 else open_to
                seats.append(
                    SeatSpec(
                        person=person(seat[0], f"body {b['name']!r}"),
                        role=seat[1],
                        valid_from=valid_from,
                        valid_to=valid_to,
                    )
                )
            bodies.append(BodySpec(kind=kind, name=_req(b, "name", bwhere), seats=tuple(seats)))
        current = status == "running"
        out.append(
            PlanSpec(
                area=area.name,
                name=name,
                start=start,
                end=end,
                status=status,
                from_source=from_source,
                length_reason=length_reason,
                focus_areas=tuple(t.get("focus_areas", ())),
                staff=tuple(staff),
                bodies=tuple(bodies),
                description=(
                    f"Boligsocial helhedsplan for {area.name} {start.year}–{end.year}."
                    + ("" if from_source else " Illustrativ aktuel plan (demodata).")
                ),
                office_address=area.office if current else "",
                contact_email=(
                    f"{ascii_name(area.name.split('/')[0], sep='-')}@helhedsplan.example"
                    if current
                    else ""
                ),
                data_note=plan_data_note(
                    area=area,
                    from_source=from_source,
                    start=start,
                    end=end,
                    length_reason=length_reason,
                    current=current,
                    focus_areas_given=bool(t.get("focus_areas")),
                ),
            )
        )
    names = [p.name for p in out]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise DemoDataError(f"{TOML_PATH.name}: two plans would be named {', '.join(dupes)}.")
    return tuple(out)


def _users(
    raw: list[dict[str, Any]], orgs: dict[str, OrganisationSpec], plans: tuple[PlanSpec, ...]
) -> tuple[UserSpec, ...]:
    plan_names = {p.name for p in plans}
    out: list[UserSpec] = []
    for i, t in enumerate(raw, start=1):
        where = f"[[users]] #{i}"
        plan = t.get("plan")
        if plan is not None and plan not in plan_names:
            raise DemoDataError(f"{TOML_PATH.name}, {where}: unknown plan {plan!r}.")
        organisation = t.get("organisation")
        if organisation is not None and organisation not in orgs:
            raise DemoDataError(
                f"{TOML_PATH.name}, {where}: unknown organisation {organisation!r}."
            )
        out.append(
            UserSpec(
                username=_req(t, "username", where),
                role=_req(t, "role", where),
                description=t.get("description", ""),
                superuser=bool(t.get("superuser", False)),
                plan=plan,
                organisation=organisation,
                municipality=t.get("municipality"),
            )
        )
    return tuple(out)


def read_demo_data(csv_path: Path = CSV_PATH, toml_path: Path = TOML_PATH) -> DemoData:
    source = read_source(csv_path)
    with toml_path.open("rb") as handle:
        try:
            raw = tomllib.load(handle)
        except tomllib.TOMLDecodeError as exc:
            raise DemoDataError(f"{toml_path.name}: {exc}") from None
    demo = _req(raw, "demo", "top level")
    as_of = _req(demo, "as_of", "[demo]")
    orgs = _organisations(_req(raw, "organisations", "top level"))
    areas = _areas(_req(raw, "areas", "top level"), source, orgs)
    people = _people(_req(raw, "people", "top level"), orgs)
    plans = _plans(_req(raw, "plans", "top level"), areas, people, as_of)
    users = _users(_req(raw, "users", "top level"), orgs, plans)
    site = _req(raw, "site", "top level")
    return DemoData(
        as_of=as_of,
        municipality=_req(demo, "municipality", "[demo]"),
        organisations=orgs,
        areas=areas,
        people=people,
        plans=plans,
        users=users,
        site=SiteSpec(**{k: str(v).strip() for k, v in site.items()}),
    )
