"""The personnel 職員 detail page links the employee's 人材情報 for those the talent profile admits."""

from __future__ import annotations

import pytest
from django.test import Client

from jinji.accounts.models import Role
from tests.factories import RoleGrantFactory
from tests.talent.world import Town


def _detail(town: Town, who: str, of: str) -> tuple[int, str]:
    client = Client()
    client.force_login(town.user(who))
    response = client.get(f"/personnel/staff/{town.emp(of).pk}/")
    return response.status_code, response.content.decode()


@pytest.mark.parametrize(("who", "of"), [("alice", "alice"), ("hr", "alice"), ("head", "alice")])
def test_those_who_may_see_the_talent_profile_get_the_link(town: Town, who: str, of: str) -> None:
    status, html = _detail(town, who, of)
    assert status == 200
    assert f'href="/talent/staff/{town.emp(of).pk}/"' in html
    assert 'aria-label="関連する記録"' in html
    client = Client()
    client.force_login(town.user(who))
    assert client.get(f"/talent/staff/{town.emp(of).pk}/").status_code == 200


def test_payroll_sees_the_personnel_record_but_no_talent_link(town: Town) -> None:
    payroll = town.person("pay", town.jinjika)
    RoleGrantFactory(user=payroll, role=Role.PAYROLL)
    status, html = _detail(town, "pay", "alice")
    assert status == 200
    assert "/talent/staff/" not in html
    assert 'aria-label="関連する記録"' not in html
