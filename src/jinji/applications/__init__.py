"""庶務事務: the first application types (届出・手当認定) on the workflow engine, and the 認定簿.

住所変更届, 氏名変更届 (旧姓使用), 口座変更届, 通勤届, 住居届 and 扶養親族届 are registered with
:mod:`jinji.workflow` from ``ApplicationsConfig.ready``. On 決裁 each applies its effect: the
personnel master through :mod:`jinji.personnel.services`, and for the allowances a row in the
allowance register (:class:`~jinji.applications.models.AllowanceDetermination`, 認定簿) that
payroll reads through :func:`jinji.applications.selectors.allowance_determinations`.
"""
