"""The explorer's views, made when the book is built: how many, their shape, and the toolkit's
suppression in them. (The page itself is tested in ``tests/site/test_explorer.py``.)"""

from __future__ import annotations

import pandas as pd
import pytest

from childinfo.course import explorer
from childinfo.course.explorer import FAMILIES, View, all_views, view_counts, view_entry, view_key
from childinfo.errors import ChildinfoError
from childinfo.toolkit.data import load_authority
from childinfo.toolkit.disclosure import THRESHOLD, publish_table
from childinfo.toolkit.rates import rate_per_10k

REFERENCE = pd.Timestamp("2023-03-31")


def test_the_page_offers_hundreds_of_views_not_thousands():
    views = all_views()
    values = explorer._prepared().values
    expected = 0
    for family in FAMILIES:
        fields = family.fields
        for rows in fields:  # one field, everyone or one group of another field
            expected += 1 + sum(len(values[f]) for f in fields if f != rows)
        expected += len(fields) * (len(fields) - 1) // 2  # two fields, everyone
    assert len(views) == expected
    assert 100 <= len(views) <= 1000
    assert len({view_key(v) for v in views}) == len(views)


def test_a_view_key_is_what_the_page_builds_from_its_form():
    assert view_key(View("cic", "age", "sex")) == "cic|age|sex||"
    assert view_key(View("referrals", "source", None, "sex", 0)) == "referrals|source||sex|0"


def _cells(published: pd.DataFrame) -> list[list]:
    return [[t if t == "c" else int(t) for t in row] for row in published.to_numpy()]


def test_a_two_way_view_is_publish_table_cell_for_cell():
    view = View("cic", "age", "legal")  # children in care by age and legal status: small cells
    counts = view_counts(view)
    entry = view_entry(view)
    assert entry["n"] == _cells(publish_table(counts, THRESHOLD))
    assert any(c == "c" for row in entry["n"] for c in row)
    # Shape: every group and a Total, for counts and rates alike.
    assert len(entry["n"]) == counts.shape[0] + 1
    assert all(len(row) == counts.shape[1] + 1 for row in entry["n"])
    assert [len(row) for row in entry["r"]] == [len(row) for row in entry["n"]]
    # A hidden count has a hidden rate; no count from 1 to 5 is in the page's data.
    for counts_row, rates_row in zip(entry["n"], entry["r"]):
        for n, r in zip(counts_row, rates_row):
            assert (n == "c") == (r == "c")
            assert n == "c" or n == 0 or n >= THRESHOLD
    hidden = sum(c == "c" for row in entry["n"] for c in row)
    assert entry["p"] + entry["s"] == hidden and entry["p"] >= 1


def test_a_one_way_view_keeps_a_group_and_rates_divide_by_its_children():
    view = View("referrals", "sex", None, "age", 0)  # referrals of babies under 1, by sex
    entry = view_entry(view)
    la = load_authority()
    dob = pd.to_datetime(la.children["dob"])
    babies = la.children[(dob <= REFERENCE) & (dob > REFERENCE - pd.DateOffset(years=1))]
    girls = babies[babies["sex"] == "F"]
    referrals = la.referrals[
        pd.to_datetime(la.referrals["referral_date"]).between("2022-04-01", REFERENCE)
    ]
    n_girls = int(referrals["child_id"].isin(girls["child_id"]).sum())
    assert entry["n"][0][0] == (n_girls if n_girls == 0 or n_girls >= THRESHOLD else "c")
    if entry["n"][0][0] != "c":
        assert entry["r"][0][0] == f"{rate_per_10k(n_girls, len(girls)):.1f}"
    # A field about the record (the referral source) leaves the denominator alone.
    by_source = view_entry(View("referrals", "source"))
    total = by_source["n"][-1][0]
    expected = f"{rate_per_10k(total, len(explorer._prepared().population['sex'])):.1f}"
    assert by_source["r"][-1][0] == expected


@pytest.mark.parametrize("field", ["sex", "age", "ethnic_group", "deprivation"])
def test_every_family_counts_the_same_children_whichever_way_it_is_cut(field):
    for family in FAMILIES:
        assert view_counts(View(family.key, field)).to_numpy().sum() == (
            view_counts(View(family.key, family.fields[-1])).to_numpy().sum()
        )


def test_a_view_hides_its_zeros_only_when_shown_zeros_cannot_be_protected():
    data = explorer.explorer_data()["views"]
    hiding = [v for v in all_views() if data[view_key(v)]["z"]]
    assert len(hiding) < len(all_views()) // 10  # zeros are shown unless a table cannot be
    for view in hiding:
        counts = view_counts(view)
        with pytest.raises(ChildinfoError, match="no further cell can be hidden"):
            publish_table(counts, THRESHOLD)  # zeros shown: a small total has nothing beside it
        assert data[view_key(view)]["n"] == _cells(
            publish_table(counts, THRESHOLD, zeros="hidden")
        )
    shown = View("cic", "age", "legal")
    assert not data[view_key(shown)]["z"]
    assert any(0 in row for row in data[view_key(shown)]["n"])  # a zero printed as 0
