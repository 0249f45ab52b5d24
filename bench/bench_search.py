"""Benchmark: staff search and list pages with 100,000 employees, as 人事担当, vs a naive baseline.

    .venv/bin/python bench/bench_search.py [--employees 100000] [--database-url URL]

Seeds デモ市, signs in as demo-hr with Django's test Client and requests ~200 varied pages:
staff search by 氏 (漢字, ひらがな, 半角ｶﾅ), 氏名, 職員番号 (exact and prefix), 旧姓, 所属 (with
sub-units), 任用区分, a past 基準日, カナ順 and later pages, and 所属職員一覧 pages. For each it
records the server time (the whole request in-process: middleware, selectors, template) and the
number of SQL queries. In the same run a naive baseline answers the same text searches by
loading every employee and filtering in Python, then one query per hit for the post and another
for the unit name. Not a pass/fail test.
"""

from __future__ import annotations

import argparse
import datetime
import random
import statistics
import time
import unicodedata
from collections import defaultdict
from typing import Any

import benchkit

_HALF = {unicodedata.normalize("NFKC", chr(c)): chr(c) for c in range(0xFF66, 0xFF9E)}
_HALF.update(
    {unicodedata.normalize("NFKC", chr(c) + "\uff9e"): chr(c) + "\uff9e" for c in range(0xFF76, 0xFF8F)}
    | {unicodedata.normalize("NFKC", chr(c) + "\uff9f"): chr(c) + "\uff9f" for c in range(0xFF8A, 0xFF8F)}
)


def halfwidth(kana: str) -> str:
    return "".join(_HALF.get(ch, ch) for ch in kana)


def hiragana(kana: str) -> str:
    return "".join(chr(ord(ch) - 0x60) if "ァ" <= ch <= "ヶ" else ch for ch in kana)


def _requests(rng: random.Random, org_id: int, on: datetime.date) -> list[tuple[str, str, dict[str, str]]]:
    """(kind, path, GET params) of the ~200 requests."""
    from jinji.org.models import OrgUnitVersion
    from jinji.personnel.models import Employee

    people = list(Employee.unscoped.filter(organization_id=org_id).order_by("?")[:400].values())
    former = list(Employee.unscoped.filter(organization_id=org_id).exclude(former_family_name="")[:20].values())
    units = list(
        OrgUnitVersion.unscoped.filter(organization_id=org_id, valid_to__isnull=True).values("unit_id", "level")
    )
    departments = [u["unit_id"] for u in units if u["level"] in ("department", "division")]
    leaves = [u["unit_id"] for u in units if u["level"] in ("section", "office")]
    search = "/personnel/staff/"
    reqs: list[tuple[str, str, dict[str, str]]] = []
    for p in people[:40]:
        reqs.append(("氏(漢字)", search, {"q": p["family_name"]}))
    for p in people[40:60]:
        reqs.append(("氏(ひらがな)", search, {"q": hiragana(p["family_name_kana"])}))
    for p in people[60:80]:
        reqs.append(("氏(半角ｶﾅ)", search, {"q": halfwidth(p["family_name_kana"])}))
    for p in people[80:100]:
        reqs.append(("氏名", search, {"q": f"{p['family_name']} {p['given_name']}"}))
    for p in people[100:120]:
        reqs.append(("職員番号", search, {"q": p["staff_number"]}))
    for p in people[120:130]:
        reqs.append(("職員番号(前方)", search, {"q": p["staff_number"][:4]}))
    for p in former[:10]:
        reqs.append(("旧姓", search, {"q": p["former_family_name"]}))
    for unit in rng.sample(departments, min(10, len(departments))):
        reqs.append(("所属(下位含む)", search, {"unit": str(unit), "include_sub_units": "on"}))
    for unit in rng.sample(leaves, 10):
        reqs.append(("所属", search, {"unit": str(unit)}))
    for kind in ("regular", "fiscal_year_part", "reappointed_short", "fixed_term", "temporary") * 2:
        reqs.append(("任用区分+氏", search, {"appointment_type": kind, "q": rng.choice(people)["family_name"]}))
    for p in people[130:140]:
        reqs.append(
            ("過去の基準日", search, {"q": p["family_name"], "on": (on - datetime.timedelta(days=3650)).isoformat()})
        )
    for page in range(1, 11):
        reqs.append(("一覧(カナ順)", search, {"q": "", "order": "kana", "page": str(page)}))
    for unit in rng.sample(leaves, 10):
        reqs.append(("所属職員一覧", f"/personnel/org-chart/units/{unit}/members/", {}))
    return reqs


def _measure(client: Any, reqs: list[tuple[str, str, dict[str, str]]]) -> dict[str, list[tuple[float, int]]]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    results: dict[str, list[tuple[float, int]]] = defaultdict(list)
    for kind, path, params in reqs:
        started = time.perf_counter()
        response = client.get(path, params)
        elapsed = time.perf_counter() - started
        assert response.status_code == 200, (path, params, response.status_code)
        with CaptureQueriesContext(connection) as queries:
            client.get(path, params)
        results[kind].append((elapsed, len(queries.captured_queries)))
    return results


def _naive(org_id: int, on: datetime.date, words: list[str]) -> list[tuple[float, int]]:
    """Python-side filter over every employee, then a query per hit for post and unit name."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from jinji.core.models import as_of_q
    from jinji.org.models import OrgUnitVersion
    from jinji.personnel.models import Assignment, Employee
    from jinji.personnel.search_text import search_words

    out: list[tuple[float, int]] = []
    for query in words:
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            wanted = search_words(query)
            everyone = Employee.unscoped.filter(organization_id=org_id).values("pk", "staff_number", "search_text")
            hits = sorted(
                (e for e in everyone if all(w in e["search_text"] for w in wanted)), key=lambda e: e["staff_number"]
            )
            for e in hits[:50]:
                post = Assignment.unscoped.filter(as_of_q(on), employee_id=e["pk"], kind="primary").first()
                if post is not None:
                    OrgUnitVersion.unscoped.filter(as_of_q(on), unit_id=post.org_unit_id).values_list("name").first()
            out.append((time.perf_counter() - started, len(queries.captured_queries)))
    return out


def _line(label: str, samples: list[tuple[float, int]]) -> str:
    times = [t * 1000 for t, _ in samples]
    counts = [q for _, q in samples]
    p50 = statistics.median(times)
    p95 = benchkit.percentile(times, 95)
    q = f"{min(counts)}" if min(counts) == max(counts) else f"{min(counts)}–{max(counts)}"
    return f"  {benchkit.pad(label, 16)} n={len(samples):>3}  p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  queries {q}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=100_000)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    benchkit.header(f"Staff search and list pages with {args.employees:,} employees")
    url = benchkit.setup_django(args.database_url, "search")
    print(f"database: {url.split('@')[-1]}")
    from django.test import Client
    from django.utils import timezone

    from jinji.accounts.models import User

    benchkit.seed(args.employees)
    user = User.objects.get(username="demo-hr")
    client = Client()
    client.force_login(user)
    on = timezone.localdate()
    reqs = _requests(random.Random(5), user.organization_id, on)
    _measure(client, reqs[:10])  # warm-up: templates, caches
    results = _measure(client, reqs)
    everything = [s for samples in results.values() for s in samples]
    print(f"pages via the test Client as demo-hr ({len(everything)} requests):")
    for kind, samples in results.items():
        print(_line(kind, samples))
    print(_line("all", everything))
    text_queries = [p["q"] for _, path, p in reqs if p.get("q") and "on" not in p and "appointment_type" not in p]
    baseline = _naive(user.organization_id, on, text_queries[:60])
    print("naive baseline (Python-side filter of all employees + a query per hit), same text searches:")
    print(_line("naive", baseline))
    ours = [s for k, samples in results.items() if k.startswith(("氏", "職員番号", "旧姓")) for s in samples]
    print(_line("ours (same kind)", ours))
    print(
        f"result: p50 {statistics.median([t for t, _ in everything]) * 1000:.1f} ms, "
        f"p95 {benchkit.percentile([t for t, _ in everything], 95) * 1000:.1f} ms over {len(everything)} pages; "
        f"naive text search p95 {benchkit.percentile([t for t, _ in baseline], 95) * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
