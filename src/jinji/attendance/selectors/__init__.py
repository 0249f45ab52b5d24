"""Reads of the attendance app (bounded queries). Payroll uses :func:`monthly_summary` and :func:`is_month_closed`."""

from jinji.attendance.selectors.closes import is_month_closed, primary_unit_ids_on
from jinji.attendance.selectors.sheet import monthly_summary

__all__ = ["is_month_closed", "monthly_summary", "primary_unit_ids_on"]
