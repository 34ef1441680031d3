"""Secrets in page addresses never reach the server's terminal."""

from __future__ import annotations

import logging

from cocreate_kit.server.redact import install_log_redaction, redact


def test_tokens_keys_and_codes_are_scrubbed_wherever_an_address_appears():
    """Any parameter named like a token, key or code loses its value; the rest of the line stays."""
    line = "404 GET /p.ipynb?workshop=ab12&token=t0k3n (127.0.0.1): no 'x?key=k3y&code=ABC123'"
    expected = "404 GET /p.ipynb?workshop=ab12&token=[secret] (127.0.0.1): no 'x?key=[secret]&code=[secret]'"
    assert expected == redact(line)
    assert "a monkey=banana stays" == redact("a monkey=banana stays")  # not a query parameter


def test_every_log_message_of_the_process_is_scrubbed(caplog):
    """Once installed, a message logged with the secret as an argument is stored scrubbed."""
    previous = logging.getLogRecordFactory()
    try:
        install_log_redaction()
        install_log_redaction()  # twice is once
        with caplog.at_level(logging.WARNING, logger="tornado.general"):
            logging.getLogger("tornado.general").warning("%d %s", 404, "GET /x?token=s3cr3t")
        assert ["404 GET /x?token=[secret]"] == [record.getMessage() for record in caplog.records]
    finally:
        logging.setLogRecordFactory(previous)
