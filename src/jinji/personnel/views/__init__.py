"""Screens of the personnel master: search, detail, 組織図, 発令, mass transfer, import."""
