"""期末・勤勉手当の計算 (bonus run): gathering, computation, the 成績率 override and the run-page rows.

The run lifecycle is the monthly one (:mod:`jinji.payroll.services.runs` dispatches on
``run.kind``); this package supplies the bonus pay date and the computed outcome.
"""

from __future__ import annotations

from jinji.payroll.bonus.compute import bonus_outcome
from jinji.payroll.bonus.services import bonus_pay_date

__all__ = ["bonus_outcome", "bonus_pay_date"]
