"""newsreader: a fast, safe terminal news reader.

Importing this package loads no UI code; `newsreader.tui` is the only place Textual lives.
"""

__version__ = "0.1.0"
