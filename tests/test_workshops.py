"""Workshop session plans add up to their length, using the units' own timings."""

from __future__ import annotations

import copy

import pytest
import yaml

from childinfo.site.course import SESSION_PLANS, segment_minutes
from tests.course_structure import ROOT, front_matter

PLANS = yaml.safe_load((ROOT / SESSION_PLANS).read_text())


def unit_timings() -> dict[int, dict]:
    timings = {}
    for path in (ROOT / "chapters").glob("unit-*.md"):
        meta = front_matter(path.read_text())
        timings[int(meta["unit"])] = {
            "teaching": meta["teaching_minutes"], "exercise": meta["exercise_minutes"],
        }
    return timings


def plan_total(plan: dict, timings: dict[int, dict]) -> int:
    return sum(segment_minutes(segment, timings) for segment in plan["segments"])


@pytest.mark.parametrize("key", sorted(PLANS))
def test_session_plan_adds_up_to_its_length(key):
    plan = PLANS[key]
    assert plan_total(plan, unit_timings()) == plan["length"], (
        f"{key} adds up to {plan_total(plan, unit_timings())} minutes, not {plan['length']}"
    )


def test_the_three_plans_are_ninety_minutes_half_a_day_and_a_day():
    assert {k: p["length"] for k, p in PLANS.items()} == {
        "ninety-minutes": 90, "half-day": 210, "full-day": 420,
    }


def test_a_changed_unit_timing_breaks_the_plan_total():
    timings = copy.deepcopy(unit_timings())
    timings[2]["exercise"] += 5  # a unit's lab grows by five minutes...
    plan = PLANS["ninety-minutes"]
    assert plan_total(plan, timings) == plan["length"] + 5  # ...and the plan no longer fits


def test_every_unit_used_by_a_plan_exists():
    timings = unit_timings()
    for key, plan in PLANS.items():
        for segment in plan["segments"]:
            if "unit" in segment:
                assert segment["unit"] in timings, f"{key} uses unit {segment['unit']}"
