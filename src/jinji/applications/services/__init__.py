"""Writes of the 庶務事務 app (import the modules directly; this package re-exports nothing so the
application types can use :mod:`.determinations` without import cycles):

- :mod:`.submission` — ``application_submit``, ``application_resubmit`` (with 添付書類)
- :mod:`.determinations` — ``determination_record`` (認定簿)
- :mod:`.definitions` — ``definitions_seed`` (default 承認ルート)
"""
