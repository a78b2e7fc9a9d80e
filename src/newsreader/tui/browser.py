"""Opening a web link: with the command the config's `browser` names, or the system's
web browser (Python's webbrowser) when it names none.

The command runs with the URL as its last argument and never through a shell, so an
address cannot inject anything; it runs on its own (its own session, no terminal input,
its output thrown away), so a browser that keeps running or prints does not disturb the
reader, and is reaped in the background when it ends.
"""

from __future__ import annotations

import subprocess
import threading
import webbrowser
from collections.abc import Sequence


def open_url(url: str, command: Sequence[str] = ()) -> str | None:
    """Open `url`; None when done, else what went wrong, for the status line. Blocks a
    moment (starting a program): call it off the event loop."""
    if not command:
        return None if webbrowser.open(url) else f"No browser could open {url}"
    program = command[0]
    try:
        process = subprocess.Popen(
            [*command, url],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except FileNotFoundError:
        return f"Could not open the link: no program {program} (browser in your config)"
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return f"Could not open the link: {program}: {reason} (browser in your config)"
    threading.Thread(target=process.wait, name="newsreader-browser", daemon=True).start()
    return None
