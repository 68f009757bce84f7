"""Logs are JSON lines, and no line names a reader: no email, no full IP address, no
password or token, from the application or from gunicorn's access log."""

import json
import logging
import sys
from datetime import timedelta
from types import SimpleNamespace

from django.conf import settings
from gunicorn.config import Config

from blog.operations.logs import AccessLogger, JsonFormatter, redact


def test_redaction_keeps_what_helps_and_drops_what_identifies():
    line = redact(
        "nino@example.org from 203.0.113.77 and 2001:db8:85a3::8a2e:370:7334 at 12:30:45 "
        "sent password=hunter2 to /stop?token=abc.def&page=2"
    )
    assert line == (
        "[email] from 203.0.113.0 and 2001:0db8:85a3::/48 at 12:30:45 "
        "sent password=[hidden] to /stop?token=[hidden]&page=2"
    )


def test_application_log_lines_are_json_with_request_and_error(rf):
    request = rf.post("/post/river/comments/")
    try:
        raise ValueError("bad value from leyla@example.org")
    except ValueError:
        record = logging.getLogger("django.request").makeRecord(
            "django.request", logging.ERROR, __file__, 1, "Internal Server Error: %s",
            (request.path,), sys.exc_info(), extra={"status_code": 500, "request": request},
        )  # fmt: skip
    entry = json.loads(JsonFormatter().format(record))
    assert entry["level"] == "ERROR"
    assert entry["logger"] == "django.request"
    assert entry["message"] == "Internal Server Error: /post/river/comments/"
    assert (entry["method"], entry["path"], entry["status"]) == (
        "POST", "/post/river/comments/", 500
    )  # fmt: skip
    assert "ValueError" in entry["error"]
    assert "leyla@example.org" not in entry["error"]


def test_the_site_logs_json_unless_asked_for_text():
    assert settings.LOGGING["handlers"]["console"]["formatter"] == "json"
    assert settings.LOGGING["formatters"]["json"]["()"] == "blog.operations.logs.JsonFormatter"


def test_gunicorn_access_log_is_json_without_the_full_address(capsys):
    config = Config()
    config.set("accesslog", "-")
    logger = AccessLogger(config)
    response = SimpleNamespace(status="200 OK", sent=5120)
    environ = {"REMOTE_ADDR": "198.51.100.23", "REQUEST_METHOD": "GET",
               "PATH_INFO": "/comments/stop-mail/x/", "HTTP_USER_AGENT": "Firefox"}  # fmt: skip
    logger.access(response, None, environ, timedelta(milliseconds=12.5))
    entry = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert entry["client"] == "198.51.100.0"
    assert (entry["method"], entry["path"], entry["status"]) == (
        "GET", "/comments/stop-mail/x/", 200
    )  # fmt: skip
    assert entry["bytes"] == 5120 and entry["ms"] == 12.5
