"""Watches' notify commands: run after a refresh, side by side, bounded in time."""

from __future__ import annotations

from dataclasses import dataclass

from newsreader.update.report import WatchNews

NOTIFY_SECONDS = 10.0
"""How long a refresh waits for all its watches' notify commands together; then what is
still running is stopped, with everything it started."""


@dataclass(frozen=True, slots=True)
class Notify:
    """A watch's notify command to run for its news (`index`: its place in the news)."""

    index: int
    command: tuple[str, ...]
    news: WatchNews
    source: str


def run_notify(commands: list[Notify], budget: float) -> list[str | None]:
    """Run the notify commands side by side, without a shell; each one's error or None.

    Each command gets the watch name, the title and the link as arguments after "--" (a
    title starting with "-" is not an option), and NEWSREADER_* environment variables.
    All of them together get `budget` seconds: a command still running then is stopped
    with everything it started (it runs in its own session, and its process group is
    killed), so a hanging command neither holds up the refresh nor lingers.
    """
    import os
    import signal
    import subprocess
    import time

    errors: list[str | None] = [None] * len(commands)
    running: list[tuple[int, subprocess.Popen[bytes]]] = []
    for i, notify in enumerate(commands):
        news = notify.news
        env = {
            **os.environ,
            "NEWSREADER_WATCH": news.watch,
            "NEWSREADER_TITLE": news.title,
            "NEWSREADER_URL": news.url or "",
            "NEWSREADER_ID": news.uid,
            "NEWSREADER_SOURCE": notify.source,
            "NEWSREADER_COUNT": str(news.count),
        }
        command = list(notify.command)
        if command[-1:] != ["--"]:
            command.append("--")
        try:
            process = subprocess.Popen(
                [*command, news.watch, news.title, news.url or ""],
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                shell=False,
                start_new_session=True,
            )
        except (OSError, ValueError, subprocess.SubprocessError) as exc:
            errors[i] = f"notify command for {news.watch} failed: {exc}"
            continue
        running.append((i, process))
    deadline = time.monotonic() + budget
    for i, process in running:
        watch = commands[i].news.watch
        try:
            status = process.wait(timeout=max(deadline - time.monotonic(), 0))
        except subprocess.TimeoutExpired:
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except OSError:  # already gone
                pass
            process.wait()
            errors[i] = f"notify command for {watch} was stopped after {budget:g} s"
            continue
        if status != 0:
            errors[i] = f"notify command for {watch} failed (exit status {status})"
    return errors
