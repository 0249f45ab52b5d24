"""交替制勤務 (消防・保育・病院): duty patterns, rotations of staff, 週休日の振替 and the roster."""
