"""Local files and folders: saved pages, plain-text copies, Markdown and feed files.

Saved pages come as a browser saves them: HTML ("Web Page, Complete" also writes a
`NAME_files/` folder of the page's parts, which a folder scan passes over) or MHTML
(.mhtml, .mht: one file holding the page and its parts).

The format is chosen by extension, then by a look at the content when the extension
says nothing. A folder is walked recursively (hidden entries and symlinked folders are
skipped, so a link loop cannot trap the walk); one bad file is an error value for that
file, and the rest of the folder is still read.

File names are outside text too: a name can hold terminal escapes or bytes that are not
UTF-8. Paths stay as they are for opening files; every name that becomes text (a title,
a source, an error) goes through `path_text`. Only regular files are read, never more than
MAX_FILE_BYTES of them, so a FIFO, a device or a /proc file cannot stall a scan.
"""

from __future__ import annotations

import os
import re
import stat
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from newsreader.errors import DecodeError, SourceError, UnsupportedFormatError
from newsreader.extraction.charset import decode_bytes
from newsreader.extraction.page import ExtractedPage
from newsreader.models import Article, file_scope, local_file_id
from newsreader.sanitize import clean_name

MAX_FILE_BYTES = 64 * 1024 * 1024
"""Larger files are refused: no saved article is that big, and we read files whole."""
_CHUNK = 1 << 20


def path_text(path: Path | str) -> str:
    """A path as text to store or show whole (a source's name): no escapes, undecodable
    bytes as U+FFFD. One-line messages cut it further with `sanitize.shown`."""
    return clean_name(str(path))


def _limit() -> str:
    mb = MAX_FILE_BYTES // 1_048_576
    return f"{mb} MB" if mb else f"{MAX_FILE_BYTES} bytes"


class FileKind(StrEnum):
    """The formats newsreader reads from disk."""

    TEXT = "text"
    HTML = "html"
    MHTML = "mhtml"
    MARKDOWN = "markdown"
    FEED = "feed"


_BY_SUFFIX: dict[str, FileKind] = {
    ".txt": FileKind.TEXT,
    ".text": FileKind.TEXT,
    ".html": FileKind.HTML,
    ".htm": FileKind.HTML,
    ".xhtml": FileKind.HTML,
    ".mhtml": FileKind.MHTML,
    ".mht": FileKind.MHTML,
    ".md": FileKind.MARKDOWN,
    ".markdown": FileKind.MARKDOWN,
    ".xml": FileKind.FEED,
    ".rss": FileKind.FEED,
    ".atom": FileKind.FEED,
    ".rdf": FileKind.FEED,
    ".feed": FileKind.FEED,
    ".json": FileKind.FEED,
}


def kind_for(path: Path) -> FileKind | None:
    """The format a file name announces (a trailing `.gz` is looked through)."""
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return _BY_SUFFIX.get(Path(name).suffix)


def sniff(data: bytes) -> FileKind:
    """The format of content whose name did not say."""
    from newsreader.extraction.mhtml import looks_like_mhtml

    if looks_like_mhtml(data):
        return FileKind.MHTML
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"{"):
        return FileKind.FEED
    if re.match(rb"<\?xml|<rss|<feed|<rdf:rdf", head):
        return FileKind.HTML if b"<html" in head else FileKind.FEED
    if re.match(rb"<!doctype html|<html|<head|<body|<meta|<!--", head):
        return FileKind.HTML
    if head.startswith(b"---\n") or head.startswith(b"# "):
        return FileKind.MARKDOWN
    return FileKind.TEXT


def _regular(mode: int, name: str) -> None:
    """Refuse anything but a regular file: reading a FIFO or a device can wait forever."""
    if not stat.S_ISREG(mode):
        raise SourceError(name, "is a directory" if stat.S_ISDIR(mode) else "not a regular file")


def read_bytes(path: Path) -> bytes:
    """The file's bytes, gunzipped if it is `.gz`; errors name the file and the reason.

    The type is checked before opening (opening some devices has effects) and again on
    the open file (it may have been swapped since); the open never waits (O_NONBLOCK)
    and the read stops after MAX_FILE_BYTES whatever the size said (/proc says 0).
    """
    name = path_text(path)
    try:
        _regular(os.stat(path).st_mode, name)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
        try:
            info = os.fstat(fd)
            _regular(info.st_mode, name)
            if info.st_size > MAX_FILE_BYTES:
                size = info.st_size // 1_048_576
                raise SourceError(name, f"file too large ({size} MB; limit is {_limit()})")
            data = _read_capped(fd, name)
        finally:
            os.close(fd)
    except SourceError:
        raise
    except FileNotFoundError:
        raise SourceError(name, "no such file or directory") from None
    except PermissionError:
        raise SourceError(name, "permission denied") from None
    except BlockingIOError:
        raise SourceError(name, "not an ordinary file (reading it would wait)") from None
    except OSError as exc:
        raise SourceError(name, exc.strerror or str(exc)) from None
    if path.name.lower().endswith(".gz"):
        data = _gunzip(data, name)
    return data


def _read_capped(fd: int, name: str) -> bytes:
    """At most MAX_FILE_BYTES from `fd`; one byte more is an error, not a longer read."""
    chunks: list[bytes] = []
    total = 0
    while chunk := os.read(fd, min(_CHUNK, MAX_FILE_BYTES + 1 - total)):
        chunks.append(chunk)
        total += len(chunk)
        if total > MAX_FILE_BYTES:
            raise SourceError(name, f"file too large (more than {_limit()})")
    return b"".join(chunks)


def _gunzip(data: bytes, name: str) -> bytes:
    """Decompress with a cap, so a small gzip bomb cannot fill memory."""
    try:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        out = inflater.decompress(data, MAX_FILE_BYTES + 1)
    except zlib.error as exc:
        raise SourceError(name, f"not a valid gzip file ({exc})") from None
    if len(out) > MAX_FILE_BYTES:
        raise SourceError(name, f"decompresses to more than {_limit()}")
    return out


def read_file(path: Path, *, kind: FileKind | None = None, url: str | None = None) -> list[Article]:
    """The articles in one file (one, or each entry of a feed file).

    `url` is where a saved page came from (`read --url`): its dates and author in the
    address count, its relative links resolve against it. Else the page's own canonical
    link says, or an MHTML file's Content-Location.
    """
    data = _drop_nul_padding(read_bytes(path))
    kind = kind or kind_for(path) or sniff(data)
    name = path_text(path)
    if kind is FileKind.FEED:
        from newsreader.sources.feeds import parse_feed

        try:
            scope = file_scope(str(path.resolve()))
            return parse_feed(data, path_text(path.name), scope=scope).articles
        except SourceError as exc:  # name the file as the user gave it, not just its name
            raise type(exc)(name, exc.reason) from None
    if kind is FileKind.MHTML:
        from newsreader.extraction.mhtml import MhtmlError, read_mhtml

        try:
            saved = read_mhtml(data)
        except MhtmlError as exc:
            raise DecodeError(name, str(exc)) from None
        if saved is None:
            raise DecodeError(name, "no web page in this MHTML file")
        return [_from_html(saved.html, path, url or saved.url)]
    if b"\x00" in data[:8192] and not data.startswith(_WIDE_BOMS):
        raise UnsupportedFormatError(name, "binary file, not text")
    text, _encoding = decode_bytes(data)
    if kind is FileKind.HTML:
        return [_from_html(text, path, url)]
    if kind is FileKind.MARKDOWN:
        return [_from_markdown(text, path)]
    return [_from_text(text, path)]


_WIDE_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")
"""UTF-16 and UTF-32 byte order marks: their text is full of NUL bytes."""


def _drop_nul_padding(data: bytes) -> bytes:
    """Text with the NUL bytes some tools and disks pad files with cut off its end."""
    if data.endswith(b"\x00") and not data.startswith(_WIDE_BOMS):
        return data.rstrip(b"\x00")
    return data


def _title_from_name(path: Path) -> str:
    stem = path.name
    for suffix in (".gz", path.suffixes[-2] if len(path.suffixes) > 1 else "", path.suffix):
        if suffix and stem.lower().endswith(suffix.lower()):
            stem = stem[: -len(suffix)]
    return path_text(re.sub(r"[_-]+", " ", stem)) or path_text(path.name)


def _local_id(path: Path) -> str:
    """A file holding one article is that article: editing it updates, never duplicates."""
    return local_file_id(str(path.resolve()))


def _from_text(text: str, path: Path) -> Article:
    from newsreader.extraction.plaintext import parse_plaintext

    page = parse_plaintext(text)
    if not page.body and not page.title:
        raise DecodeError(path_text(path), "no text in file")
    return _article(page, path)


def _from_html(text: str, path: Path, url: str | None = None) -> Article:
    from newsreader.extraction.html import extract_page

    return _article(extract_page(text, url), path)


def _from_markdown(text: str, path: Path) -> Article:
    from newsreader.extraction.markdown import parse_markdown

    return _article(parse_markdown(text), path)


def _article(page: ExtractedPage, path: Path) -> Article:
    """A saved file's article: kept as saved, named after the file when it has no title."""
    return Article(
        id=_local_id(path),
        source=path_text(path.name),
        title=page.title or _title_from_name(path),
        url=page.url,
        authors=tuple(page.authors),
        published=page.published,
        updated=page.updated,
        section=page.section,
        site=page.site,
        dateline=page.dateline,
        caption=page.caption,
        editors=tuple(page.editors),
        summary=page.summary,
        body=tuple(page.body),
        language=page.language,
        tags=tuple(page.tags),
        saved=True,
    )


@dataclass(frozen=True, slots=True)
class FileResult:
    """What one file in a folder gave: its articles, or the error that stopped it."""

    path: Path
    articles: tuple[Article, ...] = ()
    error: SourceError | None = None


def iter_files(
    folder: Path, *, special: bool = False, errors: list[OSError] | None = None
) -> Iterator[Path]:
    """Regular files under `folder` with a name we read, recursively, in a stable order;
    hidden ones skipped. With `special`, FIFOs, devices and sockets come too, for a scan
    to report them (`read_bytes` refuses them without waiting); dangling links never.
    Folders that cannot be listed are added to `errors` (else passed over)."""
    onerror = errors.append if errors is not None else None
    for root, dirs, files in os.walk(folder, onerror=onerror, followlinks=False):
        dirs[:] = sorted(
            d for d in dirs if not d.startswith(".") and not _saved_page_parts(d, files)
        )
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = Path(root, name)
            if kind_for(path) is None:
                continue
            try:
                mode = os.stat(path).st_mode
            except OSError:
                continue
            if stat.S_ISREG(mode) or (special and not stat.S_ISDIR(mode)):
                yield path


def _saved_page_parts(folder: str, files: list[str]) -> bool:
    """Whether a folder is the `NAME_files` a browser's "Web Page, Complete" save put
    beside `NAME.html`: its scripts, styles and frames are the page's, not articles."""
    if not folder.endswith("_files"):
        return False
    stem = folder[: -len("_files")]
    return any(f"{stem}{ext}" in files for ext in (".html", ".htm", ".xhtml", ".HTML", ".HTM"))


def _read_one(path: Path, url: str | None = None) -> FileResult:
    """One file's result; even a bug of ours on a strange file stays on that file."""
    try:
        return FileResult(path, tuple(read_file(path, url=url)))
    except SourceError as exc:
        return FileResult(path, error=exc)
    except (RecursionError, MemoryError, ValueError, LookupError, TypeError, AttributeError) as exc:
        reason = f"internal error while reading ({type(exc).__name__}); please report it"
        return FileResult(path, error=SourceError(path_text(path), reason))


def read_folder(folder: Path) -> Iterator[FileResult]:
    """Each supported file under `folder`; a JSON file that is not a feed is passed over."""
    from newsreader.sources.jsonfeed import is_json_feed

    for path in iter_files(folder):
        try:
            if path.suffix.lower() == ".json" and not is_json_feed(read_bytes(path)):
                continue  # package.json and friends: not ours to complain about
        except SourceError as exc:
            yield FileResult(path, error=exc)
            continue
        yield _read_one(path)


def read_path(path: Path, *, url: str | None = None) -> Iterator[FileResult]:
    """A file's or a folder's articles, one result per file; `url` (where a saved page
    came from) applies to a file, not to a folder's many pages."""
    try:
        is_dir = path.is_dir()
    except OSError as exc:  # e.g. a parent folder we may not enter
        yield FileResult(path, error=SourceError(path_text(path), exc.strerror or str(exc)))
        return
    if is_dir:
        yield from read_folder(path)
        return
    yield _read_one(path, url)
