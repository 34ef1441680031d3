"""Keep secrets out of the server's terminal: page addresses carry personal tokens, facilitator
keys and join codes, and Voila and Tornado log addresses in several places (the access log, the
404 and error messages). One log-record factory in the Voila process scrubs every message."""

from __future__ import annotations

import logging
import re

__all__ = ["SECRET_PARAMETER", "install_log_redaction", "redact"]

# The value of any query parameter whose name holds "token", "key" or "code" (as Jupyter
# Server's own access log scrubs them), wherever an address appears in a message.
SECRET_PARAMETER = re.compile(r"([?&][\w-]*(?:token|key|code)[\w-]*=)[^&\s'\"<>]+", re.IGNORECASE)


def redact(text: str) -> str:
    return SECRET_PARAMETER.sub(r"\1[secret]", text)


def install_log_redaction() -> None:
    """Scrub every log message made from now on in this process (idempotent)."""
    previous = logging.getLogRecordFactory()
    if getattr(previous, "cocreate_redacts", False):
        return

    def record_factory(*args, **kwargs):
        record = previous(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # a malformed record is logging's own business
            return record
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        return record

    # mypy has no way to declare an attribute on a function; the marker makes installing idempotent.
    record_factory.cocreate_redacts = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(record_factory)
