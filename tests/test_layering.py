"""The core never imports the UI: proven in a fresh interpreter, as DESIGN.md requires."""

from __future__ import annotations

import subprocess
import sys

CORE_MODULES = [
    "newsreader",
    "newsreader.cli",
    "newsreader.models",
    "newsreader.errors",
    "newsreader.sanitize",
    "newsreader.query.spans",
    "newsreader.query.matcher",
    "newsreader.present.article",
    "newsreader.paths",
    "newsreader.extraction.charset",
    "newsreader.extraction.dates",
    "newsreader.extraction.structure",
    "newsreader.extraction.plaintext",
    "newsreader.extraction.html",
    "newsreader.extraction.markdown",
    "newsreader.sources.feeds",
    "newsreader.sources.jsonfeed",
    "newsreader.sources.local",
]

LEAVES = [
    "newsreader.models",
    "newsreader.errors",
    "newsreader.sanitize",
]


def _loaded_after_import(modules: list[str]) -> set[str]:
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return set(result.stdout.split())


def test_core_does_not_import_textual() -> None:
    loaded = _loaded_after_import(CORE_MODULES)
    assert "newsreader.sources.local" in loaded  # the import really happened
    assert not any(m == "textual" or m.startswith("textual.") for m in loaded)
    assert "newsreader.tui" not in loaded


def test_leaves_import_nothing_else_from_the_package() -> None:
    for leaf in LEAVES:
        loaded = _loaded_after_import([leaf])
        ours = {m for m in loaded if m.startswith("newsreader.")}
        assert ours == {leaf}, f"{leaf} pulls in {sorted(ours - {leaf})}"


def test_read_command_does_not_load_trafilatura_for_a_text_file() -> None:
    code = (
        "import sys\n"
        "from newsreader.sources.local import read_file\n"
        "from pathlib import Path\n"
        "import tempfile, os\n"
        "d = tempfile.mkdtemp(); p = Path(d, 'a.txt'); p.write_text('Title\\n\\nBody text here.')\n"
        "read_file(p)\n"
        "print('trafilatura' in sys.modules, 'feedparser' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "False"]
