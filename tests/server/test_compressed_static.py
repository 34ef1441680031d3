"""Static files go out gzip-compressed, compressed once, and hashed ones are cached for good."""

from __future__ import annotations

import asyncio
import gzip
import os
import threading
import urllib.error
import urllib.request

import pytest
from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets
from tornado.web import Application, StaticFileHandler

from cocreate_kit.server import compressed_static
from cocreate_kit.server.compressed_static import compressed_handler

SCRIPT = b"console.log('a participant page');\n" * 400


@pytest.fixture
def served(tmp_path):
    """A Tornado server on its own thread (a browser test's event loop may hold this one)
    serving ``tmp_path`` through the compressed handler; yields a function that GETs a file."""
    (tmp_path / "voila.js").write_bytes(SCRIPT)
    (tmp_path / "remoteEntry.c8c9eed2cdefdeac.js").write_bytes(SCRIPT)
    (tmp_path / "logo.png").write_bytes(b"\x89PNG" + os.urandom(4000))
    app = Application([(r"/static/(.*)", compressed_handler(StaticFileHandler), {"path": str(tmp_path)})])
    started, state = threading.Event(), {}

    def run() -> None:
        async def serve() -> None:
            server = HTTPServer(app)
            sockets = bind_sockets(0, "127.0.0.1")
            server.add_sockets(sockets)
            state["port"] = sockets[0].getsockname()[1]
            state["stop"] = asyncio.Event()
            state["loop"] = asyncio.get_running_loop()
            started.set()
            await state["stop"].wait()
            server.stop()

        asyncio.run(serve())

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    assert started.wait(10)

    def get(name, **headers):
        request = urllib.request.Request(f"http://127.0.0.1:{state['port']}/static/{name}", headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as answer:
            return answer.code, answer.headers, answer.read()

    yield get, tmp_path
    state["loop"].call_soon_threadsafe(state["stop"].set)
    thread.join(10)


GZIP = {"Accept-Encoding": "gzip"}


def test_a_script_arrives_compressed_and_whole(served):
    """A browser that accepts gzip gets the script compressed, and it unpacks to the file."""
    get, _folder = served
    _status, headers, body = get("voila.js", **GZIP)
    assert headers["Content-Encoding"] == "gzip"
    assert len(body) < len(SCRIPT) / 10
    assert gzip.decompress(body) == SCRIPT
    assert headers["Content-Type"].startswith(("text/javascript", "application/javascript"))


def test_it_is_compressed_once_and_again_only_when_the_file_changes(served):
    """The second request is served from the same compressed copy; a changed file gets a new one."""
    get, folder = served
    get("voila.js", **GZIP)
    copies = set(os.listdir(compressed_static._cache_folder()))
    get("voila.js", **GZIP)
    assert copies == set(os.listdir(compressed_static._cache_folder()))
    (folder / "voila.js").write_bytes(b"console.log('changed');\n" * 100)
    os.utime(folder / "voila.js", ns=(1, 1))
    _status, _headers, body = get("voila.js", **GZIP)
    assert gzip.decompress(body) == b"console.log('changed');\n" * 100


def test_a_browser_without_gzip_gets_the_file_as_it_is(served):
    get, _folder = served
    _status, headers, body = get("voila.js")
    assert "Content-Encoding" not in headers
    assert body == SCRIPT


def test_an_image_is_not_compressed_again(served):
    get, _folder = served
    _status, headers, _body = get("logo.png", **GZIP)
    assert "Content-Encoding" not in headers


def test_only_a_hashed_name_is_cached_for_good(served):
    """A file named by its content's hash is immutable; Voila's unhashed chunks are not."""
    get, _folder = served
    _status, hashed, _body = get("remoteEntry.c8c9eed2cdefdeac.js", **GZIP)
    _status, plain, _body = get("voila.js", **GZIP)
    assert hashed["Cache-Control"] == compressed_static.IMMUTABLE
    assert "immutable" not in (plain["Cache-Control"] or "")


def test_an_unchanged_file_is_not_sent_again(served):
    """A browser asking again with the date it has gets a 304 and no body."""
    get, _folder = served
    _status, first, _body = get("voila.js", **GZIP)
    status, _headers, body = get("voila.js", **GZIP, **{"If-Modified-Since": first["Last-Modified"]})
    assert status == 304 and body == b""
