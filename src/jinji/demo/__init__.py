"""The demo municipality デモ市 (``jinji seed-demo``, ``jinji demo-logins``).

A Django app without models: it only provides the two management commands and writes
through the org, personnel and accounts models. Everything it creates is fictitious.
Entry points: :func:`jinji.demo.seed.seed_demo` and :mod:`jinji.demo.logins`.
"""
