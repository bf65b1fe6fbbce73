"""Tests for childinfo.toolkit.disclosure: suppression, rounding, symbols, k-anonymity, generalisation."""

import pandas as pd
import pytest

import childinfo.toolkit.disclosure as dc
from childinfo.errors import ChildinfoError

TABLE = pd.DataFrame(
    {"boys": [2, 14, 30], "girls": [9, 8, 25]}, index=["under 5", "5 to 9", "10 to 17"]
)


def test_primary_suppression_threshold_is_smallest_publishable_count():
    t = pd.DataFrame({"a": [0, 1, 5, 6], "b": [2, 3, 10, 4]})
    m5 = dc.primary_suppression(t, threshold=5)
    assert m5["a"].tolist() == [False, True, False, False]
    assert m5["b"].tolist() == [True, True, False, True]
    m6 = dc.primary_suppression(t, threshold=6)
    assert m6["a"].tolist() == [False, True, True, False]
    assert dc.primary_suppression(t, threshold=5, suppress_zeros=True)["a"].tolist() == [
        True,
        True,
        False,
        False,
    ]


def test_common_thresholds_documented():
    assert sorted(dc.COMMON_THRESHOLDS.values()) == [3, 5, 6, 10]
    assert set(dc.SYMBOLS) >= {"c", "z", "k", "x"}


@pytest.mark.parametrize("bad", [0, -1, 2.5, "5", True])
def test_primary_suppression_rejects_bad_threshold(bad):
    with pytest.raises(ChildinfoError, match="threshold"):
        dc.primary_suppression(TABLE, threshold=bad)


def test_bad_count_tables_name_the_problem():
    with pytest.raises(ChildinfoError, match="empty"):
        dc.primary_suppression(pd.DataFrame(), 5)
    with pytest.raises(ChildinfoError, match="'label'"):
        dc.primary_suppression(pd.DataFrame({"label": ["a"], "n": [3]}), 5)
    with pytest.raises(ChildinfoError, match="negative or fractional"):
        dc.primary_suppression(pd.DataFrame({"n": [3, -1]}), 5)
    with pytest.raises(ChildinfoError, match="missing"):
        dc.primary_suppression(pd.DataFrame({"n": [3, None]}), 5)
    with pytest.raises(ChildinfoError, match="DataFrame"):
        dc.primary_suppression([1, 2, 3], 5)
    with pytest.raises(ChildinfoError, match="same shape"):
        dc.secondary_suppression(TABLE, pd.DataFrame({"x": [True]}))


def test_primary_alone_is_disclosed_by_the_row_total():
    bounds = dc.suppressed_cell_bounds(TABLE, dc.primary_suppression(TABLE, 6))
    assert bounds.to_dict("records") == [
        {
            "row": "under 5",
            "column": "boys",
            "value": 2,
            "lower": 2,
            "upper": 2,
            "disclosed": True,
            "safe": False,
        }
    ]


def test_secondary_suppression_picks_small_complements():
    mask = dc.secondary_suppression(TABLE, dc.primary_suppression(TABLE, 6))
    assert mask.to_numpy().tolist() == [[True, True], [True, True], [False, False]]
    bounds = dc.suppressed_cell_bounds(TABLE, mask)
    assert not bounds["disclosed"].any()
    # under 5 boys is 2; with the row total 11 and column total 46 it could be 0 to 11
    first = bounds.iloc[0]
    assert (first["lower"], first["upper"]) == (0, 11)


def test_two_blocks_joined_by_one_cell_are_protected():
    # Two 2x2 blocks of small counts plus one bridging small count. Every line has two or more
    # hidden cells, yet the bridge is given away by the totals unless more cells are hidden.
    t = pd.DataFrame(
        [[3, 4, 50, 60], [2, 1, 3, 70], [80, 90, 2, 4], [85, 95, 1, 3]],
        columns=list("ABCD"),
        index=list("wxyz"),
    )
    primary = dc.primary_suppression(t, 5)
    naive = dc.suppressed_cell_bounds(t, primary)
    assert naive.set_index(["row", "column"]).loc[("x", "C"), "disclosed"]
    mask = dc.secondary_suppression(t, primary)
    assert mask.to_numpy().sum() > primary.to_numpy().sum()
    assert not dc.suppressed_cell_bounds(t, mask)["disclosed"].any()


def test_secondary_on_a_single_column_uses_the_grand_total_only():
    s = pd.Series([3, 40, 22, 55], index=["a", "b", "c", "d"], name="children")
    mask = dc.secondary_suppression(s, dc.primary_suppression(s, 5))
    assert mask["children"].tolist() == [True, False, True, False]


def test_impossible_table_raises_clear_error():
    t = pd.DataFrame([[1, 0], [0, 0]], columns=["a", "b"])
    with pytest.raises(ChildinfoError, match="merge small categories"):
        dc.secondary_suppression(t, dc.primary_suppression(t, 3))


def test_assume_nonzero_intruder_is_stronger():
    # A 2x2 block of ones: safe against an intruder who allows zeros, pinned if zeros are
    # known to be published (each hidden cell is at least 1 and pairs sum to 2).
    t = pd.DataFrame([[1, 1, 20], [1, 1, 30], [40, 50, 60]], columns=list("abc"))
    mask = dc.primary_suppression(t, 3)
    assert not dc.suppressed_cell_bounds(t, mask)["disclosed"].any()
    assert dc.suppressed_cell_bounds(t, mask, assume_nonzero=True)["disclosed"].all()


def test_property_tests_live_in_their_own_file():
    # The integer-programming intruder is in tests/test_disclosure_intruder.py.
    import tests.test_disclosure_intruder as intruder

    assert intruder.intruder_bounds


def test_publish_table_with_totals_and_old_symbol():
    out = dc.publish_table(TABLE, 6, symbol="x")
    assert out.loc["under 5"].tolist() == ["x", "x", "11"]
    assert out.loc["Total"].tolist() == ["46", "42", "88"]
    with pytest.raises(ChildinfoError, match="symbol"):
        dc.publish_table(TABLE, 6, symbol="*")


def test_round_to_base_rounds_halves_up():
    assert dc.round_to_base(25) == 30
    assert dc.round_to_base(24) == 20
    assert dc.round_to_base(83_845) == 83_850
    assert dc.round_to_base(7, base=5) == 5
    assert dc.round_to_base(pd.Series([4, 5, 15, 25, None])).tolist()[:4] == [0, 10, 20, 30]
    assert dc.round_to_base(pd.DataFrame({"a": [15, 44]}))["a"].tolist() == [20, 40]
    with pytest.raises(ChildinfoError):
        dc.round_to_base("25")
    with pytest.raises(ChildinfoError):
        dc.round_to_base(25, base=0)


def test_format_percentage_symbols():
    assert dc.format_percentage(1, 3) == "33.3"
    assert dc.format_percentage(1, 3, decimals=0) == "33"
    assert dc.format_percentage(1, 2000) == "0.1"  # 0.05 rounds up
    assert dc.format_percentage(1, 2001) == "k"
    assert dc.format_percentage(0, 50) == "0.0"
    assert dc.format_percentage(0, 0) == "z"
    assert dc.format_percentage(4, 50, suppressed=True) == "c"
    with pytest.raises(ChildinfoError):
        dc.format_percentage(5, 4)
    with pytest.raises(ChildinfoError):
        dc.format_percentage("a", 4)


EXTRACT = pd.DataFrame(
    {
        "sex": ["F", "F", "F", "M", "M", "M", None],
        "age": [7, 7, 7, 9, 9, 12, 12],
        "category": ["N", "P", "N", "E", "E", "N", "N"],
    }
)


def test_equivalence_classes_and_k():
    classes = dc.equivalence_classes(EXTRACT, ["sex", "age"])
    assert classes["size"].tolist() == [1, 1, 2, 3]
    assert dc.k_anonymity(EXTRACT, ["sex", "age"]) == 1
    assert dc.k_anonymity(EXTRACT, "sex") == 1  # the missing sex is its own class
    assert dc.k_anonymity(EXTRACT.dropna(), ["sex"]) == 3
    at_risk = dc.records_below_k(EXTRACT, ["sex", "age"], k=2)
    assert at_risk.index.tolist() == [5, 6]


def test_l_diversity():
    assert dc.l_diversity(EXTRACT.dropna(), "sex", "category") == 2
    assert dc.l_diversity(EXTRACT, ["sex", "age"], "category") == 1
    with pytest.raises(ChildinfoError, match="both"):
        dc.l_diversity(EXTRACT, ["sex", "category"], "category")


def test_record_checks_name_missing_columns():
    with pytest.raises(ChildinfoError, match="'postcode'"):
        dc.k_anonymity(EXTRACT, ["sex", "postcode"])
    with pytest.raises(ChildinfoError, match="empty"):
        dc.k_anonymity(EXTRACT.iloc[:0], ["sex"])
    with pytest.raises(ChildinfoError, match="at least one"):
        dc.k_anonymity(EXTRACT, [])
    with pytest.raises(ChildinfoError, match="k must"):
        dc.records_below_k(EXTRACT, "sex", 0)


def test_dob_to_month():
    out = dc.dob_to_month(pd.Series(["2015-03-17", "25/12/2019", None, "31/02/2020"]))
    assert out.dt.strftime("%Y-%m-%d").tolist()[:2] == ["2015-03-01", "2019-12-01"]
    assert out.isna().tolist() == [False, False, True, True]
    dates = pd.Series(pd.to_datetime(["2020-02-29"]))
    assert dc.dob_to_month(dates).iloc[0] == pd.Timestamp("2020-02-01")
    with pytest.raises(ChildinfoError, match="no dates"):
        dc.dob_to_month(["soon", "later"])


def test_postcode_generalisation():
    codes = ["LS1 4AP", " sw1a 1aa ", "M11AE", "B33 8TH", "LS1", "", None]
    assert dc.postcode_to_sector(codes).tolist() == [
        "LS1 4",
        "SW1A 1",
        "M1 1",
        "B33 8",
        pd.NA,
        pd.NA,
        pd.NA,
    ]
    assert dc.postcode_to_district(codes).tolist()[:4] == ["LS1", "SW1A", "M1", "B33"]


def test_generalisation_raises_k():
    d = pd.DataFrame(
        {
            "dob": ["2015-03-02", "2015-03-20", "2015-03-28", "2016-01-05"],
            "postcode": ["LS1 4AP", "LS1 4BB", "LS1 4ZZ", "LS1 4AP"],
        }
    )
    assert dc.k_anonymity(d, ["dob", "postcode"]) == 1
    g = pd.DataFrame(
        {"month": dc.dob_to_month(d["dob"]), "sector": dc.postcode_to_sector(d["postcode"])}
    )
    assert dc.equivalence_classes(g, ["month", "sector"])["size"].tolist() == [1, 3]


def test_age_band():
    assert dc.age_band([0, 1, 4, 5, 9, 10, 15, 16, 17]).tolist() == [
        "under 1",
        "1 to 4",
        "1 to 4",
        "5 to 9",
        "5 to 9",
        "10 to 15",
        "10 to 15",
        "16 to 17",
        "16 to 17",
    ]
    assert dc.age_band([3, 20], bands=(0, 5, 18)).tolist() == ["under 5", pd.NA]
    with pytest.raises(ChildinfoError):
        dc.age_band(["three"])


def test_without_totals_only_primary_suppression_is_needed():
    out = dc.publish_table(TABLE, 6, totals=False)
    assert out.to_numpy().tolist() == [["c", "9"], ["14", "8"], ["30", "25"]]
    mask = dc.primary_suppression(TABLE, 6)
    bounds = dc.suppressed_cell_bounds(
        TABLE, mask, row_totals=False, column_totals=False, grand_total=False
    )
    assert len(bounds) == 1  # no total bounds the hidden cell from above: its upper is empty
    assert bounds["lower"].tolist() == [0] and bounds["upper"].isna().all()
    assert not bounds["disclosed"].any()
    # With only the grand total published, one hidden cell is still given away.
    only_grand = dc.suppressed_cell_bounds(TABLE, mask, row_totals=False, column_totals=False)
    assert only_grand["disclosed"].tolist() == [True]
    safe = dc.secondary_suppression(TABLE, mask, row_totals=False, column_totals=False)
    assert int(safe.to_numpy().sum()) == 2


def test_publish_table_and_mask_says_exactly_what_was_hidden():
    t = pd.DataFrame(
        {"a": [1, 20, 30, 4], "b": [1, 30, 25, 9], "c": [0, 50, 45, 2]},
        index=pd.Index(["w", "x", "y", "z"], name="ward"),
    )
    for zeros in ("shown", "hidden", "structural"):
        table, hidden = dc.publish_table_and_mask(t, 6, zeros=zeros)
        assert table.equals(dc.publish_table(t, 6, zeros=zeros))
        assert hidden.index.equals(table.index) and hidden.columns.equals(table.columns)
        assert (hidden == (table == "c")).all().all() and hidden.to_numpy().any()


def test_zeros_shown_if_safe_falls_back_to_hidden_only_where_shown_zeros_fail():
    # A small row total (Not known: 4) whose only other cells are zeros: with zeros shown there
    # is no cell left to hide beside it, so the whole table hides its zeros instead.
    stuck = pd.DataFrame(
        [[93, 51, 11, 3, 2], [9, 4, 2, 0, 1], [17, 9, 1, 0, 1], [16, 7, 3, 0, 0],
         [7, 6, 0, 0, 0], [1, 3, 0, 0, 0]],
        index=["White", "Mixed", "Asian", "Black", "Other", "Not known"],
        columns=["N", "E", "P", "S", "M"],
    )  # fmt: skip
    with pytest.raises(ChildinfoError, match="no further cell can be hidden"):
        dc.publish_table(stuck, 6)
    fallback = dc.publish_table(stuck, 6, zeros=dc.SHOWN_IF_SAFE)
    assert fallback.equals(dc.publish_table(stuck, 6, zeros="hidden"))
    assert "0" not in fallback.to_numpy()
    safe = pd.DataFrame({"a": [1, 20, 30], "b": [0, 30, 25]}, index=["x", "y", "z"])
    assert dc.publish_table(safe, 6, zeros=dc.SHOWN_IF_SAFE).equals(dc.publish_table(safe, 6))
    linked = dc.publish_linked_tables(
        stuck.rename_axis("group"), [("group",)], 6, zeros=dc.SHOWN_IF_SAFE
    )
    in_order = linked[("group",)].loc[list(fallback.index)]
    assert in_order.to_numpy().tolist() == fallback.to_numpy().tolist()
    with pytest.raises(ChildinfoError, match="zeros must be one of"):
        dc.primary_suppression(stuck, 6, zeros=dc.SHOWN_IF_SAFE)  # a choice for publishing only


def test_a_table_with_one_column_is_published_with_its_total_row():
    published = dc.publish_table(pd.DataFrame({"a": [1, 20, 30]}, index=["x", "y", "z"]), 6)
    assert list(published.index) == ["x", "y", "z", "Total"]
    assert published.loc["x", "a"] == "c" and published.loc["Total", "a"] == "51"
    # The one other cell hidden with it keeps the small count from being worked out.
    assert (published["a"] == "c").sum() == 2


def test_an_upper_bound_nothing_limits_is_empty_not_infinite():
    # A one-cell table publishes no total, so nothing bounds its hidden cell from above.
    alone = pd.Series([1])
    bounds = dc.suppressed_cell_bounds(alone, dc.primary_suppression(alone, 6))
    assert bounds["upper"].isna().all() and bounds["safe"].all()
    assert str(bounds["upper"].dtype) == "Int64" and bounds["lower"].tolist() == [0]
    # With totals the bound is a whole number again.
    bounded = dc.suppressed_cell_bounds(TABLE, dc.primary_suppression(TABLE, 6))
    assert bounded["upper"].notna().all()
