"""Uploads streamed into a SealedSpool (see spool.py): a chat export never lies on disk as plain text."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopUpload

from nocontact.imports.spool import SealedSpool


class SealedUpload(UploadedFile):  # type: ignore[type-arg]
    def __init__(self, spool: SealedSpool, name: str, content_type: str | None) -> None:
        super().__init__(file=None, name=name, content_type=content_type, size=spool.size)
        self.spool = spool

    def close(self) -> None:
        self.spool.close()


class TooBig(Exception):
    pass


class SealedUploadHandler(FileUploadHandler):
    """Stream an upload into a SealedSpool; refuse it once it passes ``limit`` bytes."""

    def __init__(self, request: Any, *, limit: int, directory: str | None = None) -> None:
        super().__init__(request)
        self.limit = limit
        self.directory = directory
        self.spool: SealedSpool | None = None
        self.too_big = False

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.spool = SealedSpool(self.directory)

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        assert self.spool is not None
        if self.spool.size + len(raw_data) > self.limit:
            self.too_big = True
            self.spool.close()
            raise StopUpload(connection_reset=False)
        self.spool.write(raw_data)
        return None

    def file_complete(self, file_size: int) -> SealedUpload | None:
        if self.spool is None:
            return None
        return SealedUpload(self.spool, self.file_name or "upload", self.content_type)
