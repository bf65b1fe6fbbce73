"""What the practitioner tasks compute when the book is built (childinfo.course.site.practice)."""

from __future__ import annotations

import pandas as pd
import pytest
from sphinx.errors import ExtensionError

from childinfo.course.site.practice import _fill, _prepare, _suppress_payload, number, render
from childinfo.toolkit.disclosure import publish_table_and_mask


def test_figures_fill_every_string_and_an_unknown_name_fails_with_its_place():
    data = {"prompt": "Rate {{ bf_rate }}", "rows": [["a", "{{bf_n}}"]], "n": 3}
    assert _fill(data, {"bf_rate": "525", "bf_n": "3,147"}, "lab") == {
        "prompt": "Rate 525",
        "rows": [["a", "3,147"]],
        "n": 3,
    }
    with pytest.raises(ExtensionError, match="lab 1-2: no build-time figure called 'bf_nope'"):
        _fill("{{ bf_nope }}", {}, "lab 1-2")


@pytest.mark.parametrize(
    "text, value", [("3,147", 3147), ("28%", 28), ("341.9 per 10,000", 341.9)]
)
def test_a_figure_reads_as_its_first_number(text, value):
    assert number(text) == value


def test_a_task_missing_a_field_or_a_right_answer_is_refused():
    with pytest.raises(ExtensionError, match="the predict task needs answer, reveal"):
        _prepare("predict", {"title": "t", "prompt": "p"}, "lab 0-1")
    with pytest.raises(ExtensionError, match="mark at least one option"):
        _prepare(
            "decide",
            {
                "title": "t",
                "prompt": "p",
                "model": "m",
                "options": [{"text": "a", "correct": False}],
            },
            "lab 0-2",
        )
    with pytest.raises(ExtensionError, match=r"fault \[5, 0\] is not a cell"):
        _prepare(
            "spot",
            {
                "title": "t",
                "prompt": "p",
                "explain": "e",
                "fault": [5, 0],
                "table": {"rows": [["a"]]},
            },
            "lab 0-3",
        )


def test_order_tasks_never_start_in_the_right_order():
    data = _prepare(
        "order", {"title": "t", "prompt": "p", "explain": "e", "steps": ["a", "b", "c"]}, "x"
    )
    assert sorted(data["start"]) == [0, 1, 2] and data["start"] != [0, 1, 2]


def test_suppress_payload_follows_the_toolkit_rule():
    table = pd.DataFrame(
        {"boys": [2, 14, 30], "girls": [9, 8, 25]}, index=["under 5", "5 to 9", "10 to 17"]
    )
    _, hidden = publish_table_and_mask(table, 6)
    data = _suppress_payload(table, 6, hidden.loc[table.index, table.columns])
    assert data["primary"] == [0] and len(data["unsafe"]) == 2**6 - 1
    assert data["unsafe"]["100000"] == [[0, 2, 2]]  # the 2 alone: its row total gives it away
    toolkit = "".join("1" if k in data["toolkit"] else "0" for k in range(6))
    assert data["unsafe"][toolkit] == []  # the toolkit's own mask is safe
    assert data["row_totals"] == [11, 22, 55] and data["total"] == 88


def test_suppress_payload_judges_by_safe_not_only_by_disclosed():
    # Hiding the 2, 9, 3 and 8 gives no count away exactly, but the boys' column says the
    # two hidden boys' counts add up to 5, so each is a small count from 1 to 4: not safe.
    table = pd.DataFrame(
        {"boys": [2, 3, 30], "girls": [9, 8, 25]}, index=["under 5", "5 to 9", "10 to 17"]
    )
    _, hidden = publish_table_and_mask(table, 6)
    data = _suppress_payload(table, 6, hidden.loc[table.index, table.columns])
    assert data["unsafe"]["111100"] == [[0, 1, 4], [2, 1, 4]]
    assert sorted(data["toolkit"]) == [0, 1, 2, 3, 4, 5]
    assert data["unsafe"]["111111"] == []


def test_a_task_renders_its_markup_contract_and_escapes_its_text():
    html = render(
        {
            "id": "6-3",
            "kind": "spot",
            "objective": "3",
            "minutes": 2,
            "title": "<b>x</b>",
            "prompt": "p </script>",
        }
    )
    assert 'data-practice="6-3"' in html and 'data-objective="3"' in html
    assert 'role="status" aria-live="polite"' in html
    assert "<b>x</b>" not in html and "&lt;b&gt;x&lt;/b&gt;" in html
    assert "p <\\/script>" in html  # the embedded JSON cannot close its own script tag
