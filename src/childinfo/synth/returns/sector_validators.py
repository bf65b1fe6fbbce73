"""Run the sector's own validators on an export folder and print a JSON summary.

This script runs in its own environment (``make .venv-validators``): Data to Insight's
``csc-validator-be-903`` and ``csc-validator-be-cin`` pin an older pandas than the labs use, so it
must not import ``childinfo``. Usage::

    .venv-validators/bin/python sector_validators.py EXPORT_DIR YEAR

YEAR is the collection year ending 31 March (2023 for 2022-23). The summary counts failing rows
per rule code; for CIN, queries are separate and ``query_children`` counts distinct children.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import logging
import sys
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

# Rules that look up the real postcode register: fictional postcodes fail them by design.
POSTCODE_RULES = {"169", "179", "392a", "392c", "1015"}
# Children per slice when reading a CIN census (``read_cin``).
SLICE = 100


def run_903(folder: Path, year: int) -> dict:
    from lac_validator import lac_validator
    from lac_validator.utils import process_uploaded_files

    files = sorted(str(p) for p in folder.glob("*.csv") if "ssda903" in p.name)
    ruleset = f"lac{year - 1}_{str(year)[-2:]}"
    registry = importlib.import_module(f"lac_validator.rules.{ruleset}").registry
    v = lac_validator.LacValidator(
        metadata={"collectionYear": str(year), "localAuthority": "E09000027"},
        files=process_uploaded_files({"This year": files}),
        registry=registry,
    )
    counts: dict[str, int] = {}
    for name, df in v.ds_results.items():
        if name == "metadata":
            continue
        for col in [c for c in df.columns if str(c).startswith("ERR_")]:
            n = int(df[col].fillna(False).astype(bool).sum())
            if n:
                code = col[4:]
                counts[code] = counts.get(code, 0) + n
    return {"ruleset": ruleset, "rows": counts, "failed_to_run": sorted(v.fails)}


def read_cin(root: ET.Element, size: int = SLICE) -> dict:
    """The sector's own reading of a CIN census, ``size`` children at a time.

    Its reader appends each child to tables that grow as it goes, so its time grows with the
    square of the children (most of a year's time). Every ID it makes restarts with each
    child, so the slices' tables, joined in order, are the tables of the whole return;
    ``run_cin`` checks that on the return's first children each time it runs."""
    import pandas as pd
    from cin_validator import cin_validator

    children = root.find("Children").findall("Child")
    parts = [
        cin_validator.convert_data(_with_children(root, children[start : start + size]))
        for start in range(0, max(len(children), 1), size)
    ]
    return {
        name: table if name == "Header" else pd.concat([p[name] for p in parts], ignore_index=True)
        for name, table in parts[0].items()
    }


def _same_tables(a: dict, b: dict) -> bool:
    return a.keys() == b.keys() and all(
        a[k].equals(b[k]) and a[k].dtypes.equals(b[k].dtypes) and a[k].index.equals(b[k].index)
        for k in a
    )


def _with_children(root: ET.Element, children: list[ET.Element]) -> ET.Element:
    """A census with ``root``'s header and only these children."""
    part = ET.Element(root.tag, root.attrib)
    part.append(root.find("Header"))
    ET.SubElement(part, "Children").extend(children)
    return part


def run_cin(folder: Path, year: int) -> dict:
    from cin_validator import cin_validator

    xml = next(folder.glob("*cin_census*.xml"))
    ruleset = f"cin{year - 1}_{str(year)[-2:]}"
    registry = importlib.import_module(f"cin_validator.rules.{ruleset}").registry
    root = ET.parse(xml).getroot()
    head = _with_children(root, root.find("Children").findall("Child")[:150])
    sliced_as_whole = _same_tables(read_cin(head, 40), cin_validator.convert_data(head))
    tables = cin_validator.process_data(read_cin(root))
    n_children = int(tables["ChildIdentifiers"]["LAchildID"].nunique())
    v = cin_validator.CinValidator(tables, registry)
    kinds = {str(r.code): r.rule_type.name for _, r in registry.items()}
    errors: dict[str, int] = {}
    queries: dict[str, int] = {}
    query_children: set = set()
    for row in v.full_issue_df.itertuples():
        code = str(row.rule_code)
        bucket = queries if kinds.get(code) == "QUERY" else errors
        bucket[code] = bucket.get(code, 0) + 1
        if bucket is queries:
            query_children.add(row.child_id)
    la_level = sorted(set(str(c) for c in v.multichild_issues["rule_code"]))
    return {
        "ruleset": ruleset,
        "sliced_as_whole": sliced_as_whole,
        "errors": errors,
        "queries": queries,
        "children": n_children,
        "query_children": len(query_children),
        "la_level": la_level,
    }


def rulebook(out: Path) -> None:
    """Every rule of every year the validators carry, one row per rule and year, as CSV."""
    import csv

    rows = []
    for year in range(2023, 2028):
        tag = f"{year - 1}_{str(year)[-2:]}"
        for ret, pkg in (("SSDA903", "lac_validator"), ("CIN", "cin_validator")):
            prefix = "lac" if ret == "SSDA903" else "cin"
            try:
                reg = importlib.import_module(f"{pkg}.rules.{prefix}{tag}").registry
            except ModuleNotFoundError:
                continue
            for _, r in reg.items():
                if ret == "CIN":
                    table = getattr(r.module, "name", "") if r.module is not None else ""
                    severity = "query" if r.rule_type.name == "QUERY" else "error"
                else:
                    table = (
                        ";".join(t for t in (r.tables or []) if t) if r.tables != (None,) else ""
                    )
                    severity = "error"
                rows.append(
                    {
                        "return": ret,
                        "code": str(r.code),
                        "year": year,
                        "table": table,
                        "severity": severity,
                        "message": " ".join(str(r.message).split()),
                    }
                )
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(
            f, fieldnames=["return", "code", "year", "table", "severity", "message"]
        )
        w.writeheader()
        w.writerows(sorted(rows, key=lambda r: (r["return"], r["code"], r["year"])))


def main(argv: list[str]) -> None:
    logging.disable(logging.CRITICAL)
    warnings.filterwarnings("ignore")  # the validators' pandas 1.5 deprecation noise
    if argv[1] == "--rulebook":
        rulebook(Path(argv[2]))
        return
    folder, year = Path(argv[1]), int(argv[2])
    # Some rules print as they run: keep stdout for the summary alone.
    with contextlib.redirect_stdout(sys.stderr):
        summary = {
            "ssda903": run_903(folder, year),
            "cin": run_cin(folder, year),
            "postcode_rules": sorted(POSTCODE_RULES),
        }
    print(json.dumps(summary))


if __name__ == "__main__":
    main(sys.argv)
