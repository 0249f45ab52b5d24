"""Jinji's rules core: pay, tax, insurance, leave and file-format law as pure functions.

Never imports Django (an import-linter contract enforces it). Amounts are ``int`` yen;
every rounding is a named function in :mod:`jinji.rules.money`; legal tables are dated
data files under ``tables/`` read through :mod:`jinji.rules.tables`.
"""
