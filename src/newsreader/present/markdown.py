"""Saved articles as Markdown files, with front matter newsreader itself reads back.

File names come from titles, which are untrusted: they lose path separators, `..`,
control and reserved characters, and are bounded in length; a name that is taken gets
a number, so an export never overwrites another article.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from newsreader.models import Article, Block, BlockKind, Run

MAX_NAME = 80
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


def export_articles(articles: list[Article], folder: Path) -> list[Path]:
    """Write each article to `folder` (created if needed); returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for article in articles:
        name = safe_filename(article.title, article.id)
        path = folder / name
        n = 2
        while path.exists():
            path = folder / f"{name[:-3]} ({n}).md"
            n += 1
        path.write_text(to_markdown(article), encoding="utf-8")
        written.append(path)
    return written
