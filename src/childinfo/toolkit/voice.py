"""Coding children's and families' words into themes, and checking the coding.

The course's codebook (``voice_codebook.csv`` beside this file, read by :func:`load_codebook`)
lists each theme with a label, the kinds of record it applies to, a description and example
keywords. Its theme names are those of the synthetic generator's ground-truth labels.

Two coders are here, and both show their working:

* :func:`keyword_code`: a transparent keyword coder. Every theme it assigns comes with the
  words that triggered it (``evidence``), so a practitioner can see why, and disagree.
* :func:`train_theme_classifier`: a small trained classifier (scikit-learn: TF-IDF word
  features and one logistic regression per theme). It learns from coded examples, and its
  mistakes are less easy to explain.

:func:`agreement` scores a coding against reference themes (precision, recall and Cohen's
kappa per theme); :func:`coder_agreement` compares two coders, for example the keyword
coder with a practitioner who coded a sample by hand.

A warning the labs repeat: the synthetic texts are built from a limited bank of sentences, so a
trained classifier scores far higher on them than it would on real case records.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import cohen_kappa_score
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import MultiLabelBinarizer

from childinfo._validation import (
    as_series,
    require_columns,
    require_frame,
    require_number,
    shown,
)
from childinfo.errors import ChildinfoError

__all__ = [
    "CODEBOOK_PATH",
    "ThemeClassifier",
    "agreement",
    "coder_agreement",
    "kappa_strength",
    "keyword_code",
    "load_codebook",
    "split_themes",
    "themes_matrix",
    "train_theme_classifier",
]

CODEBOOK_PATH = Path(__file__).with_name("voice_codebook.csv")
_CODEBOOK_COLUMNS = ["theme", "label", "applies_to", "description", "keywords"]


def load_codebook(
    path: str | Path | None = None, *, applies_to: str | None = None
) -> pd.DataFrame:
    """Read the theme codebook; ``applies_to`` keeps the themes for one kind of record.

    Kinds are ``child``, ``family``, ``survey``, ``care_leaver`` and ``case_note``. The
    ``keywords`` column stays as text separated by semicolons; a keyword ending in ``*``
    matches any ending (``listen*`` matches "listens" and "listened").

    Example:
        >>> book = load_codebook(applies_to="family")
        >>> book["theme"].tolist()[:3]
        ['being_heard', 'communication', 'waiting']
    """
    if path is not None and not isinstance(path, (str, Path)):
        raise ChildinfoError(f"path must be a file path as text, got {shown(path)}.")
    if applies_to is not None and not isinstance(applies_to, str):
        raise ChildinfoError(f"applies_to must be text such as 'child', got {shown(applies_to)}.")
    p = Path(path) if path is not None else CODEBOOK_PATH
    if not p.is_file():
        raise ChildinfoError(
            f"no codebook file at {p}; pass the path of a CSV with columns {', '.join(_CODEBOOK_COLUMNS)}."
        )
    book = pd.read_csv(p, dtype=str, keep_default_na=False)
    require_columns(book, ["theme", "keywords"], f"the codebook {p.name}")
    if book["theme"].duplicated().any():
        dup = book.loc[book["theme"].duplicated(), "theme"].iloc[0]
        raise ChildinfoError(f"the codebook lists theme {dup!r} twice; give each theme one row.")
    if applies_to is not None:
        if "applies_to" not in book.columns:
            raise ChildinfoError("the codebook has no 'applies_to' column to filter on.")
        kinds = book["applies_to"].str.split(";")
        book = book[kinds.map(lambda k: applies_to in k)]
        if book.empty:
            raise ChildinfoError(
                f"no theme applies to {applies_to!r}; use child, family, survey, care_leaver or case_note."
            )
    return book.reset_index(drop=True)


def split_themes(values: Iterable) -> list[list[str]]:
    """Turn semicolon-joined theme strings into lists; blanks give an empty list.

    Example:
        >>> split_themes(["school;friends", "", None])
        [['school', 'friends'], [], []]
    """
    out = []
    for v in as_series(values, "themes"):
        if isinstance(v, (list, tuple, set)):
            out.append([str(t).strip() for t in v if str(t).strip()])
        elif isinstance(v, str):
            out.append([t.strip() for t in v.split(";") if t.strip()])
        else:
            out.append([])
    return out


def _texts(values, name: str) -> list:
    """A list of coded texts, or a one-line error for something that is not a list of them."""
    if values is None or isinstance(values, (str, bytes, int, float, pd.DataFrame)):
        raise ChildinfoError(f"{name} must be a list or Series of texts (one per record).")
    try:
        return list(values)
    except TypeError:
        raise ChildinfoError(
            f"{name} must be a list or Series of texts (one per record)."
        ) from None


def _theme_list(themes) -> list[str]:
    """Themes as a list of distinct, non-empty names, or a one-line error."""
    if isinstance(themes, str) or themes is None:
        raise ChildinfoError("themes must be a list of theme names, e.g. ['school', 'friends'].")
    themes = _texts(themes, "themes")
    if not themes:
        raise ChildinfoError("themes is empty; give at least one theme name.")
    if not all(isinstance(t, str) and t.strip() for t in themes):
        raise ChildinfoError("every theme must be a non-empty name (text).")
    repeated = sorted({t for t in themes if themes.count(t) > 1})
    if repeated:
        raise ChildinfoError(
            f"themes lists {', '.join(map(repr, repeated))} twice; give each once."
        )
    return themes


def themes_matrix(values: Iterable, themes: Sequence[str]) -> pd.DataFrame:
    """One 0/1 column per theme, one row per text (themes outside ``themes`` are ignored).

    Example:
        >>> themes_matrix(["school;friends", "school", ""], ["friends", "school"])
           friends  school
        0        1       1
        1        0       1
        2        0       0
    """
    themes = _theme_list(themes)
    values = _texts(values, "values")
    mlb = MultiLabelBinarizer(classes=themes)
    lists = [[t for t in row if t in set(themes)] for row in split_themes(values)]
    return pd.DataFrame(mlb.fit_transform(lists), columns=themes)


def _pattern(keyword: str) -> str:
    kw = keyword.strip()
    stem = kw.endswith("*")
    body = re.escape(kw.rstrip("*")).replace(r"\ ", r"\s+")
    # Apostrophes differ between keyboards ("I'm" vs "I’m"): accept either.
    body = body.replace("'", "['’]")
    return rf"(?<![\w']){body}" + (r"\w*" if stem else r"(?![\w])")


def keyword_code(
    texts: Iterable[str] | pd.Series, codebook: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Code texts into themes by keyword, showing the evidence for each theme.

    Matching ignores case and respects word boundaries ("mum" does not match "chrysanthemum").
    Returns ``themes`` (semicolon-joined, in codebook order) and ``evidence`` (``theme: word``
    pairs), one row per text, on the texts' index.

    Example:
        >>> keyword_code(["I miss my mum and I want to stay at my school."])  # doctest: +NORMALIZE_WHITESPACE
                       themes                                   evidence
        0  family_time;school  family_time: mum, miss my; school: school
    """
    book = load_codebook() if codebook is None else codebook
    require_frame(book, "the codebook")
    require_columns(book, ["theme", "keywords"], "the codebook")
    series = as_series(texts, "texts")
    if len(series) == 0:
        raise ChildinfoError("there are no texts to code.")
    texts = [t if isinstance(t, str) else "" for t in series.astype("string").fillna("").tolist()]
    compiled = []
    for theme, words in zip(book["theme"], book["keywords"]):
        kws = [w.strip() for w in str(words).split(";") if w.strip()]
        compiled.append(
            (
                theme,
                [
                    (
                        w.rstrip("*"),
                        " ".join(w.rstrip("*").lower().replace("’", "'").split()),
                        re.compile(_pattern(w), re.IGNORECASE),
                    )
                    for w in kws
                ],
            )
        )
    themes_out, evidence_out = [], []
    for t in texts:
        # A plain substring test first (fast), the word-boundary regex only when it could match.
        flat = " ".join(t.replace("’", "'").lower().split())
        found, ev = [], []
        for theme, kws in compiled:
            hits = [word for word, literal, rx in kws if literal in flat and rx.search(t)]
            if hits:
                found.append(theme)
                ev.append(f"{theme}: {', '.join(hits)}")
        themes_out.append(";".join(found))
        evidence_out.append("; ".join(ev))
    return pd.DataFrame({"themes": themes_out, "evidence": evidence_out}, index=series.index)


@dataclass
class ThemeClassifier:
    """A trained multi-theme text classifier.

    Attributes:
        pipeline: TF-IDF features and one logistic regression per theme.
        themes: the themes it can assign, in column order.
        threshold: the probability at which a theme is assigned.

    Example:
        >>> clf = train_theme_classifier(["I love football", "school is hard"] * 5, ["hobbies", "school"] * 5)
        >>> isinstance(clf, ThemeClassifier), clf.threshold
        (True, 0.5)
    """

    pipeline: Pipeline
    themes: list[str]
    threshold: float = 0.5

    def predict(self, texts: Iterable[str]) -> pd.Series:
        """Semicolon-joined themes for each text.

        Example:
            >>> clf = train_theme_classifier(
            ...     ["I love football", "school is hard", "I play football at the park", "my teacher at school"] * 4,
            ...     ["hobbies", "school", "hobbies", "school"] * 4)
            >>> clf.predict(["football on Sunday", "school trip"]).tolist()
            ['hobbies', 'school']
        """
        s = pd.Series(list(texts)).astype("string").fillna("")
        if len(s) == 0:
            return pd.Series([], dtype="string")
        proba = self.predict_proba(s).to_numpy()
        hits = proba >= self.threshold
        return pd.Series(
            [";".join(t for t, h in zip(self.themes, row) if h) for row in hits], index=s.index
        )

    def predict_proba(self, texts: Iterable[str]) -> pd.DataFrame:
        """The probability of each theme for each text.

        Example:
            >>> clf = train_theme_classifier(["I love football", "school is hard"] * 5, ["hobbies", "school"] * 5)
            >>> p = clf.predict_proba(["football"])
            >>> list(p.columns), bool(p.loc[0, "hobbies"] > p.loc[0, "school"])
            (['hobbies', 'school'], True)
        """
        s = pd.Series(list(texts)).astype("string").fillna("")
        return pd.DataFrame(self.pipeline.predict_proba(s.tolist()), columns=self.themes)


def train_theme_classifier(
    texts: Iterable[str],
    themes: Iterable,
    *,
    theme_list: Sequence[str] | None = None,
    threshold: float = 0.5,
) -> ThemeClassifier:
    """Train a small multi-theme classifier on coded examples.

    ``themes`` holds each text's themes (semicolon-joined strings or lists). Every theme to be
    learnt needs examples with and without it; themes seen fewer than 3 times are dropped
    with no warning in the output but are absent from ``.themes``, so check it.

    Example:
        >>> clf = train_theme_classifier(["I love football", "school is hard"] * 5, ["hobbies", "school"] * 5)
        >>> clf.themes
        ['hobbies', 'school']
    """
    text = as_series(texts, "texts").astype("string").fillna("")
    labels = split_themes(themes)
    if len(text) != len(labels):
        raise ChildinfoError(
            f"texts and themes must be the same length, got {len(text)} and {len(labels)}."
        )
    if len(text) < 10:
        raise ChildinfoError(
            "train on at least 10 coded texts; fewer cannot teach a classifier anything."
        )
    counts = pd.Series([t for row in labels for t in row]).value_counts()
    candidates = list(theme_list) if theme_list is not None else sorted(counts.index)
    usable = [t for t in candidates if 3 <= counts.get(t, 0) < len(text)]
    if not usable:
        raise ChildinfoError(
            "no theme has enough examples (at least 3 texts with it and some without)."
        )
    y = themes_matrix([";".join(r) for r in labels], usable).to_numpy()
    pipeline = Pipeline(
        [
            (
                "tfidf",
                TfidfVectorizer(
                    ngram_range=(1, 2), min_df=1, sublinear_tf=True, strip_accents="unicode"
                ),
            ),
            ("model", OneVsRestClassifier(LogisticRegression(max_iter=1000, C=10.0))),
        ]
    )
    pipeline.fit(text.tolist(), y)
    return ThemeClassifier(pipeline=pipeline, themes=usable, threshold=threshold)


def kappa_strength(kappa: float) -> str:
    """How far two coders agree beyond chance, in the words the course uses for a kappa.

    The bands (0.6, 0.4, 0.05) are the course's plain-English reading, not a standard: published
    scales such as Landis and Koch's draw the lines differently, so quote the kappa with the words.

    Example:
        >>> kappa_strength(0.64), kappa_strength(0.45)
        ('well beyond chance', 'moderately beyond chance')
        >>> kappa_strength(0.2), kappa_strength(0.0)
        ('little beyond chance', 'no more than chance would')
    """
    kappa = require_number(kappa, "kappa", low=-1, high=1)
    if kappa >= 0.6:
        return "well beyond chance"
    if kappa >= 0.4:
        return "moderately beyond chance"
    return "little beyond chance" if kappa > 0.05 else "no more than chance would"


def _kappa(a: np.ndarray, b: np.ndarray) -> float:
    if len(np.unique(np.concatenate([a, b]))) < 2:
        return float("nan")  # both coders gave every text the same answer: kappa is undefined
    return float(cohen_kappa_score(a, b))


def agreement(
    coded: Iterable, reference: Iterable, themes: Sequence[str] | None = None
) -> pd.DataFrame:
    """Per-theme agreement of a coding with reference themes (e.g. the ground truth).

    Columns: ``reference`` (texts with the theme in the reference), ``coded``, ``both``,
    ``precision`` (of the texts coded with the theme, the share that have it), ``recall``
    (of the texts that have it, the share coded), and ``kappa`` (Cohen's kappa on the theme's
    yes/no, which discounts chance agreement). The last row, ``all themes``, pools every
    theme decision.

    Example:
        >>> coded = ["school", "school;friends", "friends", ""]
        >>> truth = ["school", "friends", "friends", "school"]
        >>> agreement(coded, truth, ["friends", "school"])  # doctest: +NORMALIZE_WHITESPACE
                    reference  coded  both  precision  recall  kappa
        theme
        friends             2      2     2       1.00    1.00    1.0
        school              2      2     1       0.50    0.50    0.0
        all themes          4      4     3       0.75    0.75    0.5
    """
    coded, reference = _texts(coded, "coded"), _texts(reference, "reference")
    if len(coded) != len(reference):
        raise ChildinfoError(
            f"coded and reference must be the same length, got {len(coded)} and {len(reference)}."
        )
    if not coded:
        raise ChildinfoError("there are no coded texts to compare.")
    if themes is None:
        themes = sorted({t for row in split_themes(reference) + split_themes(coded) for t in row})
        if not themes:
            raise ChildinfoError(
                "no text has a theme, so there is nothing to compare; pass themes."
            )
    themes = _theme_list(themes)
    a = themes_matrix(coded, themes).to_numpy()
    b = themes_matrix(reference, themes).to_numpy()
    rows = []
    for j, t in enumerate(list(themes) + ["all themes"]):
        x, y = (a[:, j], b[:, j]) if t != "all themes" else (a.ravel(), b.ravel())
        both = int((x & y).sum())
        rows.append(
            {
                "theme": t,
                "reference": int(y.sum()),
                "coded": int(x.sum()),
                "both": both,
                "precision": round(both / x.sum(), 2) if x.sum() else float("nan"),
                "recall": round(both / y.sum(), 2) if y.sum() else float("nan"),
                "kappa": round(_kappa(x, y), 2),
            }
        )
    return pd.DataFrame(rows).set_index("theme")


def coder_agreement(
    coder_a: Iterable, coder_b: Iterable, themes: Sequence[str] | None = None
) -> pd.DataFrame:
    """How far two coders agree, theme by theme: percent agreement and Cohen's kappa.

    Use it on a sample both coders coded, for example a practitioner and the keyword coder.
    Percent agreement flatters rare themes (two coders who never use a theme agree 100% of
    the time); kappa does not.

    Example:
        >>> a = ["school", "school;friends", "friends", ""]
        >>> b = ["school", "friends", "friends", "school"]
        >>> coder_agreement(a, b, ["friends", "school"])  # doctest: +NORMALIZE_WHITESPACE
                    n  percent_agreement  kappa
        theme
        friends     4              100.0    1.0
        school      4               50.0    0.0
        all themes  8               75.0    0.5
    """
    # Lists first: a generator read once by agreement() would be empty here (n = 0).
    a, b = _texts(coder_a, "coder_a"), _texts(coder_b, "coder_b")
    table = agreement(a, b, themes)
    themes = [t for t in table.index if t != "all themes"]
    ma, mb = themes_matrix(a, themes).to_numpy(), themes_matrix(b, themes).to_numpy()
    pct = [round(100 * float((ma[:, j] == mb[:, j]).mean()), 1) for j in range(len(themes))]
    pct.append(round(100 * float((ma == mb).mean()), 1))
    return pd.DataFrame(
        {
            "n": [len(a)] * len(themes) + [len(a) * len(themes)],
            "percent_agreement": pct,
            "kappa": table["kappa"].to_numpy(),
        },
        index=table.index,
    )
