"""The shared test kit does what the tests rely on: its CVR numbers agree with the domain's rule,
its snapshot sees a write to a history table, and its HTML reading gives what a reader sees."""

from __future__ import annotations

import pytest

from boligsocial.governance.models import Person
from boligsocial.organisations.rules import cvr_problem
from tests import kit


def test_valid_and_invalid_cvr_numbers_agree_with_the_domain_rule():
    valid = [kit.valid_cvr(n) for n in range(20)]
    assert valid[:3] == ["10000009", "10000017", "10000025"]
    assert len(set(valid)) == 20
    assert all(cvr_problem(cvr) is None for cvr in valid)
    assert all(cvr_problem(kit.valid_cvr(n, start=20_000_000)) is None for n in range(5))
    assert kit.valid_cvr(0, start=20_000_000) >= "20000000"
    assert all(cvr_problem(kit.invalid_cvr(n)) == "checksum" for n in range(20))
    assert {problem: cvr_problem(cvr) for problem, cvr in kit.BAD_CVRS.items()} == {
        "length": "length",
        "leading_zero": "leading_zero",
        "checksum": "checksum",
    }


@pytest.mark.django_db
def test_the_snapshot_sees_a_history_row_and_nothing_written_names_the_table(world):
    before = kit.db_snapshot()
    assert "governance.HistoricalPerson" in before
    assert "auth.User" in before
    # A change that only adds a history row (the person's fields are saved unchanged).
    world.person_g.save()
    after = kit.db_snapshot()
    assert after["governance.Person"] == before["governance.Person"]
    assert after["governance.HistoricalPerson"] != before["governance.HistoricalPerson"]
    # The write bumps the data version of the page cache too (decision 0014).
    written = r"written to core\.DataVersion, governance\.HistoricalPerson$"
    with pytest.raises(AssertionError, match=written), kit.nothing_written():
        world.person_g.save()
    # Only the models given, and their history tables.
    assert set(kit.db_snapshot(Person)) == {"governance.Person", "governance.HistoricalPerson"}
    # Logging in is not a write.
    with kit.nothing_written():
        world.client("admin").get("/api/v1/")


def test_html_is_read_as_a_reader_sees_it():
    page = kit.parse(
        "<!doctype html><main id='m'><h1 class='a  b'>Hej\n   <em>du</em> der</h1>"
        "<dl><dt>Status</dt>\n  <dd>I gang</dd><dt>Adresse</dt><dd>Testvej 1<br>8000 Aarhus</dd>"
        "</dl><table><tr><th>Navn</th><td>Lene</td></tr><tr><th>FTE</th><td>0,50</td></tr>"
        "</table><p>a &amp; b<img src=x alt=y></p></main>"
    )
    assert kit.text(kit.find(page, "h1", class_="b")) == "Hej du der"
    assert kit.find_all(page, class_="c") == []
    assert kit.definitions(page) == [("Status", "I gang"), ("Adresse", "Testvej 1\n8000 Aarhus")]
    assert kit.table_rows(kit.find(page, "table")) == [["Navn", "Lene"], ["FTE", "0,50"]]
    assert kit.text(kit.find(page, "p")) == "a & b"
    assert kit.text(kit.parse("<ul><li>Et</li><li>To</li></ul>")) == "Et To"
    assert kit.find(page, "img").attrs == {"src": "x", "alt": "y"}
    with pytest.raises(AssertionError, match="0 elements"):
        kit.find(page, "h2")
