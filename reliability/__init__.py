"""Fault scenarios F1–F18 of the reliability plan, run against servers on 127.0.0.1.

``python -m reliability`` (``make reliability``) runs them all and prints the scenario table;
``tests/test_reliability.py`` runs the fast ones in ``make test``.
"""
