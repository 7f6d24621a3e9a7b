"""Run outcomes: which runs fail, with which exit status (the flow run's state follows the same rules)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("targets", "summary", "allow_empty", "code"),
    [
        (["{d}"], {"loaded": 2, "unchanged": 0, "rejected": 0}, False, 0),
        (["{d}"], {"loaded": 1, "unchanged": 0, "rejected": 1}, False, 0),  # a refusal is a warning
        (["{d}"], {"loaded": 0, "unchanged": 3, "rejected": 0}, False, 0),  # nothing new is fine
        (["{d}/missing"], {"loaded": 0, "unchanged": 0, "rejected": 1}, False, 3),
        (["{d}/*.nothing"], {"loaded": 0, "unchanged": 0, "rejected": 1}, False, 3),
        (["{d}/missing"], {"loaded": 0, "unchanged": 0, "rejected": 1}, True, 0),
        (["{d}", "{d}/missing"], {"loaded": 0, "unchanged": 0, "rejected": 2}, True, 4),
        (["{d}"], {"loaded": 0, "unchanged": 0, "rejected": 2}, False, 4),
    ],
)
def test_run_outcomes(tmp_path, targets, summary, allow_empty, code):
    from timeline.outcome import EXIT_CODES, judge

    result = judge([t.format(d=tmp_path) for t in targets], summary, allow_empty)
    assert result.exit_code == code and code in EXIT_CODES
    assert result.failed == (code != 0) and result.refused == summary["rejected"]
