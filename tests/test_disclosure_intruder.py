"""An integer-programming intruder against published tables, single and linked.

The intruder is written here from scratch, not with the library's own solver: it reads only the
published text (numbers, ``c`` and ``z``), knows how the tables are built from one another, the
threshold, and whether zeros are shown, and asks scipy's ``milp`` for the smallest and largest
whole value each hidden figure could take. A figure is recovered if that range is one value, or
lies inside the unsafe range 1 to threshold - 1.
"""

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import Bounds, LinearConstraint, milp

import childinfo.toolkit.disclosure as dc
from childinfo.course.checks import check_published_table
from childinfo.errors import ChildinfoError


def _support(base: pd.DataFrame, view, row, col) -> np.ndarray:
    """0/1 weights over the base cells (row by row) that make up one published figure."""
    nrow, ncol = base.shape
    if view is None:
        rows = np.ones(nrow, bool) if row == "Total" else base.index == row
    else:
        keys = base.index.to_frame(index=False)[list(view)]
        is_total = row == "Total" or (isinstance(row, tuple) and row[0] == "Total")
        if is_total:
            rows = np.ones(nrow, bool)
        else:
            want = row if isinstance(row, tuple) else (row,)
            rows = np.all([keys[v].to_numpy() == w for v, w in zip(view, want)], axis=0)
    cols = np.ones(ncol, bool) if col == "Total" else (base.columns == col)
    return np.outer(rows, cols).astype(float).ravel()


def intruder_bounds(published: dict, base: pd.DataFrame, zeros: str) -> list:
    """(view, row, column, lower, upper) for every hidden figure in the published tables."""
    lowest = 0.0 if zeros == "hidden" else 1.0
    eq_a, eq_b, ge_a, hidden = [], [], [], []
    for view, text in published.items():
        for row in text.index:
            for col in text.columns:
                shown = str(text.loc[row, col])
                w = _support(base, view, row, col)
                if shown == "c":
                    hidden.append((view, row, col, w))
                    ge_a.append(w)
                else:
                    eq_a.append(w)
                    eq_b.append(0.0 if shown == "z" else float(shown))
    cons = [LinearConstraint(np.array(eq_a), eq_b, eq_b)]
    if ge_a and lowest:
        cons.append(LinearConstraint(np.array(ge_a), lowest, np.inf))
    n = base.size
    out = []
    for view, row, col, w in hidden:
        lo = milp(w, constraints=cons, integrality=np.ones(n), bounds=Bounds(0, np.inf))
        hi = milp(-w, constraints=cons, integrality=np.ones(n), bounds=Bounds(0, np.inf))
        assert lo.status == 0, "the published figures must fit the true table"
        upper = -hi.fun if hi.status == 0 else np.inf
        out.append((view, row, col, round(lo.fun), upper))
    return out


def recovered(published: dict, base: pd.DataFrame, zeros: str, threshold: int) -> list:
    return [
        b
        for b in intruder_bounds(published, base, zeros)
        if b[3] == b[4] or (b[3] >= 1 and b[4] <= threshold - 1)
    ]


def _assert_true_values_shown(published: dict, base: pd.DataFrame) -> None:
    for view, text in published.items():
        for row in text.index:
            for col in text.columns:
                shown = str(text.loc[row, col])
                if shown not in ("c", "z"):
                    assert float(shown) == _support(base, view, row, col) @ base.to_numpy().ravel()


def _small_then_primary(published: dict, base: pd.DataFrame, threshold: int, zeros: str) -> None:
    for view, text in published.items():
        for row in text.index:
            for col in text.columns:
                true = _support(base, view, row, col) @ base.to_numpy().ravel()
                if 1 <= true < threshold or (true == 0 and zeros == "hidden"):
                    assert str(text.loc[row, col]) == "c", (view, row, col, true)
                if true == 0 and zeros != "hidden":
                    assert str(text.loc[row, col]) == ("z" if zeros == "structural" else "0")


counts = st.one_of(st.integers(0, 6), st.integers(0, 40))


@st.composite
def single_tables(draw):
    nrow, ncol = draw(st.integers(2, 4)), draw(st.integers(2, 4))
    cells = draw(st.lists(counts, min_size=nrow * ncol, max_size=nrow * ncol))
    return pd.DataFrame(
        np.array(cells).reshape(nrow, ncol),
        index=[f"r{i}" for i in range(nrow)],
        columns=[f"c{j}" for j in range(ncol)],
    )


@st.composite
def linked_tables(draw):
    na, nb, ncol = draw(st.integers(2, 3)), draw(st.integers(2, 3)), draw(st.integers(2, 3))
    cells = draw(st.lists(counts, min_size=na * nb * ncol, max_size=na * nb * ncol))
    index = pd.MultiIndex.from_product(
        [[f"a{i}" for i in range(na)], [f"b{i}" for i in range(nb)]], names=["a", "b"]
    )
    return pd.DataFrame(
        np.array(cells).reshape(na * nb, ncol), index=index, columns=[f"n{j}" for j in range(ncol)]
    )


FAST = settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@FAST
@given(
    table=single_tables(), threshold=st.sampled_from([3, 5, 6]), zeros=st.sampled_from(dc.ZEROS)
)
def test_intruder_recovers_no_hidden_cell_in_a_single_table(table, threshold, zeros):
    try:
        text = dc.publish_table(table, threshold, zeros=zeros)
    except ChildinfoError as exc:
        assert "\n" not in str(exc) and str(exc)
        return
    published = {None: text}
    _small_then_primary(published, table, threshold, zeros)
    _assert_true_values_shown(published, table)
    assert recovered(published, table, zeros, threshold) == []
    # The course's checker agrees with the intruder.
    assert check_published_table(text, table, threshold, zeros=zeros).correct


@FAST
@given(
    table=linked_tables(), threshold=st.sampled_from([3, 5, 6]), zeros=st.sampled_from(dc.ZEROS)
)
def test_intruder_recovers_no_hidden_cell_in_linked_tables(table, threshold, zeros):
    views = [("a", "b"), ("a",), ("b",)]
    try:
        published = dc.publish_linked_tables(table, views, threshold, zeros=zeros)
    except ChildinfoError as exc:
        assert "\n" not in str(exc) and str(exc)
        return
    _small_then_primary(published, table, threshold, zeros)
    _assert_true_values_shown(published, table)
    assert recovered(published, table, zeros, threshold) == []


def test_the_issue_table_is_no_longer_leaked():
    t = pd.DataFrame({"a": [1, 20, 30], "b": [1, 30, 25], "c": [0, 50, 45]})
    text = dc.publish_table(t, 6)
    assert recovered({None: text}, t, "shown", 6) == []
    # The old output (row r1 "c c 0", total 2) is caught by the checker and the bounds.
    old = pd.DataFrame(
        {
            "a": ["c", "c", "30"],
            "b": ["c", "c", "25"],
            "c": ["0", "50", "45"],
            "Total": ["2", "100", "100"],
        }
    )
    old.loc["Total"] = ["51", "56", "95", "202"]
    assert recovered({None: old}, t, "shown", 6) != []
    assert not check_published_table(old, t, 6).correct
    bounds = dc.published_table_bounds(old, t, threshold=6)
    assert bounds.loc[bounds["row"] == 0, "disclosed"].all()
    # With zeros hidden the zero is hidden too, and the small row total 2 with it.
    hidden = dc.publish_table(t, 6, zeros="hidden")
    assert hidden.loc[0].tolist() == ["c", "c", "c", "c"]
    assert recovered({None: hidden}, t, "hidden", 6) == []


@pytest.fixture(scope="module")
def brackenfold_referrals():
    from childinfo.toolkit.data import load_authority

    la = load_authority()
    ref = la.referrals.merge(la.children[["child_id", "ethnicity", "sex"]], on="child_id")
    ref["eth"] = ref["ethnicity"].str[0]
    return ref


def test_brackenfold_single_and_linked_tables(brackenfold_referrals):
    ref = brackenfold_referrals
    small = ref[
        ref["eth"].isin(["C", "R", "N"]) & ref["primary_need_code"].isin(["N0", "N5", "N6", "N7"])
    ]
    for zeros in ("shown", "hidden"):
        single = small.groupby(["eth", "primary_need_code"]).size().unstack(fill_value=0)
        text = dc.publish_table(single, dc.THRESHOLD, zeros=zeros)
        assert (text == "c").to_numpy().any()
        assert recovered({None: text}, single, zeros, dc.THRESHOLD) == []
        linked = small.groupby(["eth", "sex", "primary_need_code"]).size().unstack(fill_value=0)
        views = [("eth", "sex"), ("eth",), ("sex",)]
        published = dc.publish_linked_tables(linked, views, dc.THRESHOLD, zeros=zeros)
        _assert_true_values_shown(published, linked)
        assert recovered(published, linked, zeros, dc.THRESHOLD) == []


def test_each_linked_table_alone_leaks_but_the_set_does_not():
    t = pd.DataFrame(
        {
            "a": ["x", "x", "y", "y"],
            "b": ["p", "q", "p", "q"],
            "n1": [2, 30, 25, 40],
            "n2": [12, 15, 22, 33],
        }
    ).set_index(["a", "b"])
    views = [("a", "b"), ("a",)]
    apart = {
        ("a", "b"): dc.publish_table(t, 6),
        ("a",): dc.publish_table(t.groupby(level="a").sum(), 6),
    }
    apart[("a", "b")].index = pd.MultiIndex.from_tuples(
        [k if k != "Total" else ("Total", "") for k in apart[("a", "b")].index], names=["a", "b"]
    )
    together = dc.publish_linked_tables(t, views, 6)
    assert recovered(apart, t, "shown", 6) != []
    assert recovered(together, t, "shown", 6) == []
