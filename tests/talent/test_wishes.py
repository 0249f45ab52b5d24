"""自己申告: the employee writes their own (one per 年度); 人事担当 reads them for placement; nobody else."""

from __future__ import annotations

import pytest
from django.test import Client

from jinji.audit.models import AuditEvent
from jinji.core.errors import DomainError, NotPermitted
from jinji.talent.models import CareerWish
from jinji.talent.selectors.wishes import career_wish_list
from jinji.talent.services import career_wish_submit
from tests.talent.world import TODAY, Town


def submit(town: Town, who: str = "alice", **kwargs: object) -> CareerWish:
    values: dict[str, object] = {
        "fiscal_year": 2026,
        "transfer_wish": "transfer",
        "career_intention": "specialist",
        "wished_units": [town.fukushika],
        "free_text": "介護のため通勤時間の短い所属を希望します",
        "on": TODAY,
    }
    values.update(kwargs)
    return career_wish_submit(acting_user=town.user(who), employee=town.emp("alice"), **values)  # type: ignore[arg-type]


def test_resubmitting_replaces_this_years_form(town: Town) -> None:
    submit(town)
    submit(town, transfer_wish="stay", wished_units=[])
    wish = CareerWish.objects.get()
    assert (wish.fiscal_year, wish.transfer_wish, list(wish.wished_units.all())) == (2026, "stay", [])
    assert AuditEvent.objects.filter(action="talent.wish.submit").count() == 2
    assert "free_text" not in AuditEvent.objects.first().after  # type: ignore[union-attr]


@pytest.mark.parametrize("who", ["hr", "head", "bob"])
def test_nobody_else_writes_it(town: Town, who: str) -> None:
    with pytest.raises(NotPermitted):
        submit(town, who=who)


def test_bad_input_names_the_fields(town: Town) -> None:
    with pytest.raises(DomainError) as caught:
        submit(
            town,
            fiscal_year=2024,
            transfer_wish="maybe",
            wished_units=[town.somuka, town.jinjika, town.fukushika, town.somubu],
        )
    assert {p.field for p in caught.value.problems} == {"fiscal_year", "transfer_wish", "wished_units"}
    assert not CareerWish.objects.exists()


def test_hr_lists_them_and_other_roles_see_none(town: Town) -> None:
    submit(town)
    page = career_wish_list(organization=town.org.pk, user=town.user("hr"), fiscal_year=2026, on=TODAY)
    [row] = page.items
    assert (row.employee_name, row.current_unit, row.wished_units) == (
        town.emp("alice").working_name,
        "総務課",
        ("福祉部 福祉課",),
    )
    assert career_wish_list(organization=town.org.pk, user=town.user("head"), fiscal_year=2026, on=TODAY).total == 0


def test_the_profile_page_shows_the_wish_to_hr_but_not_to_the_unit_head(town: Town) -> None:
    submit(town)
    url = f"/talent/staff/{town.emp('alice').pk}/"
    texts = {}
    for who in ("hr", "head", "alice"):
        client = Client()
        client.force_login(town.user(who))
        response = client.get(url)
        assert response.status_code == 200, who
        texts[who] = response.content.decode()
    assert "介護のため" in texts["hr"]
    assert "介護のため" in texts["alice"]
    assert "介護のため" not in texts["head"]
