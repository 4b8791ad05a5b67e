"""The fast scenarios of the reliability plan (``make reliability`` runs all of them).

Each scenario serves faults on 127.0.0.1, crawls with the real CLI, and asserts the plan's
invariants (accounted 100 %, missing 0, duplicates 0, invalid committed lines 0, exit status)
plus its own criterion; a failure lists which criterion broke.
"""

from __future__ import annotations

import pytest

from reliability.scenarios import SCENARIOS, run_scenario

FAST = [name for name, (_, _, fast) in SCENARIOS.items() if fast]


@pytest.mark.parametrize("name", FAST)
def test_scenario(name: str) -> None:
    outcome = run_scenario(name)
    assert outcome.passed, f"{name} {outcome.title}: " + "; ".join(outcome.failures)
    assert outcome.missing == 0 and outcome.invalid_lines == 0
