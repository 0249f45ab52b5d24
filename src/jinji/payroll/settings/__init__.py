"""給与の設定 screens (給与担当): forms, list rows and views over :mod:`jinji.payroll.services.settings`."""
