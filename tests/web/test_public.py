"""The public pages: content, Danish formats, language switch, visibility of unpublished
plans, and pinned query counts."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.utils import timezone
from tests import factories as f
from tests import kit
from tests.web.conftest import World, logged_in

from boligsocial.accounts.models import Role
from boligsocial.funding.models import FundRound
from boligsocial.governance.models import BodyKind, MembershipRole, PlanRoleKind
from boligsocial.plans.models import PlanStatus
from boligsocial.site.models import SiteProfile

pytestmark = pytest.mark.django_db

PLAN_URL = "/planer/helhedsplan-testparken/"


def page(response) -> str:
    return response.content.decode()


# The layout -----------------------------------------------------------------------------------


def test_layout_is_danish_with_landmarks_skip_link_and_local_assets(client: Client, world: World):
    html = page(client.get("/"))
    assert html.lower().startswith("<!doctype html>")  # standards mode
    doc = kit.parse(html)
    assert kit.find(doc, "html").attrs["lang"] == "da"
    skip = kit.find(doc, "a", class_="skipnav")
    assert (skip.attrs["href"], kit.text(skip)) == ("#main-content", "Gå til sidens indhold")
    main = kit.find(doc, "main")
    assert (main.attrs["id"], main.attrs["tabindex"]) == ("main-content", "-1")
    assert len(kit.find_all(doc, "header")) == len(kit.find_all(doc, "footer")) == 1
    assert len(kit.find_all(doc, "h1")) == 1
    assert kit.find_all(doc, "nav", aria_label="Hovedmenu")
    # every style sheet and script is served by the site itself, none from the internet
    assets = [e.attrs.get("href") for e in kit.find_all(doc, "link", rel="stylesheet")] + [
        e.attrs["src"] for e in kit.find_all(doc, "script") if "src" in e.attrs
    ]
    assert {
        "/static/vendor/dkfds/css/dkfds.min.css",
        "/static/vendor/dkfds/js/dkfds.min.js",
        "/static/vendor/htmx/htmx.min.js",
    } <= set(assets)
    assert all(str(a).startswith("/static/") for a in assets), assets
    assert "http://" not in html.replace('href="http://', "")
    assert "https://" not in html
    # the language switch is a form with a button, offering English in English
    form = kit.find(doc, "form", id="language-form")
    assert (form.attrs["action"], form.attrs["method"]) == ("/i18n/setlang/", "post")
    button = kit.find(form, "button", name="language")
    assert (button.attrs["type"], button.attrs["value"], button.attrs["lang"]) == (
        "submit",
        "en",
        "en",
    )
    assert kit.find(doc, "a", class_="function-link bs-tool").attrs["href"] == "/log-ind/"


def test_demo_notice_follows_the_site_profile(client: Client, world: World):
    notice = "Demodata: tal uden offentlig kilde er illustrative"
    for url in ("/", PLAN_URL, "/sekretariatet/", "/finansiering/", "/log-ind/"):
        assert notice in page(client.get(url)), url
    SiteProfile.objects.update(demo_notice=False)
    assert notice not in page(client.get("/"))


def test_current_page_is_marked_in_the_menu(client: Client, world: World):
    doc = kit.parse(client.get("/finansiering/"))
    menu = kit.find(doc, "nav", class_="nav", aria_label="Hovedmenu")
    links = [(kit.text(a), a.attrs["href"]) for a in kit.find_all(menu, "a", class_="nav-link")]
    assert ("Helhedsplaner", "/") in links
    (current,) = kit.find_all(menu, "li", class_="active current")
    assert [(kit.text(a), a.attrs["href"]) for a in kit.find_all(current, "a")] == [
        ("Finansiering", "/finansiering/")
    ]
    assert [kit.text(a) for a in kit.find_all(menu, aria_current="page")] == ["Finansiering"]


def test_without_a_site_profile_the_pages_still_render(client: Client, db):
    html = page(client.get("/"))
    assert "<h1>Boligsociale helhedsplaner</h1>" in html
    assert "Der er endnu ikke offentliggjort nogen helhedsplaner." in html
    assert "Demodata" not in html
    html = page(client.get("/sekretariatet/"))
    assert "Der er ikke oprettet et fællessekretariat for dette websted." in html


# The front page --------------------------------------------------------------------------------


def test_front_page_lists_published_plans_with_their_facts(client: Client, world: World):
    f.PlanFactory(name="Skjult plan", slug="skjult-plan", published=False)
    response = client.get("/")
    assert response.status_code == 200
    doc = kit.parse(response)
    assert kit.text(kit.find(doc, "title")) == "Boligsociale helhedsplaner i Testby"
    assert kit.text(kit.find(doc, "h1")) == "Boligsociale helhedsplaner i Testby"
    assert kit.text(kit.find(doc, "p", class_="font-lead")) == "Planerne i Testby."
    assert kit.text(kit.find(doc, id="plans-count")) == (
        "1 offentliggjort helhedsplan: 1 aktuel, 0 afsluttede."
    )
    assert kit.text(kit.find(doc, id="plans-current-heading")) == "Aktuelle helhedsplaner (1)"
    (plan,) = kit.find_all(doc, "article")
    name = kit.find(plan, "h3")
    assert kit.text(name) == "Helhedsplan for Testparken"
    assert kit.find(name, "a").attrs["href"] == "/planer/helhedsplan-testparken/"
    assert kit.definitions(plan) == [
        ("Boligområde", "Testparken"),
        ("Boligorganisationer", "Boligforeningen Testhus"),
        ("Periode", "1. januar 2023 – 31. december 2026 (bevillingsperiode 2019–26)"),
        ("Status", "I gang"),
        ("Indsatsområder", "Uddannelse og livschancer, Beskæftigelse"),
        (
            "Kontakt",
            "Lene Testleder, Boligsocial leder\nTestvej 1, 8000 Aarhus C\nkontakt@example.org",
        ),
    ]
    assert kit.text(kit.find(plan, "a", href="mailto:kontakt@example.org")) == "kontakt@example.org"
    assert "Skjult plan" not in kit.text(doc)


def test_front_page_title_and_texts_are_data(client: Client, world: World):
    SiteProfile.objects.update(title_da="Boligsociale helhedsplaner i Odense", intro_da="Odense.")
    html = page(client.get("/"))
    assert "<h1>Boligsociale helhedsplaner i Odense</h1>" in html
    assert '<p class="font-lead">Odense.</p>' in html
    assert "Testby" not in html


def test_front_page_shows_only_plans_of_the_municipalities_the_site_covers(
    client: Client, world: World
):
    odense_area = f.AreaFactory(name="Odenseparken", municipality=f.municipality("Odense"))
    f.PlanFactory(
        name="Helhedsplan for Odenseparken",
        slug="odenseparken",
        afdelinger=[f.AfdelingFactory(organisation=world.housing, area=odense_area)],
    )
    html = page(client.get("/"))  # no municipalities named: all of Denmark
    assert (
        '<p id="plans-count">2 offentliggjorte helhedsplaner: 2 aktuelle, 0 afsluttede.</p>' in html
    )
    world.site.municipalities.set([f.municipality("Odense")])
    html = page(client.get("/"))
    assert '<p id="plans-count">1 offentliggjort helhedsplan: 1 aktuel, 0 afsluttede.</p>' in html
    assert "Helhedsplan for Odenseparken" in html
    assert "Helhedsplan for Testparken" not in html
    world.site.municipalities.set([f.municipality("Odense"), f.municipality("Aarhus")])
    assert "2 offentliggjorte helhedsplaner: 2 aktuelle, 0 afsluttede." in page(client.get("/"))


def _ended_plan(name: str, end: date, **kwargs):
    return f.PlanFactory(
        name=name,
        status=PlanStatus.ENDED,
        start_date=date(end.year - 3, 1, 1),
        end_date=end,
        **kwargs,
    )


def test_front_page_lists_current_plans_first_then_ended_ones(client: Client, world: World):
    _ended_plan("Afsluttet i 2017", date(2017, 12, 31))
    _ended_plan("Afsluttet i 2022", date(2022, 6, 30))
    f.PlanFactory(name="Under forberedelse", status=PlanStatus.IDEA)
    html = page(client.get("/"))
    assert (
        '<p id="plans-count">4 offentliggjorte helhedsplaner: 2 aktuelle, 2 afsluttede.</p>' in html
    )
    assert '<h2 id="plans-current-heading">Aktuelle helhedsplaner (2)</h2>' in html
    assert '<h2 id="plans-ended-heading">Afsluttede helhedsplaner (2)</h2>' in html
    order = [
        html.index(text)
        for text in (
            "Aktuelle helhedsplaner (2)",
            ">Helhedsplan for Testparken<",
            ">Under forberedelse<",
            "Afsluttede helhedsplaner (2)",
            ">Afsluttet i 2022<",  # the most recently ended first
            ">Afsluttet i 2017<",
        )
    ]
    assert order == sorted(order)


def test_front_page_filters_plans_by_status(client: Client, world: World):
    _ended_plan("Afsluttet i 2017", date(2017, 12, 31))
    html = page(client.get("/"))
    # an accessible GET form: a labelled select and a submit button
    assert '<form method="get" action="/" id="plan-filter"' in html
    assert '<label class="form-label" for="id_status">Vis</label>' in html
    assert '<option value="alle" selected>Alle helhedsplaner</option>' in html
    assert '<option value="aktuelle">Aktuelle helhedsplaner</option>' in html
    assert '<option value="afsluttede">Afsluttede helhedsplaner</option>' in html
    assert '<button type="submit" class="button button-secondary">Vis planer</button>' in html

    html = page(client.get("/?status=afsluttede"))
    assert '<option value="afsluttede" selected>' in html
    assert "Afsluttet i 2017" in html
    assert "Helhedsplan for Testparken" not in html
    assert "plans-current-heading" not in html

    html = page(client.get("/?status=aktuelle"))
    assert "Helhedsplan for Testparken" in html
    assert "Afsluttet i 2017" not in html
    assert "plans-ended-heading" not in html

    assert page(client.get("/?status=")).count('<li class="bs-plan">') == 2

    response = client.get("/?status=gamle")
    assert response.status_code == 400
    html = page(response)
    assert (
        '<a href="#id_status">Vælg alle, aktuelle eller afsluttede helhedsplaner; “gamle” er '
        "ikke en af dem.</a>"
    ) in html
    assert html.count('<li class="bs-plan">') == 2  # the page still shows every plan


def test_front_page_says_when_no_plan_of_a_kind_is_published(client: Client, world: World):
    html = page(client.get("/?status=afsluttede"))
    assert '<h2 id="plans-ended-heading">Afsluttede helhedsplaner (0)</h2>' in html
    assert "<p>Der er ingen offentliggjorte afsluttede helhedsplaner.</p>" in html


# The plan page ---------------------------------------------------------------------------------


def test_plan_page_shows_afdelinger_staff_and_bodies_in_force_today(client: Client, world: World):
    today = timezone.localdate()
    f.PlanRoleFactory(
        plan=world.plan,
        person__name="Tidligere Medarbejder",
        valid_from=date(2023, 1, 1),
        valid_to=today - timedelta(days=1),
    )
    f.MembershipFactory(
        body=world.board, person__name="Kommende Medlem", valid_from=today + timedelta(days=1)
    )
    response = client.get(PLAN_URL)
    assert response.status_code == 200
    doc = kit.parse(response)
    assert kit.text(kit.find(doc, "title")) == (
        "Helhedsplan for Testparken – Boligsociale helhedsplaner i Testby"
    )
    assert kit.text(kit.find(doc, "h1")) == "Helhedsplan for Testparken"
    facts_list = kit.find(doc, "dl", id="plan-facts")
    facts = dict(kit.definitions(facts_list))
    assert facts["Periode"] == "1. januar 2023 – 31. december 2026"
    assert facts["Boligområde"] == "Testparken (Aarhus)"
    assert facts["Bevillingsperiode"] == "2019–26"
    hrefs = {kit.text(a): a.attrs["href"] for a in kit.find_all(facts_list, "a")}
    assert hrefs["Testparken"] == "/omraader/testparken/"
    assert str(hrefs["2019–26"]).startswith("/finansiering/#round-")
    assert kit.table_rows(kit.find(doc, "table", id="afdelinger-table")) == [
        ["Afdeling", "Boligorganisation", "Boligområde", "Boliger"],
        ["Testparken Øst (nr. 7)", "Boligforeningen Testhus", "Testparken", "1.234"],
        ["Boliger i alt", "1.234"],
    ]
    # today's staff only: not who left yesterday
    assert kit.table_rows(kit.find(doc, "table", id="staff-table")) == [
        ["Navn", "Rolle", "Arbejdsgiver", "Årsværk"],
        ["Lene Testleder", "Leder", "–", "1,00"],
        ["Mads Testmedarbejder", "Medarbejder", "–", "0,50"],
    ]
    assert "Tidligere Medarbejder" not in kit.text(doc)
    # the name says it is a board, so the heading does not repeat it ("Bestyrelsen (Bestyrelse)")
    board = kit.find(doc, "section", aria_labelledby=f"body-{world.board.pk}")
    assert kit.text(kit.find(board, "h3")) == "Bestyrelsen for Testparken"
    # today's members only: not who joins tomorrow
    assert kit.table_rows(kit.find(board, "table")) == [
        ["Navn", "Rolle", "Repræsenterer", "Medlem siden"],
        ["Hanne Testformand\nKonsulent", "Formand", "Boligforeningen Testhus", "1. januar 2023"],
        [
            "Sofie Testsekretariat\nKonsulent, Det Boligsociale Fællessekretariat Sekretariatet",
            "Sekretær",
            "Det Boligsociale Fællessekretariat",
            "1. marts 2023",
        ],
    ]
    assert "Kommende Medlem" not in kit.text(doc)
    # the secretariat's representative is highlighted, in text as well as colour
    (marked,) = kit.find_all(doc, class_="bs-secretariat")
    assert kit.text(kit.find_all(marked, "td")[0]).startswith("Sofie Testsekretariat")
    assert kit.text(kit.find(marked, "strong", class_="bs-badge")) == "Sekretariatet"


def test_plan_page_hides_private_contact_and_history_from_anonymous(client: Client, world: World):
    html = page(client.get(PLAN_URL))
    assert "@example.org</a>" in html  # the plan's own contact address is public
    assert world.leader.email not in html
    assert '<h2 id="history">' not in html
    assert "Rediger planen" not in html


def test_plan_page_shows_contact_and_history_to_logged_in_users(world: World):
    client = logged_in(f.user_with_role(Role.HOUSING_ORG, organisation=world.housing))
    html = page(client.get(PLAN_URL))
    assert f'<a href="mailto:{world.leader.email}">{world.leader.email}</a>' in html
    assert '<h2 id="history">Historik</h2>' in html
    entries = [kit.text(e) for e in kit.find_all(kit.parse(html), "li", class_="bs-history-entry")]
    assert any(e.startswith("Helhedsplan for Testparken: oprettet af ") for e in entries), entries
    assert "Rediger planen" not in html  # may read, may not edit


def test_data_note_is_shown_when_figures_are_illustrative(client: Client, world: World):
    assert 'id="data-note"' not in page(client.get(PLAN_URL))
    world.plan.illustrative = True
    world.plan.save()
    html = page(client.get(PLAN_URL))
    assert "Nogle tal på denne side er illustrative og ikke fra en offentlig kilde." in html
    world.plan.data_note = "Antallet af boliger er anslået."
    world.plan.save()
    html = page(client.get(PLAN_URL))
    assert '<p class="alert-text">Antallet af boliger er anslået.</p>' in html


def test_unpublished_plan_is_404_for_those_who_may_not_read_it(client: Client, world: World):
    world.plan.published = False
    world.plan.save()
    response = client.get(PLAN_URL)
    assert response.status_code == 404
    assert "<h1>Siden findes ikke</h1>" in page(response)
    other_org = f.user_with_role(Role.HOUSING_ORG, organisation=f.HousingOrganisationFactory())
    assert logged_in(other_org).get(PLAN_URL).status_code == 404
    own_org = f.user_with_role(Role.HOUSING_ORG, organisation=world.housing)
    html = page(logged_in(own_org).get(PLAN_URL))
    assert "Ikke offentliggjort: kun indloggede brugere med adgang kan se denne plan." in html
    admin = f.user_with_role(Role.SECRETARIAT_ADMIN)
    assert logged_in(admin).get(PLAN_URL).status_code == 200


def test_unknown_plan_is_404(client: Client, world: World):
    assert client.get("/planer/findes-ikke/").status_code == 404


# Language and formats --------------------------------------------------------------------------


def test_language_switch_gives_english(client: Client, world: World):
    response = client.post("/i18n/setlang/", {"language": "en", "next": PLAN_URL})
    assert response.status_code == 302
    assert response["Location"] == PLAN_URL
    html = page(client.get(PLAN_URL))
    assert '<html lang="en">' in html
    assert "<title>Helhedsplan for Testparken – Social housing plans in Testby</title>" in html
    assert '<a class="skipnav" href="#main-content">Go to the page content</a>' in html
    assert "<dt>Housing organisations</dt>" in html
    assert "<td>Chair</td>" in html
    assert "Demo data: figures without a public source are illustrative" in html
    assert "<dd>Education and life chances, Employment</dd>" in html
    assert '<button type="submit" name="language" value="da" lang="da"' in html
    # and back to Danish
    client.post("/i18n/setlang/", {"language": "da", "next": "/"})
    assert '<html lang="da">' in page(client.get("/"))


def test_danish_date_and_number_formats(client: Client, world: World):
    html = page(client.get(PLAN_URL))
    assert "1. januar 2023" in html
    assert "31. december 2026" in html
    assert "1.234" in html  # thousands separator
    assert "0,50" in html  # decimal comma


# The secretariat page --------------------------------------------------------------------------


def test_secretariat_page_lists_seats_of_secretariat_staff(client: Client, world: World):
    hidden = f.PlanFactory(name="Skjult plan", slug="skjult-plan", published=False)
    f.MembershipFactory(
        body=f.BodyFactory(plan=hidden, kind=BodyKind.STEERING, name="Skjult styregruppe"),
        person__name="Sofie Testsekretariat 2",
        person__employer=world.secretariat,
        represents=world.secretariat,
    )
    response = client.get("/sekretariatet/")
    assert response.status_code == 200
    doc = kit.parse(response)
    assert kit.text(kit.find(doc, "h1")) == "Sekretariatet i helhedsplanerne"
    assert kit.text(kit.find(doc, id="seats-heading")) == "1 plads i dag"
    assert kit.text(kit.find(doc, "h3")).startswith("Sofie Testsekretariat")
    (seats,) = kit.find_all(doc, "table")
    assert kit.table_rows(seats) == [
        ["Helhedsplan", "Organ", "Rolle", "Repræsenterer", "Periode"],
        [
            "Helhedsplan for Testparken",
            "Bestyrelsen for Testparken",
            "Sekretær",
            "Det Boligsociale Fællessekretariat",
            "1. marts 2023 –",
        ],
    ]
    assert kit.find(seats, "a").attrs["href"] == PLAN_URL
    assert "Hanne Testformand" not in kit.text(doc)
    assert "Skjult styregruppe" not in kit.text(doc)


def test_secretariat_page_as_of_a_date(client: Client, world: World):
    html = page(client.get("/sekretariatet/?dato=2023-02-01"))
    assert '<h2 id="seats-heading">0 pladser den 1. februar 2023</h2>' in html
    assert "Sekretariatet har ingen pladser på denne dato." in html
    assert 'value="2023-02-01"' in html
    html = page(client.get("/sekretariatet/?dato=2023-03-01"))
    assert '<h2 id="seats-heading">1 plads den 1. marts 2023</h2>' in html


def test_secretariat_page_bad_date_is_a_clear_error(client: Client, world: World):
    response = client.get("/sekretariatet/?dato=2023-13-45")
    assert response.status_code == 400
    html = page(response)
    assert "<title>Fejl: Sekretariatet i helhedsplanerne" in html
    assert '<h2 class="alert-heading" id="error-summary-heading">Der er et problem</h2>' in html
    message = "“2023-13-45” er ikke en dato. Skriv den som ÅÅÅÅ-MM-DD, f.eks. 2024-06-30."
    assert f'<li><a href="#id_dato">{message}</a></li>' in html
    assert (
        '<span class="form-error-message" id="id_dato-error"><span class="sr-only">Fejl: </span>'
        f"{message}</span>"
    ) in html
    assert 'aria-describedby="id_dato-hint id_dato-error" aria-invalid="true"' in html
    assert "Sofie Testsekretariat" not in html


# The financing page ----------------------------------------------------------------------------


def _round(doc: kit.Node, code: str) -> kit.Node:
    """The section of the financing page about one fund round."""
    (section,) = [
        s
        for s in kit.find_all(doc, "section", class_="bs-round")
        if kit.text(kit.find(s, "h2")).startswith(f"Bevillingsperiode {code}")
    ]
    return section


def test_financing_page_is_built_from_the_fund_rounds(client: Client, world: World):
    response = client.get("/finansiering/")
    assert response.status_code == 200
    html = page(response)
    assert "<h1>Sådan finansieres en helhedsplan</h1>" in html
    assert "I bevillingsperioden 2019–26 betaler LBF højst 75 % af planens budget" in html
    assert "og mindst 25 % skal komme fra lokal medfinansiering" in html
    assert "En helhedsplan løber normalt 4 år." in html
    for code in ("2006–10", "2011–14", "2015–18", "2019–26"):
        assert f"Bevillingsperiode {code}" in html
    section = _round(kit.parse(html), "2019–26")
    facts = dict(kit.definitions(section))
    assert facts["LBF betaler højst"] == "75 %"
    assert facts["Planer starter i"] == "2019–2026"
    assert facts["Årlig ramme"] == "380 mio. kr."
    assert facts["Heraf til boligsocialt arbejde"] == "140 mio. kr."
    assert facts["Ikke-kontante bidrag tæller som medfinansiering"] == "Ikke kendt"
    assert facts["Noter"].startswith("Regulativ i kraft 1. januar 2020 (almenboligloven §91a).")
    assert [kit.text(li) for li in kit.find_all(section, "li")] == [
        "Uddannelse og livschancer",
        "Beskæftigelse",
        "Kriminalitetsforebyggelse",
        "Sammenhængskraft og medborgerskab",
    ]
    source = "https://www.elov.dk/almenboligloven/91a/"
    assert kit.find(section, "a", href=source)


def test_financing_page_follows_changed_and_new_rounds(client: Client, world: World):
    FundRound.objects.filter(code="2019–26").update(
        lbf_max_share=Decimal("0.8"), local_min_share=Decimal("0.2"), normal_plan_years=5
    )
    FundRound.objects.filter(code="2006–10").update(active=False)
    FundRound.objects.create(
        code="2027–30", name="2027–30-midlerne", first_year=2027, last_year=2030
    )
    html = page(client.get("/finansiering/"))
    facts = dict(kit.definitions(_round(kit.parse(html), "2019–26")))
    assert (facts["LBF betaler højst"], facts["Normal længde"]) == ("80 %", "5 år")
    assert "Bevillingsperiode 2027–30" in html
    assert "Bevillingsperiode 2006–10" not in html


# Query counts ----------------------------------------------------------------------------------


def _plans(count: int, site: SiteProfile) -> list:
    """`count` published plans, each with two afdelinger of two housing organisations, two
    focus areas, a leader and a staff member, and a board with two members."""
    first, second = f.HousingOrganisationFactory(), f.HousingOrganisationFactory()
    focus = list(f.fund_round().focus_areas.all()[:2])
    for _ in range(count):
        plan = f.PlanFactory(
            afdelinger=[
                f.AfdelingFactory(organisation=first),
                f.AfdelingFactory(organisation=second),
            ]
        )
        plan.focus_areas.set(focus)
        f.PlanRoleFactory(plan=plan, kind=PlanRoleKind.LEADER)
        f.PlanRoleFactory(plan=plan)
        board = f.BodyFactory(plan=plan)
        f.MembershipFactory(body=board, role=MembershipRole.CHAIR)
        f.MembershipFactory(body=board, represents=site.secretariat)
    return [first, second]


@pytest.mark.parametrize("count", [2, 8])
def test_front_page_query_count_does_not_grow_with_plans(
    client: Client, site: SiteProfile, django_assert_num_queries, count: int
):
    _plans(count, site)
    # data version (page cache), site profile, the plans' order, the page's plans, afdelinger,
    # focus areas, roles
    with django_assert_num_queries(7):
        response = client.get("/")
    assert page(response).count('<li class="bs-plan">') == count


@pytest.mark.parametrize("count", [2, 8])
def test_plan_page_query_count_does_not_grow_with_its_contents(
    client: Client, site: SiteProfile, django_assert_num_queries, count: int
):
    organisations = _plans(count, site)
    plan = f.PlanFactory(
        slug="stor-plan",
        status=PlanStatus.RUNNING,
        afdelinger=[f.AfdelingFactory(organisation=organisations[i % 2]) for i in range(count)],
    )
    for _ in range(count):
        f.PlanRoleFactory(plan=plan)
        body = f.BodyFactory(plan=plan)
        for _ in range(count):
            f.MembershipFactory(body=body)
    # data version (page cache), the plan's period (for the as-of date), plan, afdelinger, focus
    # areas, roles, bodies, memberships, its timeline (decision 0020), site profile
    with django_assert_num_queries(10):
        response = client.get("/planer/stor-plan/")
    assert page(response).count("<td>Medlem</td>") == count * count


def test_an_ended_plan_shows_who_ran_it_on_its_last_day(client: Client, site: SiteProfile):
    plan = f.PlanFactory(
        slug="afsluttet",
        status=PlanStatus.ENDED,
        start_date=date(2015, 1, 1),
        end_date=date(2018, 12, 31),
    )
    f.PlanRoleFactory(
        plan=plan,
        person__name="Leder Til Slut",
        kind="leader",
        valid_from=date(2015, 1, 1),
        valid_to=date(2018, 12, 31),
    )
    f.PlanRoleFactory(
        plan=plan,
        person__name="Stoppede Tidligt",
        valid_from=date(2015, 1, 1),
        valid_to=date(2016, 6, 30),
    )
    f.MembershipFactory(
        body__plan=plan,
        person__name="Sad Til Slut",
        valid_from=date(2015, 1, 1),
        valid_to=date(2018, 12, 31),
    )
    html = page(client.get("/planer/afsluttet/"))
    assert "Pr. 31. december 2018, planens sidste dag." in html
    assert "Leder Til Slut" in html
    assert "Sad Til Slut" in html
    assert "Stoppede Tidligt" not in html


# What a newcomer saw that looked unfinished (issue 6) ------------------------------------------


def test_a_body_heading_names_its_kind_only_when_the_name_does_not(client: Client, world: World):
    other = f.BodyFactory(plan=world.plan, kind=BodyKind.BOARD, name="Koordinationsgruppen")
    follow = f.BodyFactory(plan=world.plan, kind=BodyKind.FOLLOW, name="Følgegruppen")
    html = page(client.get(PLAN_URL))
    assert f'<h3 id="body-{world.board.pk}">Bestyrelsen for Testparken</h3>' in html
    assert (
        f'<h3 id="body-{other.pk}">Koordinationsgruppen <span class="bs-kind">– Bestyrelse</span>'
        "</h3>"
    ) in html
    assert f'<h3 id="body-{follow.pk}">Følgegruppen</h3>' in html
    assert "(Bestyrelse)" not in html
    client.cookies["django_language"] = "en"
    html = page(client.get(PLAN_URL))
    assert f'<h3 id="body-{world.board.pk}">Bestyrelsen for Testparken</h3>' in html
    assert '<span class="bs-kind">– Board (bestyrelse)</span>' in html


def test_dates_are_written_as_each_language_writes_them(client: Client, world: World):
    html = page(client.get(PLAN_URL))
    assert "<dd>1. januar 2023 – 31. december 2026</dd>" in html
    assert "<td>1. marts 2023</td>" in html
    client.cookies["django_language"] = "en"
    html = page(client.get(PLAN_URL))
    assert "<dd>1 January 2023 – 31 December 2026</dd>" in html
    assert "<td>1 March 2023</td>" in html
    assert "1. January" not in html
    assert "1. March" not in html
    html = page(client.get("/"))
    assert "<dd>1 January 2023 – 31 December 2026 (fund round 2019–26)</dd>" in html


def test_the_favicon_is_served(client: Client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/web/img/favicon.svg"
    path = finders.find("web/img/favicon.svg")
    assert path is not None
    with open(path, encoding="utf-8") as icon:
        assert icon.read().startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    html = page(client.get("/"))
    assert '<link rel="icon" href="/static/web/img/favicon.svg" type="image/svg+xml">' in html
