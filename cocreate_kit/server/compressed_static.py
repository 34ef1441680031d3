"""Voila's static files (its scripts, styles and the widget manager) as a phone should get them:
gzip-compressed, compressed once per file rather than on every request, and kept by the browser
for a year when the file name carries a hash of its content.

Tornado's ``compress_response`` compresses each response as it goes out: about 0.15 s of the
server's one event loop per phone for Voila's 5 MB of scripts, in the very minute a room joins.
Here a compressible file is compressed the first time a browser asks for it, into a folder of
this server, and that copy is served from then on (its own size, ETag and Last-Modified). A
browser that does not accept gzip gets the file as it is.
"""

from __future__ import annotations

import atexit
import datetime
import gzip
import hashlib
import mimetypes
import os
import re
import shutil
import tempfile

from tornado.web import GZipContentEncoding, StaticFileHandler

__all__ = ["HASHED_NAME", "CompressedStatic", "compressed_copy", "compressed_handler"]

# A bundler's content hash in a file name ("remoteEntry.c8c9eed2cdefdeac.js"): the file under
# such a name never changes, so a browser need not ask again. Voila's own chunks ("5764.voila.js")
# carry no hash and are checked on each visit (a 304 when unchanged).
HASHED_NAME = re.compile(r"\.[0-9a-f]{16,}\.(?:js|css)$")
IMMUTABLE = "public, max-age=31536000, immutable"

_folder: str | None = None


def _cache_folder() -> str:
    global _folder
    if _folder is None:
        _folder = tempfile.mkdtemp(prefix="cocreate-gzip-")
        atexit.register(shutil.rmtree, _folder, True)
    return _folder


def compressed_copy(path: str) -> str:
    """The path of a gzip copy of ``path``, made on first use and again when the file changes."""
    stat = os.stat(path)
    key = hashlib.sha256(f"{path}\0{stat.st_mtime_ns}\0{stat.st_size}".encode()).hexdigest()[:32]
    copy = os.path.join(_cache_folder(), key + ".gz")
    if not os.path.exists(copy):
        with open(path, "rb") as source:
            body = gzip.compress(source.read(), compresslevel=9, mtime=0)
        partial = f"{copy}.{os.getpid()}.part"
        with open(partial, "wb") as target:
            target.write(body)
        os.replace(partial, copy)  # whole or not at all, even with two requests at once
    return copy


def _compressible(path: str) -> bool:
    mime_type, encoding = mimetypes.guess_type(path)
    if encoding is not None or mime_type is None:
        return False
    return mime_type.startswith("text/") or mime_type in GZipContentEncoding.CONTENT_TYPES


class CompressedStatic:
    """Mixed in before a StaticFileHandler subclass of Voila's (see :func:`compressed_handler`)."""

    original_path: str | None = None

    @property
    def sends_copy(self) -> bool:
        """Whether this response is the compressed copy rather than the file itself."""
        return self.original_path is not None and self.original_path != self.absolute_path  # type: ignore[attr-defined]

    def validate_absolute_path(self, root: str, absolute_path: str) -> str | None:
        found = super().validate_absolute_path(root, absolute_path)  # type: ignore[misc]
        self.original_path = found
        accepts = "gzip" in self.request.headers.get("Accept-Encoding", "")  # type: ignore[attr-defined]
        if found is not None and accepts and _compressible(found):
            return compressed_copy(found)
        return found

    # The size of what is sent (the copy, when compressed); the date of the file itself, so that
    # a browser's copy stays good across server restarts (a 304, not the file again).
    def get_content_size(self) -> int:
        return os.stat(self.absolute_path).st_size  # type: ignore[attr-defined]

    def get_modified_time(self) -> datetime.datetime:
        stamp = int(os.stat(self.original_path or self.absolute_path).st_mtime)  # type: ignore[attr-defined]
        return datetime.datetime.fromtimestamp(stamp, datetime.timezone.utc)

    def get_content_type(self) -> str:
        if self.sends_copy:
            mime_type, _encoding = mimetypes.guess_type(self.original_path or "")
            return mime_type or "application/octet-stream"
        return super().get_content_type()  # type: ignore[misc]

    def set_headers(self) -> None:
        super().set_headers()  # type: ignore[misc]
        handler: StaticFileHandler = self  # type: ignore[assignment]
        handler.set_header("Vary", "Accept-Encoding")
        if self.sends_copy:
            handler.set_header("Content-Encoding", "gzip")
        if HASHED_NAME.search(handler.path or ""):
            handler.set_header("Cache-Control", IMMUTABLE)


def compressed_handler(handler: type) -> type:
    """``handler`` serving compressed copies (any other handler class is returned as it is)."""
    if not (isinstance(handler, type) and issubclass(handler, StaticFileHandler)):
        return handler
    return type(f"Compressed{handler.__name__}", (CompressedStatic, handler), {})
