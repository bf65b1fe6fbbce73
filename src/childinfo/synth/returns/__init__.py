"""Statutory-return exports built from the same tidy tables: the CIN census and the SSDA903.

Each year's exports use that year's codes (``years.py``) and are checked against that year's
rules in the rule book (``rulebook.py``, ``rules.py``).

Example:
    >>> from childinfo.synth import AuthorityConfig, generate_authority
    >>> from childinfo.synth.returns import cin_tables, check_cin
    >>> la = generate_authority(AuthorityConfig(n_children=3000, seed=4))
    >>> check_cin(cin_tables(la), la.config).query("severity == 'error'").empty
    True
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from childinfo.outputs import new_folder, write_manifest
from childinfo.synth.returns.cin import cin_tables, cin_xml, parse_cin_xml
from childinfo.synth.returns.rules import check_903, check_cin
from childinfo.synth.returns.ssda903 import ssda903_tables, write_903
from childinfo.synth.writers import write_table


def write_returns(la, out: Path, force: bool = False) -> list[Path]:
    """Write the CIN census XML, the SSDA903 CSV files, a validation report (the rules that fail)
    and, when faults were injected, the fault log, for the authority's collection year.

    They are written beside ``out`` and moved into place, with a manifest, only when complete."""
    out, cfg = Path(out), la.config
    with new_folder(out, force) as folder:
        files = _write_returns_into(la, folder)
        write_manifest(
            folder,
            {
                "authority": cfg.name,
                "seed": cfg.seed,
                "returns": "CIN census, SSDA903",
                "collection_year": f"{cfg.year - 1}-{str(cfg.year)[-2:]}",
            },
        )
    return [out / f.name for f in files]


def _write_returns_into(la, out: Path) -> list[Path]:
    year = la.config.year
    files = []
    xml_path = out / f"synthetic_cin_census_{year - 1}-{str(year)[-2:]}.xml"
    xml_path.write_bytes(cin_xml(cin_tables(la), la.config))
    files.append(xml_path)
    t903 = ssda903_tables(la)
    files += write_903(t903, out, year)
    # What the DfE checks would say (code, severity and message from the rule book) and, with
    # faults, what was injected: the lab's answer key.
    report = pd.concat(
        [
            check_cin(parse_cin_xml(xml_path.read_bytes()), la.config).assign(return_="CIN"),
            check_903(t903, la.config).assign(return_="SSDA903"),
        ],
        ignore_index=True,
    )
    report = report.rename(columns={"return_": "return"})[
        ["return", "rule", "severity", "table", "child", "message"]
    ]
    write_table(report, out / "synthetic_validation_report.csv", "csv")
    files.append(out / "synthetic_validation_report.csv")
    if la.fault_log is not None:
        write_table(la.fault_log, out / "synthetic_fault_log.csv", "csv")
        files.append(out / "synthetic_fault_log.csv")
    return files


__all__ = [
    "check_903",
    "check_cin",
    "cin_tables",
    "cin_xml",
    "parse_cin_xml",
    "ssda903_tables",
    "write_returns",
]
