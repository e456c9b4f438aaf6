"""Uploads kept encrypted on disk while they are read: a chat export never lies on disk as plain text.

Each upload is written through AES-CTR under a key that lives only in this process's memory, to a file
that is unlinked as soon as it is created (a killed process leaves nothing behind). Reading decrypts
on the fly and can seek, so a zip archive is read in place.
"""

from __future__ import annotations

import io
import os
import tempfile
from typing import Any

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopUpload

BLOCK = 16


class SealedSpool:
    """Bytes written once, encrypted; read back (and seeked) in plain text."""

    def __init__(self, directory: str | None = None) -> None:
        fd, path = tempfile.mkstemp(prefix="nocontact-upload-", dir=directory)
        os.unlink(path)
        self.fd = fd
        self.key = os.urandom(32)
        self.nonce = os.urandom(8)
        self.size = 0
        self._encryptor = self._cipher(0).encryptor()

    def _cipher(self, block: int) -> Cipher[modes.CTR]:
        return Cipher(algorithms.AES(self.key), modes.CTR(self.nonce + block.to_bytes(8, "big")))

    def write(self, data: bytes) -> None:
        os.write(self.fd, self._encryptor.update(data))
        self.size += len(data)

    def read_at(self, offset: int, size: int) -> bytes:
        block, skip = divmod(offset, BLOCK)
        sealed = os.pread(self.fd, size + skip, block * BLOCK)
        return self._cipher(block).decryptor().update(sealed)[skip:]

    def open(self) -> io.BufferedReader:
        return io.BufferedReader(_Reader(self), buffer_size=256 * 1024)

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


class _Reader(io.RawIOBase):
    def __init__(self, spool: SealedSpool) -> None:
        self.spool = spool
        self.pos = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self.pos, io.SEEK_END: self.spool.size}[whence]
        self.pos = max(0, base + offset)
        return self.pos

    def readinto(self, buffer: Any) -> int:
        wanted = min(len(buffer), self.spool.size - self.pos)
        if wanted <= 0:
            return 0
        data = self.spool.read_at(self.pos, wanted)
        buffer[: len(data)] = data
        self.pos += len(data)
        return len(data)


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
