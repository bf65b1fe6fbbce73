"""The generator's fast column kinds and date helpers give the same values as the plain way."""

import datetime as dt

import numpy as np
import pandas as pd
import pyarrow as pa

from childinfo.synth import columns
from childinfo.synth import dates as D
from childinfo.synth.population import make_ids
from childinfo.synth.services import by_child_then_date


def test_coded_columns_decode_to_the_vocabulary_even_with_repeated_entries():
    col = columns.coded(np.array([2, 0, 1, 2]), ["b", "a", "b"])  # "b" twice in the vocabulary
    assert list(col) == ["b", "b", "a", "b"]
    assert (col == "b").tolist() == [True, True, False, True]
    assert list(columns.to_column(col)) == ["b", "b", "a", "b"]


def test_concat_keeps_each_kind_and_adds_new_categories():
    cat = columns.concat(
        columns.coded(np.array([0, 1]), ["F", "M"]), np.array(["M", "X"], dtype=object)
    )
    assert isinstance(cat, pd.Categorical) and list(cat) == ["F", "M", "M", "X"]
    ids = columns.concat(make_ids("SYN", np.array([1, 2]), 3), np.array(["SYN003"], dtype=object))
    assert list(ids) == ["SYN001", "SYN002", "SYN003"]
    arrow = columns.concat(pa.array(["a"]), np.array(["b"], dtype=object))
    assert arrow.to_pylist() == ["a", "b"]


def test_frame_gives_plain_string_columns_and_take_indexes_arrow():
    df = columns.frame(
        {
            "sex": columns.coded(np.array([1, 0]), ["F", "M"]),
            "upn": pa.array(["A1", ""]),
            "n": np.array([3, 4]),
        }
    )
    assert df["sex"].tolist() == ["M", "F"] and df["upn"].tolist() == ["A1", ""]
    assert (
        str(df["sex"].dtype) == "str"
        and str(df["upn"].dtype) == "str"
        and df["n"].dtype == np.int64
    )
    assert columns.take(pa.array(["x", "y", "z"]), np.array([2, 0])).to_pylist() == ["z", "x"]
    assert columns.to_arrow(columns.coded(np.array([1]), ["F", "M"])).cast(
        pa.string()
    ).to_pylist() == ["M"]


def test_iso_dates_and_ages_match_the_calendar():
    days = np.array([D.day(dt.date(2020, 2, 29)), D.MISSING, D.day(dt.date(2023, 3, 31))])
    assert list(D.iso(days)) == ["2020-02-29", "", "2023-03-31"]
    dob = D.day(dt.date(2010, 4, 1)) + np.arange(20_000)  # many rows: the per-day lookup is used
    ref = D.day(dt.date(2023, 3, 31))
    assert (D.age_years(dob, ref) == D._age_years(dob, ref)).all()


def test_mostly_weekdays_moves_weekends_within_their_week_and_respects_a_floor():
    rng = np.random.default_rng(0)
    saturday = D.day(dt.date(2023, 3, 25))
    days = np.full(10_000, saturday)
    moved = D.mostly_weekdays(rng, days)
    weekend = D.weekday(moved) >= 5
    assert abs(weekend.mean() - D.WEEKEND_KEPT) < 0.03
    assert ((moved[~weekend] >= saturday - 5) & (moved[~weekend] <= saturday - 1)).all()
    kept = D.mostly_weekdays(rng, days, not_before=np.full(10_000, saturday))
    assert (kept == saturday).all()


def test_birthdays_at_a_fixed_age_match_the_calendar_arithmetic_row_by_row():
    dob = np.random.default_rng(1).integers(-2000, 20_000, 30_000)  # looked up per day of birth
    dob[:3] = [D.day(dt.date(2008, 2, 29)), D.day(dt.date(2010, 12, 31)), 0]
    expected = D._birthday(dob, 18)
    assert np.array_equal(D.birthday(dob, 18), expected)
    assert D.birthday(dob[:1], 18)[0] == D.day(dt.date(2026, 3, 1))  # 29 Feb rolls to 1 Mar


def test_by_child_then_date_is_the_stable_lexsort():
    rng = np.random.default_rng(2)
    child, date = rng.integers(0, 40, 5_000), rng.integers(-3_000, 3_000, 5_000)
    date[:100] = D.MISSING  # a wide range of dates; ties keep their order
    assert np.array_equal(by_child_then_date(child, date), np.lexsort((date, child)))
    assert len(by_child_then_date(np.array([], int), np.array([], int))) == 0
