"""The national model sheets (総務省 研究会の様式例) as shared templates (no organization).

Wording is paraphrased from the structure of the 総務省 sample 評価記録書 (能力評価: 評価項目と
着眼点 by 職位; 業績評価: 目標・困難度・ウェイト); authorities check it against their own 実施規程
and derive their own version. Weights are equal splits for the numeric method (the national
model itself decides the 全体評語 by judgement).
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

SOURCE = "総務省「地方公共団体における人事評価制度に関する研究会」の様式例に基づく国のモデル(文言は要確認)"

COMPETENCY: list[dict[str, Any]] = [
    {
        "code": "national.competency.staff",
        "name": "能力評価(係員級)",
        "min_rank": None,
        "max_rank": 2,
        "items": [
            ("倫理", "住民全体の奉仕者として責任感をもって職務に取り組み、服務規律を守って公正に職務を行っている。", 25),
            ("知識・技術", "職務に必要な知識や技術を身につけ、業務に活かしている。", 25),
            ("コミュニケーション", "上司・同僚や住民と、円滑で適切な意思疎通をとっている。", 25),
            ("業務遂行", "意欲をもって業務に取り組み、期限や手順を守って正確に仕上げている。", 25),
        ],
    },
    {
        "code": "national.competency.chief",
        "name": "能力評価(係長級)",
        "min_rank": 3,
        "max_rank": 4,
        "items": [
            ("倫理", "住民全体の奉仕者として担当業務の課題に責任をもって取り組み、服務規律を守って公正に職務を行っている。", 20),
            ("企画・立案", "組織の方針に基づいて担当業務の課題を把握し、実現可能な改善策や企画を立てている。", 20),
            ("判断", "担当業務の範囲で状況を的確に把握し、適切な判断を行っている。", 20),
            ("説明・調整", "担当業務について関係者に分かりやすく説明し、必要な調整を行っている。", 20),
            ("業務遂行・部下の指導", "段取りを整え、係員を指導しながら期限内に効率よく業務を進めている。", 20),
        ],
    },
    {
        "code": "national.competency.manager",
        "name": "能力評価(課長級)",
        "min_rank": 5,
        "max_rank": 6,
        "items": [
            ("倫理", "住民全体の奉仕者として課の使命を自覚し、率先して服務規律を守り、公正に職務を行っている。", 20),
            ("構想", "所管行政を取り巻く状況を把握し、課の目指す方向と施策の方針を示している。", 16),
            ("判断", "課の責任者として必要な情報を集め、迅速かつ適切な判断を行っている。", 16),
            ("説明・調整", "所管事項を議会・住民・関係機関等に的確に説明し、利害を調整して合意形成を図っている。", 16),
            ("業務運営", "人員・予算等を効率的に配分し、コスト意識をもって業務の改善を進めている。", 16),
            ("組織統率・人材育成", "業務を適切に配分し、部下の能力開発と働きやすい職場づくりに取り組んでいる。", 16),
        ],
    },
    {
        "code": "national.competency.director",
        "name": "能力評価(部長級)",
        "min_rank": 7,
        "max_rank": None,
        "items": [
            ("倫理", "住民全体の奉仕者として部の使命を自覚し、高い倫理観をもって公正に職務を行い、組織の規律を保っている。", 20),
            ("構想", "団体全体の視点から中長期的な課題を見通し、部の施策の方向性を示している。", 20),
            ("判断", "部の責任者として、重要な局面で方針に沿った的確な判断を行っている。", 15),
            ("説明・調整", "部の施策について、議会・住民・関係機関と高い水準の説明・折衝・調整を行っている。", 15),
            ("組織運営", "部全体の資源を最適に配分し、組織横断的な課題に対応している。", 15),
            ("組織統率・人材育成", "管理職を指導して組織の力を高め、人材の育成に取り組んでいる。", 15),
        ],
    },
    {
        "code": "national.competency.fiscal_year",
        "name": "能力評価(会計年度任用職員)",
        "min_rank": None,
        "max_rank": None,
        "for_fiscal_year_appointees": True,
        "items": [
            ("職務への取組", "責任感をもって、与えられた職務に誠実に取り組んでいる。", 40),
            ("知識・技術", "職務に必要な知識や技術を身につけ、正確に業務を行っている。", 30),
            ("協調性", "上司や同僚と協力し、住民に丁寧に対応している。", 30),
        ],
    },
]

PERFORMANCE: list[dict[str, Any]] = [
    {
        "code": "national.performance.regular",
        "name": "業績評価(目標による評価)",
        "max_goals": 5,
        "description": "期首に目標(何を・いつまでに・どの水準まで)、困難度、ウェイトを評価者と合意し、"
        "中間で振り返り、期末に実績を評価します。",
    },
    {
        "code": "national.performance.fiscal_year",
        "name": "業績評価(会計年度任用職員)",
        "max_goals": 3,
        "for_fiscal_year_appointees": True,
        "description": "担当業務から目標を1〜3件立て、期末に実績を評価します。",
    },
]


def install(apps: Any, schema_editor: Any) -> None:
    template_model = apps.get_model("evaluation", "SheetTemplate")
    item_model = apps.get_model("evaluation", "TemplateItem")
    for spec in COMPETENCY:
        template = template_model.objects.create(
            organization=None,
            code=spec["code"],
            version=1,
            name=spec["name"],
            kind="competency",
            scale="grade",
            min_rank=spec["min_rank"],
            max_rank=spec["max_rank"],
            for_fiscal_year_appointees=spec.get("for_fiscal_year_appointees", False),
            description=SOURCE,
        )
        item_model.objects.bulk_create(
            item_model(template=template, organization=None, order=i, name=name, description=text, weight=weight)
            for i, (name, text, weight) in enumerate(spec["items"], start=1)
        )
    for spec in PERFORMANCE:
        template_model.objects.create(
            organization=None,
            code=spec["code"],
            version=1,
            name=spec["name"],
            kind="performance",
            scale="grade",
            for_fiscal_year_appointees=spec.get("for_fiscal_year_appointees", False),
            max_goals=spec["max_goals"],
            description=f"{spec['description']} {SOURCE}",
        )


def uninstall(apps: Any, schema_editor: Any) -> None:
    template_model = apps.get_model("evaluation", "SheetTemplate")
    item_model = apps.get_model("evaluation", "TemplateItem")
    codes = [s["code"] for s in COMPETENCY + PERFORMANCE]
    item_model.objects.filter(template__organization__isnull=True, template__code__in=codes).delete()
    template_model.objects.filter(organization__isnull=True, code__in=codes).delete()


class Migration(migrations.Migration):
    dependencies = [("evaluation", "0001_initial")]

    operations = [migrations.RunPython(install, uninstall)]
