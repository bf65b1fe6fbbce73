"""``childinfo.course.browser.serve``: the loopback web server the site tests, the bench and the handouts use."""

from __future__ import annotations

import socket
import urllib.error
import urllib.request

import pytest

from childinfo.course.browser import serve
from childinfo.errors import ChildinfoError


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as err:
        return err.code, b""


def test_serves_files_404s_missing_ones_quietly_and_stops_on_exit(tmp_path, capfd):
    (tmp_path / "chapters").mkdir()
    (tmp_path / "chapters" / "page.html").write_text("<p>synthetic</p>")
    with serve(tmp_path) as url:
        assert url.startswith("http://127.0.0.1:") and url.endswith("/")
        assert get(url + "chapters/page.html") == (200, b"<p>synthetic</p>")
        assert get(url + "chapters/missing.html")[0] == 404
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")  # no log line per request, not even for the 404
    with pytest.raises(urllib.error.URLError):  # the port is closed: nothing answers any more
        urllib.request.urlopen(url + "chapters/page.html", timeout=5)


def test_each_request_has_its_own_thread_and_exit_does_not_wait_for_idle_clients(tmp_path):
    (tmp_path / "index.html").write_text("home")
    with serve(tmp_path) as url:
        port = int(url.rsplit(":", 1)[1].strip("/"))
        # A browser keeps connections open without sending anything; a one-at-a-time server
        # would wait on this one and never answer the next request.
        with socket.create_connection(("127.0.0.1", port), timeout=5):
            assert get(url + "index.html") == (200, b"home")
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(url, timeout=5)


def test_two_servers_get_different_free_ports(tmp_path):
    with serve(tmp_path) as first, serve(tmp_path) as second:
        assert first != second


def test_a_folder_that_is_not_there_is_a_plain_error(tmp_path):
    with pytest.raises(ChildinfoError, match="build the site first"):
        with serve(tmp_path / "_build" / "html"):
            pass
