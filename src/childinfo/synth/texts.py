"""Voice and rich information: children's words, family feedback, case notes and two surveys.

Every text is put together from short fragments, and each fragment carries its theme codes, so
every record has exact ground-truth themes (``truth_themes``) for scoring theme coding. Children's
words are age-appropriate, varied and never graphic.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from childinfo.synth import dates as D
from childinfo.synth.codes import NEEDS
from childinfo.synth.population import choice, make_ids, top_share

# (theme, youngest age band index 0..3, text). Bands: 0 = 4-7, 1 = 8-11, 2 = 12-15, 3 = 16-17.
_CHILD = [
    ("family_time", 0, "I want to see my mummy more."),
    ("family_time", 0, "I like it when Nan comes on Saturday."),
    (
        "family_time",
        1,
        "I miss my little brother and I want to see him every week, not just sometimes.",
    ),
    (
        "family_time",
        2,
        "Seeing my dad in the family centre feels weird because people are watching.",
    ),
    ("family_time", 2, "I'd like to choose when I see my mum, not have it all planned for me."),
    ("feeling_safe", 0, "I feel safe when the door is locked and my teddy is with me."),
    ("feeling_safe", 1, "I feel safe at my foster carer's house because it is quiet at night."),
    ("feeling_safe", 2, "Home is calmer now and I can actually sleep."),
    ("feeling_safe", 3, "I don't always feel safe walking back from college in the dark."),
    ("school", 0, "My teacher lets me help with the class fish."),
    ("school", 1, "I like maths but I get told off for talking."),
    ("school", 2, "School is hard when I've been up late looking after things at home."),
    ("school", 2, "I want to stay at the same school even if I move house."),
    ("school", 3, "College is alright, I want to finish my course."),
    ("friends", 0, "My best friend is called Pip and we play dinosaurs."),
    ("friends", 1, "I don't want my friends to know a social worker comes to see me."),
    ("friends", 2, "My mates are the only ones I can really talk to."),
    ("being_heard", 1, "Nobody asked me what I wanted before the meeting."),
    (
        "being_heard",
        2,
        "I said what I thought at my review and they wrote it down properly this time.",
    ),
    ("being_heard", 2, "Adults talk about me in meetings like I'm not there."),
    ("being_heard", 3, "I want to read what they write about me before it goes in my file."),
    ("home_changes", 0, "I moved to a new house and my room has stars on the ceiling."),
    ("home_changes", 1, "I've moved three times and I keep losing my stuff."),
    ("home_changes", 2, "Every time I move I have to tell my story again."),
    ("worry_about_parent", 0, "Mummy is sad a lot and stays in bed."),
    ("worry_about_parent", 1, "I worry about Mum when I'm at school."),
    ("worry_about_parent", 2, "I check Dad is okay before I go out, it's just what I do."),
    ("hobbies", 0, "I like drawing and going to the park."),
    ("hobbies", 1, "I go to football on Tuesdays and I'm a defender."),
    ("hobbies", 2, "Music helps, I make beats on my phone."),
    ("hobbies", 3, "I'm saving up for driving lessons."),
    ("privacy", 1, "I don't like it when people know things about me that I didn't tell them."),
    ("privacy", 2, "I didn't know school would be told. That should be my choice."),
    ("privacy", 3, "It's my information, so I should know who sees it."),
    ("future", 1, "When I'm big I want to be a vet."),
    ("future", 2, "I want to stay where I am until I finish school."),
    ("future", 3, "I'm nervous about leaving care and living on my own."),
    ("worker_relationship", 0, "Sam is kind and brings stickers."),
    (
        "worker_relationship",
        1,
        "I've had lots of social workers and I don't know the new one yet.",
    ),
    ("worker_relationship", 2, "My worker actually listens, she remembered my birthday."),
    ("worker_relationship", 3, "My PA answers my messages, which helps."),
]
_FAMILY = [
    ("communication", "Nobody rang me back for two weeks and I didn't know what was happening."),
    ("communication", "The letters are full of words I don't understand."),
    (
        "communication",
        "Our worker explained everything clearly and told us what would happen next.",
    ),
    ("waiting", "We waited months for help with our son's needs."),
    ("waiting", "By the time the assessment came, things had got worse."),
    ("respect", "They treated me like a person, not a case."),
    ("respect", "I felt judged from the moment they walked in."),
    ("practical_help", "The help with the gas bill and the beds made a real difference."),
    ("practical_help", "We needed practical help, not another form to fill in."),
    (
        "worker_change",
        "We've had four different workers this year and had to start again each time.",
    ),
    ("being_heard", "They wrote down what I said but not why I said it."),
    ("being_heard", "I finally felt listened to at the family group conference."),
    ("accuracy", "There were mistakes in the report about my children's ages and names."),
    ("accuracy", "The report said I didn't turn up, but I had rung to rearrange."),
]
_NOTE = {
    "domestic_abuse": "Mother disclosed ongoing arguments with her partner that frighten the children; safety plan discussed.",
    "parental_mental_health": "Father described low mood and has been referred back to his GP; children aware he is unwell.",
    "parental_substance_use": "Concerns shared by school about parent's alcohol use at pick-up; parent engaging with the recovery service.",
    "neglect": "Home conditions poor at visit: little food in the cupboards and the children's clothes not clean.",
    "poverty_housing": "Family in temporary accommodation; rent arrears and no working cooker. Referred for a hardship grant.",
    "disability": "Child's care needs are high at night; parents exhausted and asking about short breaks.",
    "young_carer": "Child does much of the cooking and helps with medication; referred to the young carers service.",
    "exploitation": "Child missing overnight twice this month; older peers thought to be involved. Strategy discussion requested.",
    "child_mental_health": "Young person reports feeling anxious most days; CAMHS referral made with their agreement.",
    "speech_language": "Nursery report limited speech for age; speech and language therapy referral sent.",
}
_NOTE_PROCESS = [
    (
        "visit",
        "Home visit completed; child seen alone in their bedroom and showed me their drawings.",
    ),
    (
        "school_liaison",
        "Spoke with the designated safeguarding lead about attendance and how the child is settling.",
    ),
    ("visit", "Visit rearranged at the family's request; new date agreed."),
]
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


_CHILD_BANK = [(t, b, s) for t, b, s in _CHILD]
_FAMILY_BANK = [(t, 0, s) for t, s in _FAMILY]
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


def make_tables(ctx: dict) -> dict[str, pd.DataFrame]:
    cfg, params, rng, pop, needs, cases = (
        ctx[k] for k in ("cfg", "params", "rng", "pop", "needs", "cases")
    )
    ref, lo = ctx["ref"], ctx["lo"]
    ids = pop["child_id"]
    out = {}
    # Wishes and feelings at assessment (children aged 4+), family feedback and a case note.
    win = np.flatnonzero(
        cases["has_assessment"] & (cases["a_start"] >= lo) & (cases["a_start"] <= ref)
    )
    n = len(win)
    kids = cases["child"][win]
    age = (cases["a_start"][win] - pop["dob"][kids]) / 365.25
    day = cases["a_start"][win]
    band = _bands(np.maximum(age, 4))
    u = rng.random((n, 3))
    parts = []  # (assessment row, order within it, date, type, role, band, text, themes)
    w = np.flatnonzero((age >= 4) & (u[:, 0] < 0.45))
    text, themes = _compose(rng, _CHILD_BANK, rng.integers(1, 4, len(w)), band[w])
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
    text, themes = _compose(rng, _FAMILY_BANK, rng.integers(1, 3, len(f)), np.full(len(f), -1))
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
    mention = cases["act"][win[c]] & (rng.random((len(c), len(NEEDS))) < 0.75)
    process = rng.integers(0, len(_NOTE_PROCESS), len(c))
    text, themes = [], []
    for row, p in zip(mention.tolist(), process.tolist()):
        said = [need for need, m in zip(NEEDS, row) if m]
        t, sentence = _NOTE_PROCESS[p]
        text.append(" ".join([_NOTE[need] for need in said] + [sentence]))
        themes.append(";".join(sorted(set(said) | {t})))
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
    out["voice_records"] = vr

    # Survey of children's views on how their information is used (anonymous). Children aged 8-17
    # in care during the two years answer as children in care; the survey boosts them to about 3
    # in 10 responses (as surveys of children in care do), the rest are other children in need.
    age_ok = (pop["age"] >= 8) & (pop["age"] <= 17)
    in_care = np.zeros(len(pop["dob"]), bool)
    in_care[ctx["periods"]["child"][ctx["episodes"]["period"].to_numpy()]] = True
    in_need = np.zeros(len(pop["dob"]), bool)
    in_need[cases["child"][(cases["date"] >= lo) & cases["in_need"]]] = True
    care_pool = np.flatnonzero(in_care & age_ok)
    need_pool = np.flatnonzero(in_need & ~in_care & age_ok)
    k = min(len(care_pool) + len(need_pool), max(20, cfg.n_children // 60))
    k_care = min(len(care_pool), round(0.3 * k))
    k_need = min(len(need_pool), k - k_care)
    resp = np.concatenate(
        [
            rng.choice(care_pool, size=k_care, replace=False),
            rng.choice(need_pool, size=k_need, replace=False),
        ]
    )
    ans = ["Agree", "Not sure", "Disagree"]
    resp = np.sort(resp)
    k = len(resp)
    grp = np.where(in_care[resp], "child_in_care", "child_in_need").astype(object)
    answers = [
        choice(rng, ans, p, k)
        for p in ([0.35, 0.35, 0.3], [0.25, 0.3, 0.45], [0.4, 0.35, 0.25], [0.2, 0.3, 0.5])
    ]
    text, themes = _compose(rng, _SURVEY_BANK, rng.integers(1, 3, k), np.full(k, -1))
    out["survey_information_use"] = pd.DataFrame(
        {
            "response_id": make_ids(f"Q{cfg.number:03d}", np.arange(k), 6),
            "age_band": _BANDS[_bands(pop["age"][resp])],
            "respondent_group": grp,
            "knows_what_is_recorded": answers[0],
            "asked_before_sharing": answers[1],
            "records_are_accurate": answers[2],
            "could_read_my_file": answers[3],
            "free_text": np.asarray(text, dtype=object),
            "truth_themes": np.asarray(themes, dtype=object),
        }
    )

    # Care leaver survey: the contradiction. The return says over 90% live somewhere suitable;
    # about 40% of those who answer say they do not feel safe where they live.
    cl = ctx.get("care_leavers_table")
    out["care_leaver_survey"] = _leaver_survey(cfg, params, rng, cl)
    return out


def _leaver_survey(cfg, params, rng, cl: pd.DataFrame | None) -> pd.DataFrame:
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
