"""What changes in the returns from one collection year to the next (year = the one ending 31 March).

The datasheet cites the source of each change. The generator's tidy tables keep one code set;
these functions recode only what a return of that year writes differently.

Example:
    >>> sex_codes(2024), sex_codes(2025)
    ({'M': '1', 'F': '2'}, {'M': 'M', 'F': 'F'})
    >>> cin_sex_field(2024), cin_sex_field(2025)
    ('GenderCurrent', 'Sex')
    >>> primary_need_label("N1", 2026)
    'Abuse, neglect and exploitation'
"""

from __future__ import annotations

from childinfo.synth import codes as C

# 2024-25: sex becomes M/F/U in both returns (CIN element Sex replaces GenderCurrent).
SEX_LETTERS_FROM = 2025
# 2024-25: factors 18A and 19A are queried (8945Q, 8950Q); child-on-child (B) and adult-on-child
# (C) codes replace them.
OLD_ABUSE_FACTORS_QUERIED_FROM = 2025
# 2025-26: placement Z1 is replaced by Z11-Z14 (their meanings are not yet published in the
# sources we have; "other" placements are written as Z14, with no provider and no URN).
Z1_SPLIT_FROM = 2026
# 2025-26 (CIN schema 2026): N1 is relabelled.
N1_RELABELLED_FROM = 2026
# 2025-26: supported accommodation is recorded as K3 (Ofsted-registered, so with a URN) instead of
# H5 (903 rules 146 and 218 for 2025-26; rule 503D allows last year's H5 to become K3).
H5_TO_K3_FROM = 2026


def sex_codes(year: int) -> dict[str, str]:
    """How the tidy sex codes (M, F) are written in the CIN and SSDA903 returns of ``year``."""
    return {"M": "M", "F": "F"} if year >= SEX_LETTERS_FROM else {"M": "1", "F": "2"}


def valid_sex_codes(year: int) -> set[str]:
    return {"M", "F", "U"} if year >= SEX_LETTERS_FROM else {"0", "1", "2", "9"}


def cin_sex_field(year: int) -> str:
    return "Sex" if year >= SEX_LETTERS_FROM else "GenderCurrent"


def assessment_factor(code: str, year: int) -> str:
    """Old abuse factors recorded under the code a worker of ``year`` would use."""
    if year >= OLD_ABUSE_FACTORS_QUERIED_FROM:
        return {"18A": "18C", "19A": "19C"}.get(code, code)
    return code


def placement(code: str, year: int) -> str:
    if year >= Z1_SPLIT_FROM and code == "Z1":
        return "Z14"
    if year >= H5_TO_K3_FROM and code == "H5":
        return "K3"
    return code


def placement_codes(year: int) -> set[str]:
    """Valid 903 placement types in ``year`` (903 rule 146; P2 is checked by date, rule 217t)."""
    codes = set(C.PLACEMENT)
    if year >= Z1_SPLIT_FROM:
        codes = (codes - {"Z1", "P2"}) | {"K3", "Z11", "Z12", "Z13", "Z14"}
    return codes


def valid_903_sex_codes(year: int) -> set[str]:
    return {"M", "F", "U"} if year >= SEX_LETTERS_FROM else {"1", "2"}


def primary_need_label(code: str, year: int) -> str:
    if code == "N1" and year >= N1_RELABELLED_FROM:
        return "Abuse, neglect and exploitation"
    return C.PRIMARY_NEED[code]
