"""Writes of the attendance app: each takes ``acting_user``, runs in a transaction and is audited."""
