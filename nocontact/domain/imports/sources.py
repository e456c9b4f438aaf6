"""Open an export (a file, or a zip read without extracting it), tell its format, and collect its records."""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO
from zoneinfo import ZoneInfo

from nocontact.domain.imports import meta, phone_xml, telegram, whatsapp
from nocontact.domain.imports.collect import Collected, collect
from nocontact.domain.imports.guard import Guard, Limits, too_long
from nocontact.domain.imports.records import ImportFailed

FORMATS = ("whatsapp", "telegram", "sms-xml", "calls-xml", "instagram", "messenger")
MESSAGE_CHANNEL = {"sms-xml": "text"}  # the others: "message"
# A zip member may expand to at most this many times its compressed size, and this much in all.
MAX_RATIO = 100
MAX_EXPANDED = 16 * 1024**3
_META_FILE = re.compile(r"(?:^|/)message_\d+\.json$")


@dataclass(frozen=True)
class Blob:
    """A file to read: its name, and a way to open it (again) as seekable bytes."""

    name: str
    open: Callable[[], IO[bytes]]


def _head(blob: Blob, size: int = 4096) -> bytes:
    with blob.open() as f:
        return f.read(size)


def _lines(opener: Callable[[], IO[bytes]], limits: Limits) -> Callable[[], Iterator[str]]:
    """The file's lines, none read whole if it is longer than the limit."""
    most = limits.field

    def open_lines() -> Iterator[str]:
        with opener() as raw, io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline=None) as text:
            read = text.readline
            number = 0
            while line := read(most):
                number += 1
                if len(line) == most and line[-1] != "\n":
                    raise ImportFailed(too_long(limits, "a single line").message, f"line {number}")
                yield line

    return open_lines


def _sniff(name: str, head: bytes) -> str:
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"<"):
        return "xml"
    if stripped.startswith(b"{"):
        meta_keys = b'"sender_name"' in head and b'"timestamp_ms"' in head  # a thread without its participants
        if b'"participants"' in head or _META_FILE.search(name) or meta_keys:
            return "instagram" if meta.looks_like_instagram(head, name) else "messenger"
        return "telegram"
    return "whatsapp"


def _checked(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    if info.file_size > MAX_EXPANDED or info.file_size > MAX_RATIO * max(info.compress_size, 1) + 1024 * 1024:
        raise ImportFailed("this archive expands far beyond its own size, so it was not opened", info.filename)
    return info


def _zip_members(blob: Blob) -> tuple[zipfile.ZipFile, list[zipfile.ZipInfo]]:
    try:
        archive = zipfile.ZipFile(blob.open())
        infos = [i for i in archive.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ImportFailed(f"this zip archive can't be read ({exc})") from None
    if sum(i.file_size for i in infos) > MAX_EXPANDED:
        raise ImportFailed("this archive expands far beyond a sane size, so it was not opened")
    return archive, infos


def _member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Blob:
    _checked(info)

    def open_member() -> IO[bytes]:
        try:
            return archive.open(info)
        except RuntimeError:  # zipfile's word for a member that needs a password
            raise ImportFailed("this part of the archive is protected by a password", info.filename) from None
        except NotImplementedError:
            raise ImportFailed("this part of the archive is packed in a way we can't read", info.filename) from None

    return Blob(info.filename, open_member)


def read(
    blob: Blob, *, fmt: str = "auto", tz: ZoneInfo, date_order: str | None = None, limits: Limits | None = None
) -> Collected:
    if fmt != "auto" and fmt not in FORMATS:
        raise ImportFailed(
            f"expected a format we know ({', '.join(FORMATS)}), found “{fmt[:20]}”",
            code="format",
            field="format",
        )
    head = _head(blob)
    if not head:
        raise ImportFailed("the file is empty")
    guard = Guard(limits or Limits())
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        try:
            return _read_zip(blob, fmt=fmt, tz=tz, date_order=date_order, guard=guard)
        except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
            # A member that doesn't match what the archive says of it: another size, or another checksum.
            raise ImportFailed(
                "this zip archive is damaged: a file in it doesn't match the size or checksum the archive gives "
                f"for it ({str(exc)[:120]}), so nothing was imported"
            ) from None
    kind = _sniff(blob.name, head) if fmt == "auto" else fmt
    return _read_one(blob, kind, tz=tz, date_order=date_order, guard=guard)


def _read_one(blob: Blob, kind: str, *, tz: ZoneInfo, date_order: str | None, guard: Guard) -> Collected:
    if kind in ("xml", "sms-xml", "calls-xml"):
        root = phone_xml.root_tag(blob.open, guard)
        found = {"smses": "sms-xml", "calls": "calls-xml"}.get(root)
        if found is None or (kind != "xml" and kind != found):
            want = {"sms-xml": "<smses>", "calls-xml": "<calls>"}.get(kind, "<smses> or <calls>")
            raise ImportFailed(
                f"expected {want} from SMS Backup & Restore, found <{root[:40]}>",
                "the first element",
                code="format",
                field="format",
            )
        return collect(found, phone_xml.parse(blob.open, expect=root, guard=guard), guard=guard)
    if kind == "telegram":
        records, owner = telegram.parse(blob.open, tz=tz, guard=guard)
        return collect("telegram", records, me_hint=owner, guard=guard)
    if kind in ("instagram", "messenger"):
        return _read_meta([blob], kind, guard)
    if kind == "whatsapp":
        chat = whatsapp.chat_name(blob.name)
        lines = _lines(blob.open, guard.limits)
        notes = whatsapp.Notes()
        records = whatsapp.parse(lines, tz=tz, order=date_order, chat=chat, guard=guard, notes=notes)
        collected = collect("whatsapp", records, guard=guard)
        if notes.group:
            collected.groups.add(chat)
        return collected
    raise ImportFailed(f"expected a format we know, found “{kind[:20]}”", code="format", field="format")


def _read_meta(blobs: list[Blob], kind: str, guard: Guard) -> Collected:
    members: dict[str, list[str]] = {}
    threads: list[tuple[Blob, str]] = []
    for blob in blobs:
        names, title = meta.participants(blob.open, blob.name, guard)
        chat = blob.name.rsplit("/", 1)[0] if "/" in blob.name else (title or blob.name)
        members.setdefault(chat, names)
        threads.append((blob, chat))

    def records() -> Iterator:  # type: ignore[type-arg]
        for blob, chat in threads:
            yield from meta.parse(blob.open, chat=chat, where=blob.name, guard=guard)

    return collect(kind, records(), me_hint=meta.me_from_threads(members), members=members, guard=guard)


def _read_zip(blob: Blob, *, fmt: str, tz: ZoneInfo, date_order: str | None, guard: Guard) -> Collected:
    archive, infos = _zip_members(blob)
    names = [i.filename for i in infos]
    by_name = {i.filename: i for i in infos}
    metas = [n for n in names if _META_FILE.search(n) and "/messages/" in f"/{n}"]
    if fmt in ("instagram", "messenger") or (fmt == "auto" and metas):
        if not metas:
            raise ImportFailed("this archive holds no message_1.json files")
        kind = fmt if fmt != "auto" else ("instagram" if any("instagram" in n.lower() for n in names) else "messenger")
        if fmt == "auto" and kind == "messenger":
            with _member(archive, by_name[metas[0]]).open() as first:
                head = first.read(65536)
            kind = "instagram" if meta.looks_like_instagram(head, metas[0]) else "messenger"
        return _read_meta([_member(archive, by_name[n]) for n in sorted(metas)], kind, guard)
    results = [n for n in names if n.rsplit("/", 1)[-1] == "result.json"]
    if fmt == "telegram" or (fmt == "auto" and results):
        if not results:
            raise ImportFailed("this archive holds no result.json")
        return _read_one(_member(archive, by_name[results[0]]), "telegram", tz=tz, date_order=date_order, guard=guard)
    xmls = [n for n in names if n.lower().endswith(".xml")]
    if fmt in ("sms-xml", "calls-xml") or (fmt == "auto" and xmls):
        if not xmls:
            raise ImportFailed("this archive holds no .xml file")
        return _read_one(
            _member(archive, by_name[xmls[0]]),
            fmt if fmt != "auto" else "xml",
            tz=tz,
            date_order=date_order,
            guard=guard,
        )
    texts = [n for n in names if n.lower().endswith(".txt")]
    if fmt in ("auto", "whatsapp") and texts:
        chosen = next((n for n in texts if n.rsplit("/", 1)[-1] == "_chat.txt" or "whatsapp" in n.lower()), texts[0])
        return _read_one(_member(archive, by_name[chosen]), "whatsapp", tz=tz, date_order=date_order, guard=guard)
    shown = ", ".join(f"“{n.rsplit('/', 1)[-1][:40]}”" for n in names[:5]) + (" …" if len(names) > 5 else "")
    raise ImportFailed(
        "expected a chat export in this archive (a WhatsApp .txt, Telegram's result.json, message_1.json from "
        f"Instagram or Messenger, or an SMS Backup & Restore .xml), found {shown or 'no files'}",
        code="format",
        field="format",
    )
