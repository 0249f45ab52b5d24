"""Data files of the demo municipality (names with readings, 町名, banks). All fictitious."""
