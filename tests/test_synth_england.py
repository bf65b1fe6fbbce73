"""England mode at a tiny scale: one Parquet partition per authority, IDs never collide."""

import pyarrow.dataset as ds
import pytest

from childinfo.errors import ChildinfoError
from childinfo.synth.england import england_configs, generate_england


def test_england_configs_add_up_and_differ():
    cs = england_configs(n_authorities=153, total_children=12_000_000)
    assert len(cs) == 153 and len({c.code for c in cs}) == 153 and len({c.name for c in cs}) == 153
    assert abs(sum(c.n_children for c in cs) - 12_000_000) < 153 * 200
    assert max(c.n_children for c in cs) > 3 * min(c.n_children for c in cs)


def test_tiny_england_is_partitioned_by_authority(tmp_path):
    out = tmp_path / "eng"
    summary = generate_england(
        out, n_authorities=3, total_children=4_500, workers=1, progress=False
    )
    assert summary["authorities"] == 3
    parts = sorted(p.name for p in (out / "children").iterdir())
    assert parts == ["authority=AA", "authority=AB", "authority=AC"]
    children = (
        ds.dataset(out / "children", format="parquet", partitioning="hive").to_table().to_pandas()
    )
    assert children["authority"].nunique() == 3
    assert children["child_id"].is_unique
    assert set(children["child_id"].str[:6]) == {"SYN001", "SYN002", "SYN003"}
    assert len(children) == summary["children"]
    assert (out / "teaching_only_truth" / "needs" / "authority=AB" / "part-0.parquet").exists()
    with pytest.raises(ChildinfoError, match="--force"):
        generate_england(out, n_authorities=3, total_children=4_500, workers=1, progress=False)


def test_england_upns_are_unique_across_authorities(tmp_path):
    out = tmp_path / "eng"
    generate_england(out, n_authorities=6, total_children=12_000, workers=1, progress=False)
    children = (
        ds.dataset(out / "children", format="parquet", partitioning="hive").to_table().to_pandas()
    )
    upn = children.loc[children["upn"] != "", "upn"]
    assert len(upn) > 5_000 and upn.is_unique
    assert upn.str[1:4].nunique() == 6
