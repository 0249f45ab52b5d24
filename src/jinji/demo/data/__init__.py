"""Data files of the demo municipality (names with readings, 町名, banks, its own 給料表). All fictitious."""

from pathlib import Path

TABLES = Path(__file__).resolve().parent / "tables"
"""デモ市's own legal tables (its fictitious 給料表), a ``JINJI_RULES_LOCAL_TABLES`` directory (scripts/demo.sh)."""
