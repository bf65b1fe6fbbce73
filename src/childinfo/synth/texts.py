"""Voice and rich information: children's words, family feedback, case notes and two surveys.

Every text is put together from short fragments, and each fragment carries its theme codes, so
every record has exact ground-truth themes (``truth_themes``) for scoring theme coding. The voice
records' fragments are templates in ``voice_bank``; the surveys' are the short lists below.
Children's words are age-appropriate, varied and never graphic.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from childinfo.synth import dates as D
from childinfo.synth import voice_bank as VB
from childinfo.synth.codes import NEEDS
from childinfo.synth.population import choice, make_ids, top_share

if TYPE_CHECKING:  # the record package imports this module
    from childinfo.synth.record.context import Recording

_SURVEY = [
    ("consent", "I want to be asked before my stuff is shared with school."),
    ("consent", "Nobody asks, they just share it."),
    ("accuracy", "Some things in my file are wrong and I don't know how to change them."),
    ("access_to_records", "I didn't know I was allowed to see my records."),
    ("access_to_records", "I asked to see my file and it took ages."),
    ("trust", "I trust my worker with my information."),
    ("trust", "I stopped telling them things because it always gets passed on."),
    ("sharing_worry", "I worry my friends will find out because teachers talk."),
    ("being_heard", "They should write what I actually said, in my words."),
    ("privacy", "Some things are private and should stay private unless I'm not safe."),
]
_LEAVER = [
    ("feeling_safe", "I don't feel safe where I live, there's shouting in the hallway at night."),
    ("feeling_safe", "My flat is fine and I feel safe there."),
    ("neighbours", "The people upstairs are loud and I keep my door locked."),
    ("loneliness", "It gets lonely, I don't really know anyone round here."),
    ("money", "Once the bills are paid there's not much left for food."),
    ("support_from_pa", "My personal adviser checks in every week, which helps."),
    ("housing_quality", "There's mould in the bathroom and the landlord hasn't fixed it."),
    ("settled", "It feels like home now. I've put my pictures up."),
]


_OPTS: dict = {}


def _options(key, bank, max_band):
    if (key, max_band) not in _OPTS:
        _OPTS[(key, max_band)] = [f for f in bank if max_band is None or f[1] <= max_band]
    return _OPTS[(key, max_band)]


_SURVEY_BANK = [(t, 0, s) for t, s in _SURVEY]

_BANDS = np.array(["4-7", "8-11", "12-15", "16-17"], dtype=object)


def _compose(rng: np.random.Generator, bank, k: np.ndarray, band: np.ndarray) -> tuple[list, list]:
    """For each record, join ``k`` distinct fragments suitable for its age ``band`` (-1: any).

    Returns the texts and their ';'-joined theme codes. The random choices are drawn with numpy
    for all records of a band at once; only the joining is done record by record.
    """
    texts, themes = [None] * len(k), [None] * len(k)
    for b in np.unique(band):
        opts = _options(id(bank), bank, None if b < 0 else int(b))
        rows = np.flatnonzero(band == b)
        picks = np.argsort(rng.random((len(rows), len(opts))), axis=1)[:, :3].tolist()
        for r, kk, pick in zip(rows.tolist(), k[rows].tolist(), picks):
            frags = [opts[i] for i in pick[:kk]]
            texts[r] = " ".join(f[-1] for f in frags)
            themes[r] = ";".join(sorted({f[0] for f in frags}))
    return texts, themes


def _bands(age: np.ndarray) -> np.ndarray:
    """Age band index (0 = 4-7, 1 = 8-11, 2 = 12-15, 3 = 16-17) for each age in years."""
    return np.searchsorted([8, 12, 16], age, side="right")


def _join(parts: list[np.ndarray], sep: str = " ") -> np.ndarray:
    """Join object arrays of strings row by row, skipping empty strings (whole columns at once;
    only the rows that gain a string are touched)."""
    out = np.full(len(parts[0]), "", dtype=object)
    filled = np.zeros(len(out), bool)
    for p in parts:
        has = p != ""
        both = has & filled
        out[both] = out[both] + sep + p[both]
        first = has & ~filled
        out[first] = p[first]
        filled |= has
    return out


def _truth(present: np.ndarray, names: list[str]) -> np.ndarray:
    """';'-joined theme names (alphabetical) of the True columns of ``present``: each distinct
    combination is joined once, then looked up."""
    order = np.argsort(names)
    bits = present[:, order].astype(np.int64) @ (np.int64(1) << np.arange(len(order)))
    combos, inverse = np.unique(bits, return_inverse=True)
    sorted_names = [names[i] for i in order]
    text = [";".join(name for j, name in enumerate(sorted_names) if (c >> j) & 1) for c in combos]
    return np.array(text, dtype=object)[inverse.reshape(-1)]


@lru_cache(maxsize=None)
def _pool(bank: str, key) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
    """Themes, and every sentence each makes (flat, with offsets and counts), for one group.

    ``key`` is (band, in care) for children's words; the other banks have one group.
    """
    by_theme: dict[str, list[str]] = {}
    if bank == "child":
        band, care = key
        for theme, lo, hi, care_only, template, slots in VB.CHILD:
            if lo <= band <= hi and (care or not care_only):
                by_theme.setdefault(theme, []).extend(VB.expand(template, slots))
    else:
        for theme, template, slots in VB.FAMILY if bank == "family" else VB.NOTES:
            by_theme.setdefault(theme, []).extend(VB.expand(template, slots))
    themes = sorted(by_theme)
    cnt = np.array([len(by_theme[t]) for t in themes])
    flat = np.array([x for t in themes for x in by_theme[t]], dtype=object)
    return themes, flat, np.r_[0, np.cumsum(cnt)[:-1]], cnt


def _phrases(
    rng: np.random.Generator, bank: str, key, k: np.ndarray
) -> tuple[list[np.ndarray], list[str], np.ndarray]:
    """For each record, ``k`` sentences on ``k`` different themes, each chosen evenly among the
    theme's sentences. Returns the sentence columns, the group's themes and which each has."""
    themes, flat, off, cnt = _pool(bank, key)
    n, kmax = len(k), min(int(k.max(initial=1)), len(themes))
    pick = np.argsort(rng.random((n, len(themes))), axis=1)[:, :kmax]
    used = np.arange(kmax)[None, :] < k[:, None]
    sentence = flat[off[pick] + (rng.random((n, kmax)) * cnt[pick]).astype(np.int64)]
    present = np.zeros((n, len(themes)), bool)
    np.put_along_axis(present, pick, used, axis=1)
    cols = [np.where(used[:, j], sentence[:, j], "").astype(object) for j in range(kmax)]
    return cols, themes, present


def _per_sex(parts: list[str], male: np.ndarray, idx: np.ndarray) -> np.ndarray:
    """The framing ``parts[idx]`` with each child's pronouns."""
    table = np.array([[VB.pronouns(p, m) for p in parts] for m in (False, True)], dtype=object)
    return table[male.astype(np.int64), idx]


def _wishes(rng, band, care, comm, male) -> tuple[np.ndarray, np.ndarray]:
    """Children's wishes and feelings: the worker's opening sentence, then one to three things
    the child said, quoted, each on a different theme suited to the child's age and situation."""
    n = len(band)
    text, truth = np.empty(n, dtype=object), np.empty(n, dtype=object)
    how_key = np.where(comm == 1, "signs", np.where(comm == 2, "interpreter", band.astype(str)))
    how_parts = {str(b): VB.HOW[b] for b in range(4)} | {
        c: VB.HOW[c] for c in ("signs", "interpreter")
    }
    u = rng.random((n, 5))
    for b in range(4):
        for c in (False, True):
            rows = np.flatnonzero((band == b) & (care == c))
            if not len(rows):
                continue
            m = male[rows]
            where = VB.WHERE["care" if c else "home"]
            how = np.empty(len(rows), dtype=object)
            for hk, parts in how_parts.items():
                sel = how_key[rows] == hk
                how[sel] = _per_sex(parts, m[sel], (u[rows[sel], 2] * len(parts)).astype(int))
            opener = (
                _per_sex(VB.OPENERS, m, (u[rows, 0] * len(VB.OPENERS)).astype(int))
                + " "
                + _per_sex(where, m, (u[rows, 1] * len(where)).astype(int))
                + "; "
                + how
                + ", and seemed "
                + np.array(VB.MOODS, dtype=object)[(u[rows, 3] * len(VB.MOODS)).astype(int)]
                + "."
            )
            cols, themes, present = _phrases(rng, "child", (b, c), rng.integers(1, 4, len(rows)))
            quoted = []
            for col in cols:
                lead = _per_sex(VB.LEADS, m, rng.integers(0, len(VB.LEADS), len(rows)))
                quoted.append(np.where(col != "", lead + ' "' + col + '"', "").astype(object))
            text[rows] = _join([opener, *quoted])
            truth[rows] = _truth(present, themes)
    return text, truth


def _family(rng, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Family feedback: who gave it, how and when, then one or two things they said."""
    parts = [
        np.array(VB.FAMILY_OPENERS[p], dtype=object)[rng.integers(0, len(VB.FAMILY_OPENERS[p]), n)]
        for p in ("who", "how", "when")
    ]
    opener = "Feedback " + parts[0].astype(object) + " " + parts[1] + ", " + parts[2] + "."
    cols, themes, present = _phrases(rng, "family", None, rng.integers(1, 3, n))
    return _join([opener, *cols]), _truth(present, themes)


def _case_notes(rng, needs_present: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Case notes: a sentence for each need the worker mentions, then what was done."""
    n = len(needs_present)
    themes, flat, off, cnt = _pool("notes", None)
    cols = []
    for j, need in enumerate(NEEDS):
        t = themes.index(need)
        s = flat[off[t] + (rng.random(n) * cnt[t]).astype(np.int64)]
        cols.append(np.where(needs_present[:, j], s, "").astype(object))
    process = [(t, s) for t, template, slots in VB.PROCESS for s in VB.expand(template, slots)]
    p = rng.integers(0, len(process), n)
    cols.append(np.array([s for _, s in process], dtype=object)[p])
    names = list(NEEDS) + ["school_liaison", "visit"]
    p_theme = np.array([t for t, _ in process], dtype=object)[p]
    present = np.c_[needs_present, p_theme == "school_liaison", p_theme == "visit"]
    return _join(cols), _truth(present, names)


def _in_care(rec: Recording) -> np.ndarray:
    """Children with a care episode in the window (population rows)."""
    in_care = np.zeros(len(rec.pop.dob), bool)
    in_care[rec.periods.child[rec.window_episodes["period"].to_numpy()]] = True
    return in_care


def voice_records(rec: Recording) -> pd.DataFrame:
    """Wishes and feelings at assessment (children aged 4+), family feedback and case notes."""
    cfg, rng, pop, cases, ref, lo = rec.cfg, rec.rng, rec.pop, rec.cases, rec.ref, rec.lo
    ids = pop.child_id
    in_care = _in_care(rec)
    win = np.flatnonzero(cases.has_assessment & (cases.a_start >= lo) & (cases.a_start <= ref))
    n = len(win)
    kids = cases.child[win]
    age = (cases.a_start[win] - pop.dob[kids]) / 365.25
    day = cases.a_start[win]
    band = _bands(np.maximum(age, 4))
    u = rng.random((n, 3))
    parts = []  # (assessment row, order within it, date, type, role, band, text, themes)
    w = np.flatnonzero((age >= 4) & (u[:, 0] < 0.45))
    # How the child communicates: signs or symbols for some children with a disability or a
    # speech and language need, an interpreter for some who speak another language at home.
    act = cases.act[win[w]]
    signs = (act[:, NEEDS.index("disability")] | act[:, NEEDS.index("speech_language")]) & (
        rng.random(len(w)) < 0.5
    )
    interp = pop.eal[kids[w]] & (rng.random(len(w)) < 0.3)
    comm = np.where(signs, 1, np.where(interp, 2, 0))
    text, themes = _wishes(rng, band[w], in_care[kids[w]], comm, pop.male[kids[w]])
    parts.append(
        (
            w,
            0,
            day[w] + rng.integers(1, 15, len(w)),
            "wishes_and_feelings",
            "child",
            band[w],
            text,
            themes,
        )
    )
    f = np.flatnonzero(u[:, 1] < 0.15)
    text, themes = _family(rng, len(f))
    parts.append(
        (
            f,
            1,
            day[f] + rng.integers(10, 60, len(f)),
            "family_feedback",
            "parent_or_carer",
            band[f],
            text,
            themes,
        )
    )
    # Case notes mention most, not all, of the needs present, then something about the process.
    c = np.flatnonzero(u[:, 2] < 0.35)
    mention = cases.act[win[c]] & (rng.random((len(c), len(NEEDS))) < 0.75)
    text, themes = _case_notes(rng, mention)
    parts.append(
        (
            c,
            2,
            day[c] + rng.integers(1, 30, len(c)),
            "case_note",
            "practitioner",
            band[c],
            text,
            themes,
        )
    )

    row = np.concatenate([p[0] for p in parts])
    order = np.lexsort((np.concatenate([np.full(len(p[0]), p[1]) for p in parts]), row))
    # Records written after the reference date are not in the snapshot.
    order = order[np.concatenate([p[2] for p in parts])[order] <= ref]
    cat = lambda i: np.concatenate(
        [np.asarray(p[i], dtype=object) if len(p[0]) else np.array([], object) for p in parts]
    )
    vr = pd.DataFrame(
        {
            "text_id": make_ids(f"T{cfg.number:03d}", np.arange(len(order)), 7),
            "child_id": ids[kids[row[order]]],
            "record_date": D.iso(np.concatenate([p[2] for p in parts])[order]),
            "record_type": np.concatenate([np.full(len(p[0]), p[3], dtype=object) for p in parts])[
                order
            ],
            "author_role": np.concatenate([np.full(len(p[0]), p[4], dtype=object) for p in parts])[
                order
            ],
            "age_band": _BANDS[np.concatenate([p[5] for p in parts])[order]],
            "text": cat(6)[order],
            "truth_themes": cat(7)[order],
        }
    )
    return vr


def survey_information_use(rec: Recording) -> pd.DataFrame:
    """Survey of children's views on how their information is used (anonymous).

    Every child aged 8-17 known in the two years is asked; each answers or not at the response
    rate an anonymous survey gets (params: survey.response_rate_*), so the count varies with the
    seed. Children in care answer as children in care, the rest as children in need.
    """
    cfg, params, rng, pop, cases, lo = rec.cfg, rec.params, rec.rng, rec.pop, rec.cases, rec.lo
    in_care = _in_care(rec)
    age_ok = (pop.age >= 8) & (pop.age <= 17)
    in_need = np.zeros(len(pop.dob), bool)
    in_need[cases.child[(cases.date >= lo) & cases.in_need]] = True
    asked = np.flatnonzero((in_care | in_need) & age_ok)
    rate = np.where(
        in_care[asked],
        params.scalar("survey.response_rate_in_care"),
        params.scalar("survey.response_rate_in_need"),
    )
    resp = asked[rng.random(len(asked)) < rate]
    ans = ["Agree", "Not sure", "Disagree"]
    k = len(resp)
    grp = np.where(in_care[resp], "child_in_care", "child_in_need").astype(object)
    answers = [
        choice(rng, ans, p, k)
        for p in ([0.35, 0.35, 0.3], [0.25, 0.3, 0.45], [0.4, 0.35, 0.25], [0.2, 0.3, 0.5])
    ]
    text, themes = _compose(rng, _SURVEY_BANK, rng.integers(1, 3, k), np.full(k, -1))
    return pd.DataFrame(
        {
            "response_id": make_ids(f"Q{cfg.number:03d}", np.arange(k), 6),
            "age_band": _BANDS[_bands(pop.age[resp])],
            "respondent_group": grp,
            "knows_what_is_recorded": answers[0],
            "asked_before_sharing": answers[1],
            "records_are_accurate": answers[2],
            "could_read_my_file": answers[3],
            "free_text": np.asarray(text, dtype=object),
            "truth_themes": np.asarray(themes, dtype=object),
        }
    )


def care_leaver_survey(rec: Recording) -> pd.DataFrame:
    """The contradiction: the return says over 90% of care leavers live somewhere suitable;
    about 40% of those who answer the survey say they do not feel safe where they live."""
    cfg, params, rng = rec.cfg, rec.params, rec.rng
    cl = rec.tables.get("care_leavers")
    cols = [
        "response_id",
        "age_band",
        "feel_safe_where_i_live",
        "home_feels_settled",
        "free_text",
        "truth_themes",
        "truth_child_id",
    ]
    if cl is None or len(cl) == 0:
        return pd.DataFrame(columns=cols)
    cl = cl[cl["in_touch"] == "YES"]
    n = len(cl)
    answered = rng.random(n) < 0.7
    cl = cl[answered]
    n = len(cl)
    unsafe = top_share(
        rng.normal(0, 1, n) + 0.8 * (cl["accommodation_suitable"] == "N").to_numpy(),
        params.scalar("care_leavers.survey_not_safe"),
    )
    rows = []
    for j, (cid, age, u) in enumerate(zip(cl["child_id"], cl["age_at_birthday"], unsafe)):
        if u:
            bank = [
                f
                for f in _LEAVER
                if f[0] in ("neighbours", "loneliness", "money", "housing_quality")
            ]
            frags = [_LEAVER[0]] + [bank[i] for i in rng.choice(len(bank), 1)]
        else:
            bank = [
                f for f in _LEAVER if f[0] in ("support_from_pa", "settled", "money", "loneliness")
            ]
            frags = [_LEAVER[1]] + [bank[i] for i in rng.choice(len(bank), 1)]
        settled = (
            "No" if u and rng.random() < 0.7 else ("Yes" if rng.random() < 0.75 else "Not sure")
        )
        safe = "No" if u else ("Yes" if rng.random() < 0.9 else "Not sure")
        rows.append(
            (
                f"L{cfg.number:03d}{j:05d}",
                "17-18" if age <= 18 else "19-21",
                safe,
                settled,
                " ".join(f[1] for f in frags),
                ";".join(sorted({f[0] for f in frags})),
                cid,
            )
        )
    return pd.DataFrame(rows, columns=cols)
