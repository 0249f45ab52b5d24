"""Payroll reports for 給与担当: 源泉徴収簿 data, 共済 contribution report, 給与実態調査 export."""
