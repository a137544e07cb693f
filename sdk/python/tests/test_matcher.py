"""The conformance matcher, checked against hand-made cases."""

from __future__ import annotations

from typing import Any

import pytest

from conformance import match

ACTUAL: dict[str, Any] = {
    "pokemon": [{"id": 1, "name": "Bulbasaur"}, {"id": 2, "name": "Ivysaur"}],
    "nextPageToken": "abc",
    "totalSize": 1025,
    "big": "9007199254740993",
    "distanceKm": 29.35550118165301,
    "empty": [],
    "flag": False,
}


@pytest.mark.parametrize(
    "want",
    [
        {"totalSize": 1025},
        {"pokemon": [{"id": 1}, {"name": "Ivysaur"}]},
        {"pokemon": {"$contains": [{"name": "Ivysaur"}]}},
        {"pokemon": {"$size": 2}},
        {"nextPageToken": {"$nonEmpty": True}},
        {"empty": {"$nonEmpty": False}},
        {"distanceKm": 29.355501181653},
        {"big": 9007199254740993},
        {"flag": False},
    ],
)
def test_matches(want: dict[str, Any]) -> None:
    assert match(want, ACTUAL, "r") == []


@pytest.mark.parametrize(
    "want",
    [
        {"totalSize": 1024},
        {"missing": 0},
        {"pokemon": [{"id": 1}]},
        {"pokemon": {"$contains": [{"name": "Mew"}]}},
        {"pokemon": {"$size": 3}},
        {"empty": {"$nonEmpty": True}},
        {"distanceKm": 29.3555},
        {"flag": 0},
        {"nextPageToken": {"x": 1}},
    ],
)
def test_mismatches(want: dict[str, Any]) -> None:
    assert match(want, ACTUAL, "r") != []
