"""An upload kept encrypted on disk while it is read: a chat export never lies on disk as plain text.

Each upload is written through AES-CTR under a key that lives only in memory, to a file that is unlinked as
soon as it is created (a killed process leaves nothing behind). Reading decrypts on the fly and can seek, so
a zip archive is read in place. No Django here: the import worker, a separate process, reads the same file
through the descriptor and key it is handed.
"""

from __future__ import annotations

import io
import os
import tempfile
from typing import Any

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

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

    @classmethod
    def attach(cls, fd: int, key: bytes, nonce: bytes, size: int) -> SealedSpool:
        """A spool another process wrote, to read only: its descriptor, key, nonce and size."""
        spool = cls.__new__(cls)
        spool.fd, spool.key, spool.nonce, spool.size = fd, key, nonce, size
        return spool

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
