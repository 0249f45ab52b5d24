"""給与 (payroll): pay profiles, monthly runs, payslips, 全銀 files, the 給与台帳 and the 人件費 journal.

Gather (:mod:`~jinji.payroll.profile`, :mod:`~jinji.payroll.facts`) → compute
(:mod:`~jinji.payroll.engine`, which calls :func:`jinji.rules.payslip.compute_payslips`) → save
(:mod:`~jinji.payroll.persist`). Inputs from apps above payroll (勤怠, 認定簿, 人事評価) come
through :mod:`~jinji.payroll.sources`.
"""
