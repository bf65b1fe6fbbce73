"""Pseudonymisation and record linkage between an authority's records and a partner's.

Pseudonyms
    :func:`keyed_pseudonym` makes an HMAC-SHA256 pseudonym with a secret key (Python's
    :mod:`hmac`): the same child gets the same pseudonym in every extract made with the key,
    and without the key nobody can recompute it. :func:`plain_hash` is the tempting shortcut
    (SHA-256 of name and date of birth) and :func:`reverse_plain_hashes` shows why it fails:
    names and birth dates are few enough to try them all.

Matching
    :func:`link_deterministic` links on exact agreement of chosen fields;
    :func:`link_probabilistic` fits a Fellegi-Sunter model with splink on its embedded DuckDB
    backend (no server, no network) and scores every candidate pair.
    :func:`best_matches` keeps at most one authority record per partner record.
    :func:`linkage_quality` and :func:`linkage_quality_by_group` measure the links against a
    truth key: missed links are not spread evenly, and a group whose names are more often
    misspelt is under-represented in any linked analysis.

DuckDB is opened with extension auto-install switched off, so nothing is downloaded.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import logging
import unicodedata
from collections.abc import Iterable, Iterator, Sequence

import numpy as np
import pandas as pd

from childinfo._validation import (
    as_list,
    as_series,
    parse_date,
    parse_dates,
    require_columns,
    require_frame,
    require_numeric,
)
from childinfo.errors import ChildinfoError

__all__ = [
    "best_matches",
    "keyed_pseudonym",
    "link_deterministic",
    "link_probabilistic",
    "linkage_quality",
    "linkage_quality_by_group",
    "normalise_name",
    "plain_hash",
    "pseudonymise",
    "reverse_plain_hashes",
]

MIN_KEY_BYTES = 16
PAIR_COLUMNS = ["left_id", "right_id", "match_probability", "match_weight", "rule"]


# ---------------------------------------------------------------------------------------------
# Pseudonyms
# ---------------------------------------------------------------------------------------------


def normalise_name(values) -> pd.Series:
    """Tidy names before hashing or matching: accents off, upper case, letters and single spaces.

    Without this, "Zoë O'Neill" and "ZOE ONEILL" would get different pseudonyms. Only accents
    (combining marks) are dropped: letters of every script are kept, so 李明 and محمد stay
    names, and a letter that is not an accented Latin one, such as Ł, is kept as it is
    ("Łukasz" is not "Ukasz").

    Example:
        >>> normalise_name(["Zoë O'Neill ", "zoe  o-neill", "Łukasz", "李明"]).tolist()
        ['ZOE ONEILL', 'ZOE O NEILL', 'ŁUKASZ', '李明']
    """
    s = as_series(values, "names")
    s = s.astype("string") if s.empty else s
    if not (pd.api.types.is_string_dtype(s) or pd.api.types.is_object_dtype(s) or s.isna().all()):
        raise ChildinfoError(
            f"names must be text, but they are {s.dtype}; pass a column of names."
        )
    s = s.astype("string")

    def tidy(x):
        if not isinstance(x, str):
            return x
        decomposed = unicodedata.normalize("NFKD", x)
        kept = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
        return unicodedata.normalize("NFC", kept)

    s = s.map(tidy).astype("string")
    s = s.str.upper().str.replace("[\u2019'`]", "", regex=True)
    s = s.str.replace(r"[\W\d_]+", " ", regex=True)
    return s.str.strip().replace("", pd.NA)


def _key_bytes(key) -> bytes:
    if isinstance(key, str):
        key = key.encode("utf-8")
    if not isinstance(key, (bytes, bytearray)):
        raise ChildinfoError("key must be bytes or text; make one with secrets.token_bytes(32).")
    if len(key) < MIN_KEY_BYTES:
        raise ChildinfoError(
            f"the key is {len(key)} bytes; use at least {MIN_KEY_BYTES} random bytes "
            "(secrets.token_bytes(32)) and keep it apart from the data."
        )
    return bytes(key)


def _identity_strings(df: pd.DataFrame, columns: Sequence[str]) -> pd.Series:
    parts = []
    for col in columns:
        s = df[col]
        if pd.api.types.is_datetime64_any_dtype(s):
            s = s.dt.strftime("%Y-%m-%d")
        else:
            parsed = parse_dates(s, strict=False) if not pd.api.types.is_numeric_dtype(s) else None
            if parsed is not None and parsed.notna().sum() == s.notna().sum() and s.notna().any():
                s = parsed.dt.strftime("%Y-%m-%d")  # dates written two ways hash the same
            else:
                s = normalise_name(s.astype("string"))
        parts.append(s.astype("string"))
    joined = parts[0]
    for p in parts[1:]:
        joined = joined + "|" + p  # any missing part leaves the whole identity missing
    return joined


def keyed_pseudonym(values, key: bytes | str, *, length: int = 16) -> pd.Series:
    """HMAC-SHA256 pseudonyms of ``values`` under a secret ``key``, as ``length`` hex characters.

    Missing values stay missing (a pseudonym of "nothing" would link every blank together).
    Keep the key away from the data; anyone with both can rebuild the link to identities.

    Example:
        >>> key = b"course-example-key-not-secret!!!"
        >>> keyed_pseudonym(["ZOE ONEILL|2015-03-17"], key).tolist()
        ['1fc90bedf3598f61']
    """
    k = _key_bytes(key)
    if not isinstance(length, int) or not 8 <= length <= 64:
        raise ChildinfoError("length must be a whole number of hex characters from 8 to 64.")
    s = as_series(values, "values").astype("string")
    return s.map(
        lambda v: (
            hmac.new(k, v.encode("utf-8"), hashlib.sha256).hexdigest()[:length]
            if isinstance(v, str)
            else pd.NA
        )
    ).astype("string")


def pseudonymise(
    df: pd.DataFrame,
    identifiers: Sequence[str],
    key: bytes | str,
    *,
    name: str = "pseudonym",
    drop: bool = True,
    length: int = 16,
) -> pd.DataFrame:
    """Replace identifying columns with one keyed pseudonym built from all of them.

    Names are normalised (:func:`normalise_name`) and dates written as ``YYYY-MM-DD`` first,
    so the same child gets the same pseudonym from two systems that format them differently.

    Example:
        >>> kids = pd.DataFrame({"name": ["Zoë O'Neill", "ZOE ONEILL"],
        ...                      "dob": ["2015-03-17", "17/03/2015"], "need": ["N1", "N2"]})
        >>> out = pseudonymise(kids, ["name", "dob"], b"course-example-key-not-secret!!!")
        >>> list(out.columns), out["pseudonym"].nunique()
        (['need', 'pseudonym'], 1)
    """
    require_frame(df, "the extract")
    identifiers = as_list(identifiers, "identifiers")
    require_columns(df, identifiers, "the extract")
    out = df.copy()
    out[name] = keyed_pseudonym(_identity_strings(df, identifiers), key, length=length).to_numpy()
    return out.drop(columns=list(identifiers)) if drop else out


def plain_hash(df: pd.DataFrame, identifiers: Sequence[str]) -> pd.Series:
    """SHA-256 of the normalised identifiers with no key: the pseudonym *not* to use.

    Shown so the labs can break it with :func:`reverse_plain_hashes`.

    Example:
        >>> plain_hash(pd.DataFrame({"name": ["Zoe Oneill"], "dob": ["2015-03-17"]}), ["name", "dob"]).str[:12].tolist()
        ['f11b590eacc6']
    """
    require_frame(df, "the extract")
    require_columns(df, identifiers, "the extract")
    ident = _identity_strings(df, list(identifiers))
    return (
        ident.map(
            lambda v: (
                hashlib.sha256(v.encode("utf-8")).hexdigest() if isinstance(v, str) else pd.NA
            )
        )
        .astype("string")
        .rename("hash")
    )


def reverse_plain_hashes(
    hashes: Iterable[str], names: Iterable[str], first_dob: str, last_dob: str
) -> pd.DataFrame:
    """Recover name and date of birth behind plain hashes by trying every combination.

    An intruder needs only a list of plausible names (a school roll, a phone book, the
    commonest names by year) and the range of birth dates: every child aged 0 to 17 was born
    on one of about 6,600 days. Hashing each candidate is fast; matching is a lookup.

    Returns the hashes that were reversed with the ``name`` and ``dob`` behind each.

    Example:
        >>> h = plain_hash(pd.DataFrame({"name": ["Zoe Oneill"], "dob": ["2015-03-17"]}), ["name", "dob"])
        >>> reverse_plain_hashes(h, ["Amir Khan", "Zoe Oneill"], "2015-01-01", "2015-12-31")[["name", "dob"]]
                 name         dob
        0  ZOE ONEILL  2015-03-17
    """
    wanted = {h for h in as_series(hashes, "hashes") if isinstance(h, str)}
    first, last = parse_date(first_dob, "first_dob"), parse_date(last_dob, "last_dob")
    days = pd.date_range(first, last, freq="D").strftime("%Y-%m-%d")
    if len(days) == 0:
        raise ChildinfoError("first_dob must be on or before last_dob (both as YYYY-MM-DD).")
    found = []
    for name in normalise_name(names).dropna().unique():
        for day in days:
            digest = hashlib.sha256(f"{name}|{day}".encode()).hexdigest()
            if digest in wanted:
                found.append({"hash": digest, "name": name, "dob": day})
    return pd.DataFrame(found, columns=["hash", "name", "dob"])


# ---------------------------------------------------------------------------------------------
# Matching with splink
# ---------------------------------------------------------------------------------------------


@contextlib.contextmanager
def _quiet_splink() -> Iterator[None]:
    # splink logs training progress and warnings on small samples; the labs report results
    # in their own words, so keep the notebook output clean.
    logger = logging.getLogger("splink")
    old = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(old)


def _duckdb_api():
    import duckdb
    from splink import DuckDBAPI

    # No extension may be fetched from the internet: the ones splink uses are built in.
    con = duckdb.connect(config={"autoinstall_known_extensions": False})
    con.execute("SET enable_progress_bar = false")  # keep notebook output to the results
    return DuckDBAPI(connection=con)


def _prepare(
    df: pd.DataFrame, id_col: str, fields: Sequence[str], dob: str | None, which: str
) -> pd.DataFrame:
    require_frame(df, f"the {which} table")
    require_columns(df, [id_col, *fields], f"the {which} table")
    if df[id_col].isna().any() or df[id_col].duplicated().any():
        raise ChildinfoError(
            f"the {which} table's id column {id_col!r} must be filled and unique."
        )
    out = pd.DataFrame({"unique_id": df[id_col].astype(str).to_numpy()})
    for f in fields:
        if f == dob:
            out[f] = (
                parse_dates(df[f], f"the {which} table's {f!r}").dt.strftime("%Y-%m-%d").to_numpy()
            )
        else:
            out[f] = normalise_name(df[f].astype("string")).to_numpy()
    return out.astype({c: object for c in out.columns}).where(out.notna(), None)


def _pairs_frame(pred: pd.DataFrame, left_name: str) -> pd.DataFrame:
    # splink orders each pair by its own rules; put the authority record on the left.
    swap = pred["source_dataset_l"] != left_name
    left = np.where(swap, pred["unique_id_r"], pred["unique_id_l"])
    right = np.where(swap, pred["unique_id_l"], pred["unique_id_r"])
    return pd.DataFrame({"left_id": left, "right_id": right}, index=pred.index)


def link_deterministic(
    left: pd.DataFrame,
    right: pd.DataFrame,
    rules: Sequence[Sequence[str]],
    *,
    left_id: str = "child_id",
    right_id: str = "record_id",
    dob: str | None = "dob",
) -> pd.DataFrame:
    """Link two tables where records agree exactly on every field of at least one rule.

    Fields are normalised first (names upper-cased without punctuation, dates as
    ``YYYY-MM-DD``), so formatting alone does not break a link; one typo still does. The
    fields must have the same names in both tables. Uses splink's deterministic linkage.

    Returns ``left_id``, ``right_id``, ``match_probability`` (1.0), ``match_weight`` (NaN)
    and ``rule`` (which rule linked the pair, counting from 0).

    Example:
        >>> la = pd.DataFrame({"child_id": ["C1", "C2"], "surname": ["Khan", "Smith"],
        ...                    "dob": ["2015-03-17", "2012-01-05"]})
        >>> vcs = pd.DataFrame({"record_id": ["V1", "V2"], "surname": ["KHAN", "Smyth"],
        ...                     "dob": ["17/03/2015", "2012-01-05"]})
        >>> link_deterministic(la, vcs, [["surname", "dob"]])[["child_id", "record_id", "rule"]]
          child_id record_id  rule
        0       C1        V1     0
    """
    from splink import Linker, SettingsCreator, block_on

    rules = [[r] if isinstance(r, str) else list(r) for r in rules]
    if not rules or not all(rules):
        raise ChildinfoError(
            "give at least one rule: a list of fields that must all agree, e.g. [['surname', 'dob']]."
        )
    fields = list(dict.fromkeys(f for r in rules for f in r))
    a = _prepare(left, left_id, fields, dob, "left")
    b = _prepare(right, right_id, fields, dob, "right")
    with _quiet_splink():
        db = _duckdb_api()
        settings = SettingsCreator(
            link_type="link_only",
            blocking_rules_to_generate_predictions=[block_on(*r) for r in rules],
        )
        linker = Linker(
            [
                db.register(a, dataset_display_name="authority_records"),
                db.register(b, dataset_display_name="partner_records"),
            ],
            settings,
            log_level=None,
        )
        pred = linker.inference.deterministic_link().as_pandas_dataframe()
    if pred.empty:
        return pd.DataFrame(
            columns=[left_id, right_id, "match_probability", "match_weight", "rule"]
        )
    out = _pairs_frame(pred, "authority_records")
    out["match_probability"] = 1.0
    out["match_weight"] = np.nan
    out["rule"] = pred["match_key"].astype(int).to_numpy()
    out = out.sort_values(["left_id", "right_id"]).reset_index(drop=True)
    return out.rename(columns={"left_id": left_id, "right_id": right_id})


def link_probabilistic(
    left: pd.DataFrame,
    right: pd.DataFrame,
    *,
    left_id: str = "child_id",
    right_id: str = "record_id",
    first_name: str | None = "first_name",
    surname: str | None = "surname",
    dob: str | None = "dob",
    postcode: str | None = "postcode",
    blocking: Sequence[Sequence[str]] | None = None,
    threshold: float = 0.5,
    seed: int = 42,
) -> pd.DataFrame:
    """Score candidate pairs with a Fellegi-Sunter model trained by splink (DuckDB backend).

    Compares first name and surname with splink's name comparison (exact, then Jaro-Winkler
    similarity bands), date of birth (exact, then within a month or a year, which catches
    day/month swaps), and postcode (full, sector, district, area). Any of these can be set to
    None if a table lacks it. The model is trained on the data themselves: u-probabilities
    by random sampling, m-probabilities by expectation maximisation; no labels are used.

    ``blocking`` lists the field combinations that make a pair worth scoring (default: same
    date of birth, or same surname, or same postcode). Returns pairs with
    ``match_probability`` of at least ``threshold``, best first.

    Example (on the course's synthetic authority; takes a few seconds):
        >>> from childinfo.toolkit.data import load_authority                  # doctest: +SKIP
        >>> la = load_authority()                                        # doctest: +SKIP
        >>> partner = la.partner_records.drop(columns="truth_child_id")  # doctest: +SKIP
        >>> pairs = link_probabilistic(la.children, partner, right_id="partner_record_id",
        ...                            first_name="forename")          # doctest: +SKIP
        >>> links = best_matches(pairs, right_id="partner_record_id")    # doctest: +SKIP
    """
    import splink.comparison_library as cl
    from splink import Linker, SettingsCreator, block_on

    if not 0 <= threshold <= 1:
        raise ChildinfoError(
            f"threshold is a match probability between 0 and 1, got {threshold!r}."
        )
    comparisons, fields = [], []
    if first_name:
        comparisons.append(cl.NameComparison(first_name))
        fields.append(first_name)  # noqa: E702
    if surname:
        comparisons.append(cl.NameComparison(surname))
        fields.append(surname)  # noqa: E702
    if dob:
        comparisons.append(cl.DateOfBirthComparison(dob, input_is_string=True))
        fields.append(dob)  # noqa: E702
    if postcode:
        comparisons.append(cl.PostcodeComparison(postcode))
        fields.append(postcode)  # noqa: E702
    if len(comparisons) < 2:
        raise ChildinfoError(
            "probabilistic matching needs at least two fields to compare (e.g. surname and dob)."
        )
    if blocking is None:
        blocking = [[f] for f in (dob, surname, postcode) if f]
    blocking = [[b] if isinstance(b, str) else list(b) for b in blocking]
    a = _prepare(left, left_id, fields, dob, "left")
    b = _prepare(right, right_id, fields, dob, "right")
    if postcode:
        for t in (a, b):
            t[postcode] = t[postcode].map(
                lambda p: (
                    p
                    if p is None
                    else p[:-3] + " " + p[-3:].strip()
                    if len(p.replace(" ", "")) >= 5
                    else p
                )
            )
    with _quiet_splink():
        db = _duckdb_api()
        settings = SettingsCreator(
            link_type="link_only",
            comparisons=comparisons,
            blocking_rules_to_generate_predictions=[block_on(*r) for r in blocking],
            retain_intermediate_calculation_columns=False,
            retain_matching_columns=False,
        )
        linker = Linker(
            [
                db.register(a, dataset_display_name="authority_records"),
                db.register(b, dataset_display_name="partner_records"),
            ],
            settings,
            log_level=None,
        )
        strict = [f for f in (first_name, surname, dob) if f]
        linker.training.estimate_probability_two_random_records_match(
            [block_on(*strict)], recall=0.7
        )
        linker.training.estimate_u_using_random_sampling(max_pairs=2e5, seed=seed)
        for rule in blocking:
            linker.training.estimate_parameters_using_expectation_maximisation(block_on(*rule))
        pred = linker.inference.predict(
            threshold_match_probability=threshold
        ).as_pandas_dataframe()
    if pred.empty:
        return pd.DataFrame(columns=[left_id, right_id, "match_probability", "match_weight"])
    out = _pairs_frame(pred, "authority_records")
    out["match_probability"] = pred["match_probability"].astype(float).to_numpy()
    out["match_weight"] = pred["match_weight"].astype(float).to_numpy()
    out = out.sort_values(
        ["match_probability", "left_id", "right_id"], ascending=[False, True, True]
    )
    return out.reset_index(drop=True).rename(columns={"left_id": left_id, "right_id": right_id})


def best_matches(
    pairs: pd.DataFrame,
    *,
    left_id: str = "child_id",
    right_id: str = "record_id",
    score: str = "match_probability",
    one_record_per_child: bool = False,
    threshold: float | None = None,
) -> pd.DataFrame:
    """Keep, for each partner record, the child it most likely belongs to.

    A partner's record is about one child, so it links to at most one authority record. A child
    may have several partner records (a second referral, a sibling's form filled in twice), so
    by default a child keeps every record whose best match it is; set
    ``one_record_per_child`` to keep only a child's best-scoring record as well (the greedy
    one-to-one rule). ``threshold`` drops pairs scoring below it. Ties are broken by id so the
    result is repeatable.

    Example:
        >>> p = pd.DataFrame({"child_id": ["C1", "C2", "C2"], "record_id": ["V1", "V1", "V2"],
        ...                   "match_probability": [0.9, 0.95, 0.8]})
        >>> best_matches(p)
          child_id record_id  match_probability
        0       C2        V1               0.95
        1       C2        V2               0.80
    """
    require_frame(pairs, "the pairs", allow_empty=True)
    require_columns(pairs, [left_id, right_id, score], "the pairs")
    scores = require_numeric(pairs[score], f"the pairs' {score!r}")
    if scores.isna().any():
        raise ChildinfoError(f"the pairs' {score!r} has missing values; drop those pairs first.")
    if threshold is not None:
        if (
            isinstance(threshold, bool)
            or not isinstance(threshold, (int, float))
            or not 0 <= threshold <= 1
        ):
            raise ChildinfoError(
                f"threshold is a match probability from 0 to 1, got {threshold!r}."
            )
        pairs = pairs[scores >= threshold]
    ordered = pairs.sort_values([score, left_id, right_id], ascending=[False, True, True])
    used_l, used_r, keep = set(), set(), []
    for idx, child, record in zip(
        ordered.index, _id_text(ordered[left_id]), _id_text(ordered[right_id])
    ):
        if record not in used_r and not (one_record_per_child and child in used_l):
            keep.append(idx)
            used_l.add(child)
            used_r.add(record)
    return ordered.loc[keep].reset_index(drop=True)


def _id_text(ids: pd.Series) -> list:
    """Ids as text, so that 1, 1.0 and "1" are the same record."""

    def one(v):
        if isinstance(v, (float, np.floating)) and np.isfinite(v) and float(v).is_integer():
            return str(int(v))
        if isinstance(v, (int, np.integer)) and not isinstance(v, bool):
            return str(int(v))
        return str(v).strip()  # text ids such as "007" are kept as written

    return [pd.NA if pd.isna(v) else one(v) for v in ids]


def _truth_pairs(truth: pd.DataFrame, left_id: str, right_id: str) -> set[tuple[str, str]]:
    require_frame(truth, "the truth key")
    require_columns(truth, [left_id, right_id], "the truth key")
    t = truth.dropna(subset=[left_id, right_id])
    return set(zip(_id_text(t[left_id]), _id_text(t[right_id])))


def linkage_quality(
    pairs: pd.DataFrame,
    truth: pd.DataFrame,
    *,
    left_id: str = "child_id",
    right_id: str = "record_id",
) -> dict[str, float]:
    """Precision, recall and F1 of links against a truth key.

    ``truth`` holds the true ``(left_id, right_id)`` pairs; a partner record with no true
    match is simply absent (or has a missing ``left_id``). Precision is the share of links
    that are right (a wrong link merges two children's histories); recall is the share of true
    links found (a missed link makes a child's service use look smaller than it was).

    Example:
        >>> links = pd.DataFrame({"child_id": ["C1", "C2"], "record_id": ["V1", "V9"]})
        >>> truth = pd.DataFrame({"child_id": ["C1", "C3"], "record_id": ["V1", "V3"]})
        >>> linkage_quality(links, truth)
        {'links': 2, 'true_links': 2, 'correct': 1, 'precision': 0.5, 'recall': 0.5, 'f1': 0.5}
    """
    require_frame(pairs, "the links", allow_empty=True)
    require_columns(pairs, [left_id, right_id], "the links")
    true = _truth_pairs(truth, left_id, right_id)
    found = set(zip(_id_text(pairs[left_id]), _id_text(pairs[right_id])))
    correct = len(found & true)
    precision = correct / len(found) if found else float("nan")
    recall = correct / len(true) if true else float("nan")
    f1 = 2 * precision * recall / (precision + recall) if found and true and correct else 0.0
    return {
        "links": len(found),
        "true_links": len(true),
        "correct": correct,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
    }


def linkage_quality_by_group(
    pairs: pd.DataFrame,
    truth: pd.DataFrame,
    groups: pd.DataFrame,
    group: str,
    *,
    left_id: str = "child_id",
    right_id: str = "record_id",
) -> pd.DataFrame:
    """Recall of the true links within each group (e.g. ethnicity): who gets lost in linkage.

    ``groups`` maps ``left_id`` to ``group``. If one group's links are missed more often,
    every linked analysis under-counts that group's contact with the partner's service.

    Example:
        >>> links = pd.DataFrame({"child_id": ["C1", "C2"], "record_id": ["V1", "V2"]})
        >>> truth = pd.DataFrame({"child_id": ["C1", "C2", "C3"], "record_id": ["V1", "V2", "V3"]})
        >>> g = pd.DataFrame({"child_id": ["C1", "C2", "C3"], "eth": ["WBRI", "ABAN", "ABAN"]})
        >>> linkage_quality_by_group(links, truth, g, "eth")
            eth  true_links  found  recall
        0  ABAN           2      1     0.5
        1  WBRI           1      1     1.0
    """
    require_frame(groups, "the groups table")
    require_columns(groups, [left_id, group], "the groups table")
    true = pd.DataFrame(
        sorted(_truth_pairs(truth, left_id, right_id)), columns=[left_id, right_id]
    )
    require_frame(pairs, "the links", allow_empty=True)
    require_columns(pairs, [left_id, right_id], "the links")
    found = set(zip(_id_text(pairs[left_id]), _id_text(pairs[right_id])))
    true["found"] = [p in found for p in zip(true[left_id], true[right_id])]
    g = groups[[left_id, group]].copy()
    g[left_id] = _id_text(g[left_id])
    g = g.drop_duplicates(left_id)
    true = true.merge(g, on=left_id, how="left")
    true[group] = true[group].astype("string").fillna("not recorded")
    out = (
        true.groupby(group).agg(true_links=("found", "size"), found=("found", "sum")).reset_index()
    )
    out["found"] = out["found"].astype(int)
    out["recall"] = (out["found"] / out["true_links"]).round(4)
    return out
