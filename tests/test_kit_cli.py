"""`childinfo kit` refuses bad input in one line, before writing anything."""

from __future__ import annotations

from childinfo.cli import main


def test_no_built_site_is_one_line_and_nothing_is_written(tmp_path, capsys):
    out = tmp_path / "kit"
    assert main(["kit", "--out", str(out), "--site", str(tmp_path / "nosite")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "no built site" in err and "make book" in err
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_pack_platform_is_named(tmp_path, capsys):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<html></html>")
    assert (
        main(
            [
                "kit",
                "--out",
                str(tmp_path / "kit"),
                "--site",
                str(site),
                "--packs",
                "windows,amiga",
            ]
        )
        == 2
    )
    err = capsys.readouterr().err
    assert "'amiga'" in err and "windows" in err
    assert not (tmp_path / "kit").exists()
