"""Read an upload in a child process with its own memory and time limits, so that one bad file cannot take
the server's memory with it. The child gets the encrypted spool's descriptor and key, reads and matches,
and hands back only the summary and the person's entries (a few bytes each); it writes nothing anywhere.

No Django here: the child starts in a fraction of a second (``python -m nocontact.imports.isolated``).
"""

from __future__ import annotations

import base64
import json
import os
import resource
import signal
import subprocess
import sys
from array import array
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from nocontact.domain.imports.collect import Log
from nocontact.domain.imports.guard import Limits
from nocontact.domain.imports.records import ImportFailed
from nocontact.domain.imports.summary import Matched, Summary, entries_of
from nocontact.imports.spool import SealedSpool

ROOT = Path(__file__).resolve().parent.parent.parent
REQUEST_MAX = 1024 * 1024
CHILD = (sys.executable, "-m", "nocontact.imports.isolated")


class ReaderStopped(Exception):
    """The child ran out of memory or time, or died: ``reason`` is 'memory', 'time' or 'died'."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Request:
    name: str
    person: str
    tz: str
    fmt: str
    me: str | None
    date_order: str | None
    group_counts: bool
    answered_within_hours: int
    message_channels: dict[str, str]


def read_and_match(spool: SealedSpool, request: Request, *, limits: Limits, memory_mb: int, seconds: int) -> Matched:
    """Run the reader in a child process. Raises ImportFailed for a file it can't read (as in-process), and
    ReaderStopped when it needed more than ``memory_mb`` of address space or ``seconds``, or died."""
    message = {
        "fd": spool.fd,
        "key": base64.b64encode(spool.key).decode(),
        "nonce": base64.b64encode(spool.nonce).decode(),
        "size": spool.size,
        "request": asdict(request),
        "limits": asdict(limits),
        "memory_mb": memory_mb,
        "seconds": seconds,
    }
    env = {"PYTHONPATH": str(ROOT), "PATH": os.environ.get("PATH", ""), "LANG": "C.UTF-8"}  # no secrets
    with subprocess.Popen(
        [*CHILD],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        pass_fds=(spool.fd,),
        env=env,
        cwd=str(ROOT),
    ) as child:
        try:
            out, _ = child.communicate(json.dumps(message).encode(), timeout=seconds)
        except subprocess.TimeoutExpired:
            child.kill()
            child.communicate()
            raise ReaderStopped("time") from None
    try:
        answer = json.loads(out) if out else {}
    except ValueError:
        answer = {}
    if not isinstance(answer, dict):
        answer = {}
    if "error" in answer:
        code, field = str(answer.get("code", "unreadable")), str(answer.get("field", ""))
        raise ImportFailed(str(answer["error"]), code=code, field=field)
    if answer.get("stopped") in ("memory", "time"):
        raise ReaderStopped(str(answer["stopped"]))
    if child.returncode != 0 or "summary" not in answer:
        raise ReaderStopped("time" if child.returncode == -signal.SIGXCPU else "died")  # the CPU limit ran out
    return _matched(answer)


def _matched(answer: dict[str, Any]) -> Matched:
    names = {f.name for f in fields(Summary)}
    summary = Summary(**{k: v for k, v in answer["summary"].items() if k in names})
    picked: list[tuple[Log, bool]] = []
    for item in answer["logs"]:
        log = Log(str(item["who"]), "", None)
        log.at.frombytes(base64.b64decode(item["at"]))
        log.kind.frombytes(base64.b64decode(item["kind"]))
        log.seconds.frombytes(base64.b64decode(item["seconds"]))
        if not len(log.at) == len(log.kind) == len(log.seconds):
            raise ReaderStopped("died")
        picked.append((log, bool(item["outgoing"])))
    channel = str(answer["channel"])
    return Matched(summary, entries_of(picked, channel), picked, channel)


# --- The child ----------------------------------------------------------------------------------------


def _lower(kind: int, soft: int, hard: int) -> None:
    """Set a limit, never above the one this process was started with (a process can't raise its own)."""
    _old, ceiling = resource.getrlimit(kind)
    if ceiling != resource.RLIM_INFINITY:
        soft, hard = min(soft, ceiling), min(hard, ceiling)
    resource.setrlimit(kind, (soft, hard))


def _limit(memory_mb: int, seconds: int) -> None:
    size = memory_mb * 1024 * 1024
    _lower(resource.RLIMIT_AS, size, size)
    cpu = max(seconds, 1) + 5  # the parent stops it at ``seconds`` of wall time; this is a second guard
    _lower(resource.RLIMIT_CPU, cpu, cpu + 5)
    _lower(resource.RLIMIT_FSIZE, 0, 0)  # it writes no file


def _answer(payload: dict[str, Any]) -> None:
    sys.stdout.buffer.write(json.dumps(payload, ensure_ascii=False).encode())
    sys.stdout.flush()


def _b64(values: array[int]) -> str:
    return base64.b64encode(values.tobytes()).decode()


def child(raw: bytes) -> dict[str, Any]:
    from zoneinfo import ZoneInfo

    from nocontact.domain.imports import sources
    from nocontact.domain.imports.summary import match

    message = json.loads(raw)
    request = Request(**message["request"])
    spool = SealedSpool.attach(
        int(message["fd"]),
        base64.b64decode(message["key"]),
        base64.b64decode(message["nonce"]),
        int(message["size"]),
    )
    limits = Limits(**message["limits"])
    try:
        collected = sources.read(
            sources.Blob(request.name, spool.open),
            fmt=request.fmt,
            tz=ZoneInfo(request.tz),
            date_order=request.date_order,
            limits=limits,
        )
        matched = match(
            collected,
            person=request.person,
            me=request.me,
            group_counts=request.group_counts,
            answered_within_hours=request.answered_within_hours,
            message_channel=request.message_channels.get(collected.format, "message"),
        )
    except ImportFailed as exc:
        return {"error": str(exc), "code": exc.code, "field": exc.field}
    except UnicodeDecodeError as exc:
        return {"error": f"unreadable text ({exc.reason})"}
    return {
        "summary": asdict(matched.summary),
        "channel": matched.message_channel,
        "logs": [
            {
                "who": log.who,
                "outgoing": outgoing,
                "at": _b64(log.at),
                "kind": _b64(log.kind),
                "seconds": _b64(log.seconds),
            }
            for log, outgoing in matched.picked
        ],
    }


def main() -> int:
    raw = sys.stdin.buffer.read(REQUEST_MAX)
    head = json.loads(raw)
    _limit(int(head["memory_mb"]), int(head["seconds"]))
    try:
        _answer(child(raw))
    except MemoryError:
        _answer({"stopped": "memory"})
        return 3
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
