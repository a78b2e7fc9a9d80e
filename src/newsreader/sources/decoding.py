"""Undoing a response's Content-Encoding ourselves, in bounded steps.

httpx inflates a whole network chunk at once: 1,642 bytes of brotli became 1 GB in one
call. Here every layer (gzip, deflate with or without its zlib header, br; stacked as
the header lists them) yields at most STEP bytes per step, and what comes out of every
layer counts toward the body cap, so a compression bomb stops early in little memory.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import Protocol

import brotli

MAX_LAYERS = 4
"""Content-Encoding layers undone at most (a server has no reason for more)."""


class TooLarge(Exception):
    """The body is over its cap."""


class Unreadable(Exception):
    """A body that cannot be read as sent; the message says why."""


STEP = 1 << 20
"""Most bytes one decompression step produces, so memory per layer stays near this
whatever the ratio (httpx inflates a whole network chunk at once: 1,642 bytes of brotli
became 1 GB in one call)."""
BROTLI_BOUNDED = hasattr(brotli.Decompressor, "can_accept_more_data")
"""brotli >= 1.2 can cap a step's output (`output_buffer_limit`); older ones cannot."""


class _Layer(Protocol):
    def decode(self, data: bytes) -> Iterator[bytes]:
        """The output `data` makes, in pieces of about STEP bytes at most."""
        ...


class _Zlib:
    """gzip, or deflate (with or without the zlib header servers often leave out)."""

    def __init__(self, wbits: int | None) -> None:
        self._z = None if wbits is None else zlib.decompressobj(wbits)
        self._head = b""

    def decode(self, data: bytes) -> Iterator[bytes]:
        if self._z is None:  # deflate: the first two bytes tell whether a zlib header is there
            data = self._head + data
            if len(data) < 2:
                self._head = data
                return
            cmf, flg = data[0], data[1]
            wrapped = cmf & 0x0F == 8 and cmf >> 4 <= 7 and (cmf << 8 | flg) % 31 == 0
            self._z = zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)
        z = self._z
        while True:
            out = z.decompress(data, STEP)
            if out:
                yield out
            data = z.unconsumed_tail
            if not data and len(out) < STEP:  # a full step may leave output pending
                return


class _Brotli:
    """br: each step capped by brotli's output limit, or one input byte at a time."""

    def __init__(self) -> None:
        self._b = brotli.Decompressor()
        self._bounded = BROTLI_BOUNDED

    def decode(self, data: bytes) -> Iterator[bytes]:
        b = self._b
        if not self._bounded:
            # No output limit: one call inflates all it is given, but one byte of input
            # completes at most one meta-block (16 MiB), so feed it a byte at a time.
            # Slow, hence br is not asked for then (see _accept_encoding).
            view = memoryview(data)
            for i in range(len(view)):
                if out := b.process(view[i : i + 1]):
                    yield out
            return
        # A step may give about 2 x STEP. The decoder can hold output back even when it
        # would take more input, so it is asked again until it gives nothing.
        out = b.process(data, output_buffer_limit=STEP)
        while out:
            yield out
            out = b.process(b"", output_buffer_limit=STEP)


def accept_encoding() -> str:
    return "gzip, deflate, br" if BROTLI_BOUNDED else "gzip, deflate"


def layers(content_encoding: str) -> list[_Layer]:
    """Decoders for a Content-Encoding, the last one applied first; identity is none."""
    names = [n.strip() for n in content_encoding.split(",")]
    names = [n for n in names if n and n.lower() != "identity"]
    if len(names) > MAX_LAYERS:
        raise Unreadable(
            f"the answer is compressed {len(names)} times over (at most {MAX_LAYERS} are read)"
        )
    layers: list[_Layer] = []
    for name in reversed(names):
        kind = name.lower()
        if kind in ("gzip", "x-gzip"):
            layers.append(_Zlib(16 + zlib.MAX_WBITS))
        elif kind == "deflate":
            layers.append(_Zlib(None))
        elif kind == "br":
            layers.append(_Brotli())
        else:
            raise Unreadable(f"the answer is compressed in a way newsreader cannot read ({name})")
    return layers


class Body:
    """A body read from the raw stream, its compression undone in bounded steps.

    The raw bytes and every layer's output count toward the cap, so neither a bomb nor
    a layer that inflates to nothing the next layer keeps (empty deflate blocks) can
    make more than `limit` bytes of work per layer.
    """

    def __init__(self, content_encoding: str, limit: int) -> None:
        self._layers = layers(content_encoding)
        self._sizes = [0] * (len(self._layers) + 1)
        self._limit = limit
        self._chunks: list[bytes] = []

    def feed(self, raw: bytes) -> None:
        self._push(0, raw)

    def _push(self, depth: int, data: bytes) -> None:
        self._sizes[depth] += len(data)
        if self._sizes[depth] > self._limit:
            raise TooLarge
        if depth == len(self._layers):
            self._chunks.append(data)
            return
        for piece in self._layers[depth].decode(data):
            self._push(depth + 1, piece)

    def content(self) -> bytes:
        return b"".join(self._chunks)
