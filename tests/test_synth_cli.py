"""``childinfo generate``: outputs, refusal to overwrite, and one-line errors for bad input."""

import json

import pandas as pd
import pyarrow.parquet as pq
import pytest

from childinfo.cli import main


def run(capsys, *argv):
    code = main(["generate", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_generate_csv_and_never_overwrite_without_force(tmp_path, capsys):
    out = tmp_path / "bf"
    code, text, _ = run(capsys, "--children", "2000", "--seed", "9", "--out", str(out))
    assert code == 0 and "Brackenfold" in text
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["seed"] == 9 and manifest["rows"]["children"] == len(
        pd.read_csv(out / "children.csv")
    )
    before = (out / "children.csv").read_bytes()
    code, _, err = run(capsys, "--children", "2000", "--seed", "10", "--out", str(out))
    assert code == 2 and "--force" in err and len(err.strip().splitlines()) == 1
    assert (out / "children.csv").read_bytes() == before
    code, _, _ = run(capsys, "--children", "2000", "--seed", "10", "--out", str(out), "--force")
    assert code == 0 and (out / "children.csv").read_bytes() != before


def test_parquet_carries_synthetic_metadata(tmp_path, capsys):
    code, _, _ = run(
        capsys, "--children", "1500", "--format", "parquet", "--out", str(tmp_path / "p")
    )
    assert code == 0
    meta = pq.read_schema(tmp_path / "p" / "children.parquet").metadata
    assert meta[b"synthetic"] == b"true"
    assert (tmp_path / "p" / "teaching_only_truth" / "needs.parquet").exists()


@pytest.mark.parametrize(
    "argv, fragment",
    [
        (["--seed", "abc"], "argument --seed: 'abc' is not a whole number"),
        (["--year", "2031"], "argument --year: '2031' is not a whole number from 2019 to 2026"),
        (["--format", "pdf"], "invalid choice: 'pdf' (choose from 'csv', 'parquet', 'xlsx')"),
        (["--authority", "atlantis"], "invalid choice: 'atlantis' (choose from"),
        (["--faults", "0.9"], "argument --faults: '0.9' is not a number from 0.0 to 0.2"),
        (
            ["--children", "12"],
            "argument --children: '12' is not a whole number from 200 to 5,000,000",
        ),
        (["--scale", "0.5"], "--scale does not apply to one authority"),
        (["--returns", "--format", "parquet"], "--format does not apply with --returns"),
        (
            ["--england", "--total-children", "1000", "--scale", "0.001"],
            "give --total-children or --scale",
        ),
        ([], "--out DIR"),
    ],
)
def test_bad_arguments_give_one_line_that_says_what_to_do(tmp_path, capsys, argv, fragment):
    if "--out" not in argv and argv:
        argv = [*argv, "--out", str(tmp_path / "x")]
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert fragment in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "x").exists()


def test_returns_comparison_and_faults_from_the_cli(tmp_path, capsys):
    code, text, _ = run(capsys, "--returns", "--children", "4000", "--out", str(tmp_path / "r"))
    assert code == 0
    names = sorted(p.name for p in (tmp_path / "r").iterdir())
    assert names[:2] == ["manifest.json", "synthetic_cin_census_2022-23.xml"] and len(names) == 13
    manifest = json.loads((tmp_path / "r" / "manifest.json").read_text())
    assert sorted(manifest["sha256"]) == names[1:]  # written last, listing every other file
    assert (
        pd.read_csv(tmp_path / "r" / "synthetic_validation_report.csv")
        .query("severity == 'error'")
        .empty
    )
    code, _, _ = run(
        capsys,
        "--comparison",
        "--scale",
        "0.004",
        "--format",
        "parquet",
        "--out",
        str(tmp_path / "c"),
    )
    assert code == 0 and len([p for p in (tmp_path / "c").iterdir() if p.is_dir()]) == 13
    assert (tmp_path / "c" / "manifest.json").exists() and not list((tmp_path / "c").glob(".*"))
    code, _, _ = run(
        capsys, "--children", "3000", "--faults", "0.05", "--out", str(tmp_path / "f")
    )
    log = pd.read_csv(tmp_path / "f" / "fault_log.csv", dtype=str)
    assert code == 0 and len(log) > 20 and log["rule"].str.match(r"(CIN|903) \d").all()
    code, _, _ = run(
        capsys,
        "--returns",
        "--children",
        "3000",
        "--faults",
        "0.05",
        "--out",
        str(tmp_path / "rf"),
    )
    report = pd.read_csv(tmp_path / "rf" / "synthetic_validation_report.csv", dtype=str)
    flog = pd.read_csv(tmp_path / "rf" / "synthetic_fault_log.csv", dtype=str)
    fired = set(
        report["return"].map({"CIN": "CIN", "SSDA903": "903"})
        + " "
        + report["rule"]
        + "|"
        + report["child"]
    )
    assert code == 0 and all(f"{r}|{c}" in fired for r, c in zip(flog["rule"], flog["child_id"]))
