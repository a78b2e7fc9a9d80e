"""Saved articles as Markdown files, with front matter newsreader itself reads back.

File names come from titles, which are untrusted: they lose path separators, `..`,
control and reserved characters, and are bounded in length (in bytes: file systems count
bytes, and 80 four-byte characters are past their 255); a name that is taken, even by a
dangling symbolic link, gets a number, so an export never writes over or through
anything. One file that cannot be written does not stop the others.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

from newsreader.models import Article, Block, BlockKind, Run

MAX_NAME = 80
"""Characters of a title kept in a file name."""
MAX_NAME_BYTES = 200
"""And at most this many bytes of UTF-8, leaving room for " (12).md" under 255."""
_UNSAFE = re.compile(r'[\x00-\x1f\x7f-\x9f/\\:*?"<>|]+')
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#])")


def safe_filename(title: str, fallback: str, suffix: str = ".md") -> str:
    """A file name from a title: no separators, no `..`, no controls, at most MAX_NAME."""
    name = unicodedata.normalize("NFC", title)
    name = _UNSAFE.sub(" ", name)
    name = re.sub(r"\s+", " ", name).strip(" .")  # no leading dots: no hidden files, no ..
    name = name.replace("..", ".")
    if len(name) > MAX_NAME:
        name = name[:MAX_NAME].rstrip(" .")
    if len(name.encode("utf-8", "surrogatepass")) > MAX_NAME_BYTES:
        cut = name.encode("utf-8", "surrogatepass")[:MAX_NAME_BYTES]
        name = cut.decode("utf-8", "ignore").rstrip(" .")  # never half a character
    return (name or fallback) + suffix


def _escape(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def _runs(runs: tuple[Run, ...]) -> str:
    out = []
    for run in runs:
        text = run.text
        if not text.strip():
            out.append(text)
            continue
        if run.code:
            piece = f"`{text.replace('`', '')}`"
        else:
            piece = _escape(text)
            if run.bold:
                piece = f"**{piece}**"
            if run.italic:
                piece = f"*{piece}*"
        if run.link:
            piece = f"[{piece}]({run.link.replace(')', '%29')})"
        out.append(piece)
    return "".join(out).replace("\n", "  \n")


def _block(block: Block) -> str:
    kind = block.kind
    if kind is BlockKind.HEADING:
        return "#" * max(1, min(block.level, 6)) + " " + _runs(block.runs)
    if kind is BlockKind.LIST_ITEM:
        indent = "  " * block.level
        marker = f"{block.ordinal}." if block.ordinal > 0 else "-" if block.ordinal == 0 else " "
        return f"{indent}{marker} {_runs(block.runs)}"
    if kind is BlockKind.QUOTE:
        return "> " * (block.level + 1) + _runs(block.runs)
    if kind is BlockKind.CODE:
        fence = "````" if "```" in block.text else "```"
        return f"{fence}\n{block.text}\n{fence}"
    if kind is BlockKind.TABLE:
        rows = [[_escape(c).replace("|", "\\|") for c in row] for row in block.rows]
        if not rows:
            return ""
        head = rows[0] if block.header else [""] * len(rows[0])
        body = rows[1:] if block.header else rows
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        lines += ["| " + " | ".join(row) + " |" for row in body]
        return "\n".join(lines)
    if kind is BlockKind.IMAGE:
        return f"![{_escape(block.text)}]({block.src or ''})"
    if kind is BlockKind.RULE:
        return "---"
    return _runs(block.runs)


def _yaml(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_markdown(article: Article) -> str:
    """The article as Markdown with YAML-style front matter."""
    meta = [("title", article.title)]
    if article.authors:
        meta.append(("author", ", ".join(article.authors)))
    if article.published:
        meta.append(("date", article.published))
    if article.site or article.source:
        meta.append(("source", article.site or article.source))
    if article.url:
        meta.append(("url", article.url))
    front = "---\n" + "".join(f"{k}: {_yaml(v)}\n" for k, v in meta) + "---\n\n"
    parts: list[str] = []
    previous_list = False
    for block in article.body:
        text = _block(block)
        is_list = block.kind is BlockKind.LIST_ITEM
        if parts:
            parts.append("\n" if is_list and previous_list else "\n\n")
        parts.append(text)
        previous_list = is_list
    if not article.body and article.summary:
        parts.append(_escape(article.summary))
    return front + f"# {_escape(article.title)}\n\n" + "".join(parts) + "\n"


def export_articles(articles: list[Article], folder: Path) -> list[tuple[Article, Path | OSError]]:
    """Write each article to `folder` (created if needed): the file written, or why not,
    for each article in turn."""
    folder.mkdir(parents=True, exist_ok=True)
    results: list[tuple[Article, Path | OSError]] = []
    for article in articles:
        try:
            results.append(
                (
                    article,
                    _write_new(
                        folder, safe_filename(article.title, article.id), to_markdown(article)
                    ),
                )
            )
        except OSError as exc:
            results.append((article, exc))
    return results


def _write_new(folder: Path, name: str, text: str) -> Path:
    """Create a file that did not exist (O_EXCL: not through a symbolic link either)."""
    stem, suffix = name[: -len(".md")], ".md"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    for n in range(1, 10_000):
        path = folder / (name if n == 1 else f"{stem} ({n}){suffix}")
        try:
            fd = os.open(path, flags, 0o644)
        except FileExistsError:
            continue
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        return path
    raise FileExistsError(f"{folder / name}: every numbered name is taken")
