"""Pages of the talent app: staff (own records, phone-friendly), 所属長 (skill confirmation), 人事担当."""
