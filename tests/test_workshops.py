"""Workshop session plans survive a real room: they add up, with breaks, buffers and timed tasks.

The same check (:func:`childinfo.course.site.course.plan_problems`) runs in the site build, where a
problem is a warning and ``-W`` fails the build.
"""

from __future__ import annotations

import copy

import pytest
import yaml

from childinfo.course.site.course import SESSION_PLANS, plan_problems, segment_minutes
from tests.course_structure import ROOT, front_matter

PLANS = yaml.safe_load((ROOT / SESSION_PLANS).read_text())


def unit_timings() -> dict[int, dict]:
    timings = {}
    for path in (ROOT / "chapters").glob("unit-*.md"):
        meta = front_matter(path.read_text())
        timings[int(meta["unit"])] = {
            "teaching": meta["teaching_minutes"],
            "exercise": meta["exercise_minutes"],
        }
    return timings


def plan_total(plan: dict, timings: dict[int, dict]) -> int:
    return sum(segment_minutes(segment, timings) for segment in plan["segments"])


@pytest.mark.parametrize("key", sorted(PLANS))
def test_session_plan_passes_the_check(key):
    assert plan_problems(key, PLANS[key], unit_timings()) == []


@pytest.mark.parametrize("key", sorted(PLANS))
def test_session_plan_adds_up_to_its_length(key):
    assert plan_total(PLANS[key], unit_timings()) == PLANS[key]["length"]


def test_the_three_plans_are_ninety_minutes_half_a_day_and_a_day():
    assert {k: p["length"] for k, p in PLANS.items()} == {
        "ninety-minutes": 90,
        "half-day": 210,
        "full-day": 420,
    }


def test_a_changed_unit_timing_breaks_a_plan_that_uses_it():
    timings = copy.deepcopy(unit_timings())
    plan = PLANS["half-day"]  # teaches unit 1 for its front matter's minutes
    timings[1]["teaching"] += 5
    assert plan_total(plan, timings) == plan["length"] + 5
    assert any("adds up to" in p for p in plan_problems("half-day", plan, timings))


def _without(plan: dict, kind: str) -> dict:
    """The plan with every segment of one kind turned into plain teaching time."""
    plan = copy.deepcopy(plan)
    for segment in plan["segments"]:
        if segment.get("kind") == kind:
            del segment["kind"]
    return plan


@pytest.mark.parametrize("key", sorted(PLANS))
def test_a_plan_with_no_buffer_fails(key):
    problems = plan_problems(key, _without(PLANS[key], "buffer"), unit_timings())
    assert any("buffer" in p for p in problems), problems


@pytest.mark.parametrize("key", ["half-day", "full-day"])
def test_a_plan_with_no_break_fails(key):
    problems = plan_problems(key, _without(PLANS[key], "break"), unit_timings())
    assert any("without a break" in p for p in problems), problems
    assert any("second half" in p for p in problems), problems


def test_a_half_day_with_its_only_break_early_fails():
    plan = {
        "length": 150,
        "segments": [
            {"activity": "Teaching", "minutes": 40},
            {"activity": "Buffer", "kind": "buffer", "minutes": 5},
            {"activity": "Break", "kind": "break", "minutes": 15},
            {"activity": "Teaching", "minutes": 85},
            {"activity": "Buffer", "kind": "buffer", "minutes": 5},
        ],
    }
    assert any("second half" in p for p in plan_problems("early", plan, unit_timings()))


def test_closing_with_a_unit_means_teaching_it():
    plan = copy.deepcopy(PLANS["full-day"])
    plan["segments"] = [s for s in plan["segments"] if s.get("unit") != 10]
    plan["length"] = plan_total(plan, unit_timings())
    problems = plan_problems("full-day", plan, unit_timings())
    assert any("does not teach unit 10" in p for p in problems), problems


def test_every_task_has_its_minutes_and_its_units_id():
    plan = copy.deepcopy(PLANS["ninety-minutes"])
    tasks = next(s for s in plan["segments"] if s.get("part") == "tasks")["tasks"]
    tasks[0] = {"id": "3-1"}
    problems = plan_problems("ninety-minutes", plan, unit_timings())
    assert any("'3-1'" in p for p in problems) and any("needs its minutes" in p for p in problems)


def test_no_plan_relies_on_laptops_with_python():
    for key, plan in PLANS.items():
        for segment in plan["segments"]:
            text = " ".join(str(segment.get(k, "")) for k in ("activity", "note", "materials"))
            assert "Python" not in text and "JupyterLab" not in text, (key, text)
            if "unit" in segment:
                assert segment.get("part") in ("teaching", "tasks"), (key, segment)


def test_every_unit_used_by_a_plan_exists():
    timings = unit_timings()
    for key, plan in PLANS.items():
        for segment in plan["segments"]:
            if "unit" in segment:
                assert segment["unit"] in timings, f"{key} uses unit {segment['unit']}"


def _prompt_count(text: str, start: str) -> int:
    """Top-level list items in the block or section that starts with ``start``."""
    block = text[text.index(start) :]
    end = block.find("\n:::", 1) if start.startswith(":::") else block.find("\n## ", 1)
    block = block[: end if end > 0 else None]
    return sum(1 for line in block.splitlines() if line.startswith("- "))


def test_every_discussion_prompt_a_plan_uses_has_a_suggested_answer():
    suggested = yaml.safe_load((ROOT / "chapters" / "workshop-discussion-answers.yml").read_text())
    pages = {
        "ninety-minutes": "workshop-90-minutes",
        "half-day": "workshop-half-day",
        "full-day": "workshop-full-day",
    }
    for key, plan in PLANS.items():
        page = (ROOT / "chapters" / f"{pages[key]}.md").read_text()
        assert len(suggested["plans"][key]) == _prompt_count(page, "## Discussion prompts"), key
        for n in {s["unit"] for s in plan["segments"] if "unit" in s}:
            chapter = next((ROOT / "chapters").glob(f"unit-{n:02d}-*.md")).read_text()
            assert len(suggested["units"][n]) == _prompt_count(chapter, ":::{discussion}"), n
