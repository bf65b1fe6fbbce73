"""The committed default authority regenerates byte-identically from its seed."""

import hashlib
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from childinfo.synth import AuthorityConfig, default_config, generate_authority
from childinfo.synth.dictionary import data_dictionary
from childinfo.synth.writers import write_authority
from childinfo.toolkit.data import data_dir

COMMITTED = data_dir() / "brackenfold"


def _hashes(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_default_authority_regenerates_byte_identically(tmp_path):
    import faker

    made_with = json.loads((COMMITTED / "manifest.json").read_text())["faker_version"]
    if faker.VERSION != made_with:  # names come from Faker's lists; Faker is pinned in pyproject
        pytest.skip(f"committed data were made with Faker {made_with}, this is {faker.VERSION}")
    la = generate_authority(default_config())
    write_authority(la, tmp_path / "bf", "csv")
    assert _hashes(tmp_path / "bf") == _hashes(COMMITTED)


def test_manifest_records_seed_and_rows():
    manifest = json.loads((COMMITTED / "manifest.json").read_text())
    assert manifest["seed"] == 42
    assert manifest["collection_year"] == "2022-23"
    assert manifest["rows"]["children"] == len(pd.read_csv(COMMITTED / "children.csv", dtype=str))


def test_same_seed_same_tables_other_seed_differs():
    a = generate_authority(AuthorityConfig(n_children=3000, seed=11))
    b = generate_authority(AuthorityConfig(n_children=3000, seed=11))
    c = generate_authority(AuthorityConfig(n_children=3000, seed=12))
    for name in a.tables:
        pd.testing.assert_frame_equal(a.tables[name], b.tables[name])
    assert not a.tables["children"]["dob"].equals(c.tables["children"]["dob"])


def test_committed_files_are_small_and_dictionary_is_current():
    total = sum(p.stat().st_size for p in data_dir().rglob("*") if p.is_file())
    assert total < 20 * 1024 * 1024
    committed = pd.read_csv(data_dir() / "data_dictionary.csv", dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(committed, data_dictionary().astype(str))


def test_dictionary_describes_every_written_column():
    dd = data_dictionary()
    for p in COMMITTED.glob("*.csv"):
        cols = pd.read_csv(p, nrows=0).columns.tolist()
        assert cols == dd.loc[dd["table"] == p.stem, "column"].tolist(), p.stem
    for p in (COMMITTED / "teaching_only_truth").glob("*.csv"):
        cols = pd.read_csv(p, nrows=0).columns.tolist()
        assert cols == dd.loc[dd["table"] == f"truth_{p.stem}", "column"].tolist(), p.stem


def _listed_codes(codes: str) -> list[str] | None:
    """The codes of a dictionary entry that lists them ("Y, N", "N none, K SEN support, empty"),
    or None for a format ("ISO date ...", "text")."""
    items = [c.strip() for c in str(codes).split(",")]
    if len(items) < 2 or not all(re.fullmatch(r"[A-Za-z0-9_+\- ]+", c) for c in items):
        return None
    return items


def test_dictionary_code_lists_match_the_data():
    """Where the dictionary lists a column's codes, every value in the data is listed and every
    listed code is used ('empty' stands for an empty cell; 'K SEN support' is the code K)."""
    dd = data_dictionary()
    checked = set()
    for _, row in dd.iterrows():
        listed = _listed_codes(row["codes_or_format"])
        name = row["table"]
        path = COMMITTED / (
            "teaching_only_truth/" + name[6:] if name.startswith("truth_") else name
        )
        if listed is None or not path.with_suffix(".csv").exists():
            continue
        values = set(
            pd.read_csv(path.with_suffix(".csv"), dtype=str, keep_default_na=False)[row["column"]]
        )
        covers = {c: {"" if c == "empty" else c, c.split()[0]} for c in listed}
        unlisted = {v for v in values if not any(v in cov for cov in covers.values())}
        unused = [c for c, cov in covers.items() if not cov & values]
        assert not unlisted and not unused, (name, row["column"], sorted(unlisted)[:5], unused)
        checked.add(f"{name}.{row['column']}")
    assert {
        "referrals.team",
        "assessments.team",
        "survey_information_use.respondent_group",
    } <= checked


def test_datasheet_agrees_with_the_data():
    """The datasheet's count of teams and of unaccompanied children arriving a year match the data."""
    from childinfo.synth.recording import DISABILITY_TEAM, TEAMS

    words = {4: "four", 5: "five", 6: "six"}
    text = " ".join((data_dir() / "DATASHEET.md").read_text().split())
    teams = set(pd.read_csv(COMMITTED / "referrals.csv", dtype=str)["team"])
    assert teams == set(TEAMS) | {DISABILITY_TEAM}
    assert (
        f"{words[len(teams)]} teams" in text
        and f"{words[len(TEAMS)]} area assessment teams" in text
    )
    said = re.search(r"About (\d+) children a year arrive as unaccompanied", text)
    children = pd.read_csv(COMMITTED / "children.csv", dtype=str, keep_default_na=False)
    arrived = pd.to_datetime(children.loc[children["uasc"] == "Y", "arrival_date"])
    per_year = arrived.between(pd.Timestamp("2020-04-01"), pd.Timestamp("2023-03-31")).sum() / 3
    assert said and abs(int(said.group(1)) - per_year) <= 0.25 * per_year, (said, per_year)


def test_datasheet_row_counts_agree_with_the_manifest():
    """The datasheet's "about how many rows" (rounded by hand) are each within 10% of the
    manifest's exact count, so a regeneration that moves a table is caught here."""
    import json

    text = (data_dir() / "DATASHEET.md").read_text(encoding="utf-8")
    rows = json.loads((COMMITTED / "manifest.json").read_text(encoding="utf-8"))["rows"]
    checked = 0
    for names, counts in re.findall(r"^\| (`[^|]+`) \| ([\d,; ]+) \|", text, re.M):
        tables = re.findall(r"`([^`]+)`", names)
        said = [int(c.replace(",", "")) for c in counts.split(";")]
        assert len(tables) == len(said), names
        prefix = ""
        for table, about in zip(tables, said):
            if table.startswith("teaching_only_truth/"):
                prefix, table = "truth_", table.split("/", 1)[1]
            elif table.startswith("/"):
                table = table[1:]
            exact = rows[prefix + table]
            assert abs(about - exact) <= 0.1 * exact, (table, about, exact)
            checked += 1
    assert checked >= 20, checked
