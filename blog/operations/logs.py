"""Logs as one JSON object a line, with nothing in them that identifies a reader.

Log collectors (journald, Loki, CloudWatch...) read JSON lines field by field. What a line
may not carry, whatever code wrote it: an email address (replaced by "[email]"), a full IP
address (the last part of an IPv4 address and all but the first three groups of an IPv6
one are cut off), a password, token or key given as `name=value`. The same rules apply to
gunicorn's access log (`AccessLogger`, see gunicorn.conf.py)."""

import ipaddress
import json
import logging
import re
from datetime import UTC, datetime

from gunicorn.glogging import Logger as GunicornLogger

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
IPV4 = re.compile(r"\b(\d{1,3}\.\d{1,3}\.\d{1,3})\.\d{1,3}\b")
IPV6 = re.compile(r"(?<![\w:.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![\w:])")
SECRET = re.compile(
    r"(?i)\b(password|passwd|secret|token|api[_-]?key|sessionid|csrftoken)=[^\s&;,]+"
)


def _short_ipv6(match: re.Match) -> str:
    try:
        address = ipaddress.IPv6Address(match.group(0))
    except ValueError:
        return match.group(0)  # a time such as 12:30:45, not an address
    return ":".join(address.exploded.split(":")[:3]) + "::/48"


def redact(text: str) -> str:
    text = EMAIL.sub("[email]", text)
    text = SECRET.sub(lambda m: f"{m.group(1)}=[hidden]", text)
    text = IPV4.sub(r"\1.0", text)
    return IPV6.sub(_short_ipv6, text)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": redact(record.getMessage()),
        }
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path"):
            entry["method"], entry["path"] = request.method, redact(request.path)
        if getattr(record, "status_code", None):
            entry["status"] = record.status_code
        if record.exc_info:
            entry["error"] = redact(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False)


class AccessLogger(GunicornLogger):
    """gunicorn's access log as JSON lines, the client address shortened as above."""

    def access(self, resp, req, environ, request_time):
        if not self.access_log_enabled:
            return
        status = resp.status.split(None, 1)[0] if isinstance(resp.status, str) else resp.status
        entry = {
            "time": datetime.now(UTC).isoformat(timespec="milliseconds"),
            "client": redact(environ.get("REMOTE_ADDR", "")),
            "method": environ.get("REQUEST_METHOD", ""),
            "path": redact(environ.get("PATH_INFO", "")),
            "status": int(status),
            "bytes": getattr(resp, "sent", None) or 0,
            "ms": round(request_time.total_seconds() * 1000, 1),
            "agent": environ.get("HTTP_USER_AGENT", "")[:200],
        }
        self.access_log.info(json.dumps(entry, ensure_ascii=False))
