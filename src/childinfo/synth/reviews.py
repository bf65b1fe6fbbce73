"""Child protection review conferences, on the statutory timetable with realistic slippage.

Working Together to Safeguard Children (2023) sets the timetable: the first review conference is
held within three months of the initial conference, and later ones at intervals of no more than
six months for as long as the plan lasts. In practice a review is booked a little before its
deadline (so dates vary from plan to plan) and a few slip past it; each later review is timed from
the date the last one was actually held. Conferences are held on weekdays.

Example (a plan that started on 4 May 2022 and was still open on 31 March 2023):
    >>> import datetime as dt
    >>> import numpy as np
    >>> from childinfo.synth import dates as D
    >>> start, ref = np.array([D.day(dt.date(2022, 5, 4))]), D.day(dt.date(2023, 3, 31))
    >>> plan, held = cp_review_dates(np.random.default_rng(0), start, np.array([D.MISSING]), ref, 0.0)
    >>> [str(d) for d in D.to_datetime64(held)]
    ['2022-07-26', '2023-01-25']
"""

from __future__ import annotations

import numpy as np

from childinfo.synth import dates as D

FIRST_REVIEW_MONTHS = 3  # first review within 3 months of the initial conference
LATER_REVIEW_MONTHS = 6  # then at most 6 months apart
_BOOKED_EARLY_WORKING_DAYS = 15  # an on-time review is held 0-14 working days (3 weeks) early
_LATE_WORKING_DAYS = (1, 26)  # a late one 1-25 working days (up to 5 weeks) after its deadline


def add_months(days: np.ndarray, months: int) -> np.ndarray:
    """The same day of the month ``months`` later (the last day when that month is shorter)."""
    d = D.to_datetime64(days)
    month = d.astype("datetime64[M]")
    day_of_month = (d - month.astype("datetime64[D]")).astype(np.int64)
    target = month + months
    length = ((target + 1).astype("datetime64[D]") - target.astype("datetime64[D]")).astype(
        np.int64
    )
    return (target.astype("datetime64[D]") + np.minimum(day_of_month, length - 1)).astype(np.int64)


def cp_review_dates(
    rng: np.random.Generator, start: np.ndarray, end: np.ndarray, ref: int, late_share: float
) -> tuple[np.ndarray, np.ndarray]:
    """Review conferences of each plan, as (plan index, review day) sorted by plan and date.

    ``start`` is the plan's start (the initial conference), ``end`` its end (``D.MISSING`` while
    open). Reviews are held before the plan ends and no later than the day before ``ref``. Each
    review is late with chance ``late_share``; otherwise it is held up to three weeks before its
    deadline. Offsets are counted in working days from the deadline (rolled back to a weekday for
    on-time reviews, forward for late ones), so an on-time review never passes its deadline and
    every weekday is equally likely.
    """
    start = np.asarray(start, dtype=np.int64)
    end = np.asarray(end, dtype=np.int64)
    stop = np.where(end == D.MISSING, ref, end)
    plans, held_days = [], []
    active = np.arange(len(start))
    due = add_months(start, FIRST_REVIEW_MONTHS)
    while len(active):
        k = len(active)
        late = rng.random(k) < late_share
        deadline = D.to_datetime64(due)
        early = np.busday_offset(
            deadline, -rng.integers(0, _BOOKED_EARLY_WORKING_DAYS, k), roll="backward"
        )
        slipped = np.busday_offset(deadline, rng.integers(*_LATE_WORKING_DAYS, k), roll="forward")
        held = np.where(late, slipped, early).astype(np.int64)
        ok = held < stop[active]
        plans.append(active[ok])
        held_days.append(held[ok])
        active = active[ok]
        due = add_months(held[ok], LATER_REVIEW_MONTHS)
    plan = np.concatenate(plans) if plans else np.array([], np.int64)
    held = np.concatenate(held_days) if held_days else np.array([], np.int64)
    order = np.lexsort((held, plan))
    return plan[order], held[order]
