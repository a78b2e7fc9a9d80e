"""Opening a web link: with the command the config's `browser` names, or the system's
web browser (the one Python's webbrowser picks) when it names none.

Whatever runs, runs on its own: its own session, no terminal input, its output thrown
away, so a browser that keeps running or prints does not disturb the reader, and it is
reaped in the background when it ends. A command never goes through a shell (the URL is
an argument: an address cannot inject anything). A browser that lives in the terminal
(w3m, lynx, links, elinks, www-browser) would draw over the reader and take its keys:
the system's is never run when it is one of those; the reader is told to name another
in the config instead.
"""

from __future__ import annotations

import os
import subprocess
import threading
import webbrowser
from collections.abc import Sequence

from newsreader.sanitize import link_target, shown

CONSOLE_BROWSERS = frozenset(
    {"w3m", "lynx", "links", "links2", "elinks", "www-browser", "browsh", "carbonyl"}
)
"""Browsers that run in the terminal they are started from."""


def open_url(url: str, command: Sequence[str] = ()) -> str | None:
    """Open `url`; None when done, else what went wrong, for the status line. Blocks a
    moment (starting a program): call it off the event loop.

    What is opened is `link_target(url)`: a host in its IDNA form, a mailto: address
    without the query that could attach a file; anything else is not opened."""
    target = link_target(url)
    if target is None:
        return f"Not opening {shown(url)}: not a web or mail address newsreader opens"
    url = target
    if not command:
        return open_with_system_browser(url)
    program = command[0]
    # "%s" stands for the address where a command wants it (as in $BROWSER); else last.
    argv = [w.replace("%s", url) for w in command] if any("%s" in w for w in command) else None
    try:
        spawn(argv or [*command, url])
    except FileNotFoundError:
        return f"Could not open the link: no program {program} (browser in your config)"
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return f"Could not open the link: {program}: {reason} (browser in your config)"
    return None


def spawn(argv: Sequence[str]) -> None:
    """Start `argv` detached from the terminal; reaped in the background."""
    process = subprocess.Popen(
        list(argv),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    threading.Thread(target=process.wait, name="newsreader-browser", daemon=True).start()


def console_browser_message(name: str) -> str:
    return (
        f"Not opening the link in {name}: it runs in the terminal and would take over"
        ' this one. Set browser = ["your-browser"] in the config to open links.'
    )


def open_with_system_browser(url: str) -> str | None:
    """The browser webbrowser would use, started our way (detached) when it is a plain
    command; refused when it is a terminal one."""
    try:
        controller = webbrowser.get()
    except webbrowser.Error:
        return f'No browser could open {url}: set browser = ["your-browser"] in the config'
    if isinstance(controller, webbrowser.GenericBrowser):  # and BackgroundBrowser
        # BROWSER=... entries and the commands found on PATH: webbrowser would run them
        # on our terminal (GenericBrowser even waits for them).
        name = os.path.basename(controller.name)
        if name in CONSOLE_BROWSERS:
            return console_browser_message(name)
        argv = [controller.name, *(arg.replace("%s", url) for arg in controller.args)]
        try:
            spawn(argv)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            return f"Could not open the link: {controller.name}: {reason}"
        return None
    if isinstance(controller, webbrowser.UnixBrowser) and not controller.background:
        # Elinks: webbrowser gives it the terminal on purpose.
        return console_browser_message(os.path.basename(controller.name))
    # Graphical browsers webbrowser drives itself (remote commands, macOS, Windows):
    # it starts them without our terminal's input or output.
    return None if controller.open(url) else f"No browser could open {url}"
