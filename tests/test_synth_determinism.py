"""The committed default authority regenerates byte-identically from its seed."""

import hashlib
import json
from pathlib import Path

import pandas as pd
import pytest

from childinfo.data import data_dir
from childinfo.synth import AuthorityConfig, default_config, generate_authority
from childinfo.synth.dictionary import data_dictionary
from childinfo.synth.writers import write_authority

COMMITTED = data_dir() / "brackenfold"


def _hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


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
