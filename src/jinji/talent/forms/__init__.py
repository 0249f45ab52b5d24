"""Forms of the talent screens (Japanese labels; bad input is reported next to the field)."""
