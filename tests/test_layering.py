"""What import-linter cannot see: which heavy libraries a command loads when it runs.

The layers themselves are import-linter contracts (pyproject.toml, checked by
`make lint`); this checks lazy imports in a fresh interpreter, as a user pays for them.
"""

from __future__ import annotations

import subprocess
import sys


def _run(code: str) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return result.stdout.split()


def test_the_headless_core_does_not_load_textual() -> None:
    code = (
        "import sys\n"
        "import newsreader.cli, newsreader.core, newsreader.update.feeds\n"
        "import newsreader.update.local, newsreader.present.article\n"
        "print('textual' in sys.modules)\n"
    )
    assert _run(code) == ["False"]


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
    assert _run(code) == ["False", "False"]
