"""The `newsreader` command as a user runs it: exit codes, output, errors."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from newsreader.cli import main
from newsreader.cli.parser import build_parser

DATA = Path(__file__).parents[1] / "data"


def run_main(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_read_json_gives_the_seed_fields(
    capsys: pytest.CaptureFixture[str], seed_path: Path
) -> None:
    code, out, err = run_main(capsys, "read", str(seed_path), "--json")
    assert code == 0 and err == ""
    [line] = out.splitlines()
    data = json.loads(line)
    assert (
        data["title"] == "Chinese official: We need to respect national sovereignty over cyberspace"
    )
    assert data["authors"] == ["Han Shasha"]
    assert data["site"] == "People's Daily Online"
    assert data["published"] == "2013-11-06T09:13"
    assert data["section"] == "Foreign Affairs"
    assert data["dateline"] == "San Francisco, Nov. 5"
    assert data["caption"].startswith("Cai Mingzhao, minister of the State Council")
    assert data["editors"] == ["YaoChun", "Zhang Qian"]
    assert len(data["paragraphs"]) == 7
    for key in (
        "id",
        "source",
        "url",
        "updated",
        "summary",
        "language",
        "read",
        "starred",
        "saved",
    ):
        assert key in data


def test_read_renders_title_meta_caption_and_body(
    capsys: pytest.CaptureFixture[str], seed_path: Path
) -> None:
    code, out, _ = run_main(capsys, "read", str(seed_path))
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Chinese official: We need to respect national sovereignty over cyberspace"
    assert lines[1].startswith("Han Shasha · People's Daily Online · Foreign Affairs · 6 Nov 2013")
    assert "▣ Cai Mingzhao" in out
    assert "\x1b" not in out  # captured output is not a terminal: no colour codes
    assert "Related reading" not in out


def test_feed_file_prints_each_article(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_main(capsys, "read", str(DATA / "rss091.xml"), "--json")
    assert code == 0
    assert [json.loads(line)["title"] for line in out.splitlines()] == [
        "Fête du village à Saint-Aubin",
        "Marché de Noël",
    ]


def test_folder_with_a_bad_file_reads_the_rest(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "good.md").write_text("# Good one\n\nText.\n", encoding="utf-8")
    sub = tmp_path / "nested"
    sub.mkdir()
    (sub / "also-good.txt").write_text("Another\n\nA sentence that is body text here.\n")
    (tmp_path / "bad.xml").write_text("<config/>", encoding="utf-8")
    (tmp_path / "package.json").write_text('{"name": "x"}', encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Hidden\n\nNot read.\n", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    code, out, err = run_main(capsys, "read", str(tmp_path), "--json")
    assert code == 2
    titles = sorted(json.loads(line)["title"] for line in out.splitlines())
    assert titles == ["Another", "Good one"]
    [error] = err.splitlines()
    assert "bad.xml" in error and "not an RSS, Atom or JSON feed" in error


def test_missing_file_is_one_line_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, err = run_main(capsys, "read", str(tmp_path / "nope.txt"))
    assert code == 2 and out == ""
    assert err == f"newsreader: {tmp_path / 'nope.txt'}: no such file or directory\n"


def test_fifo_is_refused_and_skipped_in_folders(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # reading it would block forever
    code, _, err = run_main(capsys, "read", str(fifo))
    assert code == 2 and err == f"newsreader: {fifo}: not a regular file\n"
    (tmp_path / "real.md").write_text("# Real\n\nText.\n", encoding="utf-8")
    code, out, err = run_main(capsys, "read", str(tmp_path), "--json")
    assert code == 0 and err == ""
    assert json.loads(out)["title"] == "Real"


def test_binary_and_oversized_files(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    code, _, err = run_main(capsys, "read", str(binary))
    assert code == 2 and "binary file" in err
    bomb = tmp_path / "bomb.html.gz"
    import gzip

    bomb.write_bytes(gzip.compress(b" " * (65 * 1024 * 1024)))
    code, _, err = run_main(capsys, "read", str(bomb))
    assert code == 2 and "more than 64 MB" in err


def test_gzipped_html_page_is_read(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    import gzip

    html = "<html><head><title>Zipped</title></head><body><article><h1>Zipped</h1>"
    html += (
        "<p>" + "A paragraph of article text that goes on. " * 10 + "</p></article></body></html>"
    )
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(html.encode()))
    code, out, _ = run_main(capsys, "read", str(path), "--json")
    assert code == 0 and json.loads(out)["title"] == "Zipped"


def test_highlight_option_styles_matches_on_a_terminal(seed_path: Path) -> None:
    env = {**os.environ, "FORCE_COLOR": "1", "COLUMNS": "100"}
    env.pop("NO_COLOR", None)
    result = subprocess.run(
        [sys.executable, "-m", "newsreader", "read", str(seed_path), "--highlight", "sovereignty"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0
    assert "\x1b[1;7msovereignty" in result.stdout


def test_hostile_text_file_prints_inert(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_main(capsys, "read", str(DATA / "hostile.txt"))
    assert code == 0
    assert "\x1b" not in out and "\x9b" not in out and "\u202e" not in out
    assert "Hostile [bold]headline[/bold] red" in out
    assert "[@click=app.quit]markup[/]" in out


def test_help_and_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_main(capsys, "--help")
    assert code == 0 and "read" in out
    code, out, _ = run_main(capsys, "read", "--help")
    assert code == 0 and "--highlight" in out and "examples:" in out
    code, out, _ = run_main(capsys, "--version")
    assert code == 0 and out.startswith("newsreader ")


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_main(capsys, "read")
    assert code == 2 and "usage:" in err


def test_no_arguments_shows_the_bundled_samples(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_main(capsys)
    assert code == 0, err
    assert "Asia (12/12)" in out and "Tech (15/15)" in out and "World (15/15)" in out
    assert "Chinese official: We need" in out


def test_python_dash_m_and_pipe_to_head_is_quiet(seed_path: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsreader", "read", str(ROOT_SAMPLES), "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()  # the reader goes away, like `| head -1`
    err = proc.stderr.read()
    proc.wait(timeout=60)
    assert json.loads(first)["title"]
    assert b"Traceback" not in err
    assert proc.returncode in (0, 2) and b"BrokenPipe" not in err


ROOT_SAMPLES = Path(__file__).parents[2] / "sample_feeds"


def test_url_argument_gets_a_clear_message(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_main(capsys, "read", "https://example.org/feed.xml")
    assert code == 2 and out == ""
    assert err.startswith("newsreader: https://example.org/feed.xml: reading from the network")


def test_hostile_saved_page(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    page = (
        "<html><head><title>[@click=app.quit]Quit[/] \x1b[2J</title></head><body>"
        "<script>document.write('x')</script>"
        + "<div>" * 3000
        + "deep"
        + "</div>" * 3000
        + "<article><h1>[@click=app.quit]Quit[/]</h1><p>"
        + "Body text [bold]not bold[/bold] with \u202eflipped\u202c words. " * 20
        + "</p></article></body></html>"
    )
    path = tmp_path / "hostile.html"
    path.write_text(page, encoding="utf-8")
    code, out, _ = run_main(capsys, "read", str(path))
    assert code == 0
    assert "\x1b" not in out and "\u202e" not in out
    assert "[@click=app.quit]Quit[/]" in out
    assert "[bold]not bold[/bold]" in out


@pytest.mark.parametrize(
    ("argv", "instead", "query"),
    [
        (["search", "-tidal"], "search -- -tidal", "-tidal"),
        (["search", "-tidal", "wave", "--limit", "5"], "search --limit 5 -- '-tidal wave'", None),
        (["watch", "add", "calm", "-tidal"], "watch add calm -- -tidal", "-tidal"),
        (["list", "--query", "-tidal", "--unread"], "list --query=-tidal --unread", "-tidal"),
    ],
)
def test_a_query_that_begins_with_a_dash_is_said_how_to_write(
    capsys: pytest.CaptureFixture[str], argv: list[str], instead: str, query: str | None
) -> None:
    code, out, err = run_main(capsys, *argv)
    assert (code, out) == (2, "")
    assert (
        err.splitlines()[-1]
        == f"newsreader: -tidal was read as an option: write newsreader {instead}"
    )
    # and what it says to write is read as meant
    ns = build_parser().parse_args(shlex.split(instead))
    assert ns.query == (query or "-tidal wave")
