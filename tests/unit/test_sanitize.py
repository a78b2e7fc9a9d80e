"""Untrusted text loses every control sequence, control character and bidi override."""

from __future__ import annotations

import pytest

from newsreader.sanitize import (
    clean_inline,
    clean_text,
    invisible_in,
    link_target,
    normalize_newlines,
    safe_url,
)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("a\x1b[31mred\x1b[0m b", "ared b"),
        ("title\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\", "titleclick"),
        ("bell\x1b]0;set title\x07 ok", "bell ok"),
        ("dcs\x1bPq#0;2;0;0;0\x1b\\ end", "dcs end"),
        ("c1 csi \x9b2J done", "c1 csi  done"),
        ("c1 osc \x9d0;x\x9c done", "c1 osc  done"),
        ("nul\x00 del\x7f bs\x08 ok", "nul del bs ok"),
        ("bidi \u202eevil\u202c and \u2066iso\u2069", "bidi evil and iso"),
        ("keep\ttab\nand newline", "keep\ttab\nand newline"),
        # Never terminated: not a sequence. The introducer goes, the text stays.
        ("unterminated \x1b]8;;http://x and the rest", "unterminated 8;;http://x and the rest"),
        ("\x9d0;title never ended. Body", "0;title never ended. Body"),
        ("bit\u200bcoin \u200eleft\u200f \u061cx \u2060y", "bitcoin left x y"),
        (
            "\u0646\u0645\u200c\u06cc \U0001f469\u200d\U0001f4bb",
            "\u0646\u0645\u200c\u06cc \U0001f469\u200d\U0001f4bb",
        ),
        ("lone esc \x1b", "lone esc "),
    ],
)
def test_clean_text_strips_controls(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


INVISIBLE = [
    "\u00ad",  # soft hyphen
    "\u034f",  # combining grapheme joiner
    "\u115f",  # Hangul choseong filler
    "\u1160",  # Hangul jungseong filler
    "\u180e",  # Mongolian vowel separator
    "\u2060",  # word joiner
    "\u2061",  # function application
    "\u2062",  # invisible times
    "\u2063",  # invisible separator
    "\u2064",  # invisible plus
    "\u3164",  # Hangul filler
    "\ufeff",  # zero-width no-break space, mid-text
    "\uffa0",  # halfwidth Hangul filler
    "\ufff9",  # interlinear annotation anchor
    "\ufffa",  # interlinear annotation separator
    "\ufffb",  # interlinear annotation terminator
    "\U000e0001",  # language tag
    "\U000e0062",  # tag b
    "\U000e007f",  # cancel tag
]


@pytest.mark.parametrize("mark", INVISIBLE, ids=[f"U+{ord(c):04X}" for c in INVISIBLE])
def test_invisible_word_splitters_are_removed(mark: str) -> None:
    # A watch for "bitcoin" must find "bit<mark>coin"; a mute for "sponsored" must catch it.
    assert clean_text(f"bit{mark}coin") == "bitcoin"
    assert clean_inline(f"spon{mark}sored post") == "sponsored post"


def test_next_line_is_a_line_end_not_nothing() -> None:
    assert clean_text("para\x85nel") == "para\nnel"
    assert clean_inline("para\x85nel") == "para nel"


def test_clean_text_keeps_ordinary_unicode_and_markup_like_text() -> None:
    text = "网络安全 — “quotes” [bold]not markup[/] émigré"
    assert clean_text(text) == text


def test_clean_inline_collapses_whitespace_including_nbsp() -> None:
    assert clean_inline(" Han\u00a0 Shasha \n x ") == "Han Shasha x"


def test_normalize_newlines_handles_cr_and_crlf() -> None:
    assert normalize_newlines("a\r\nb\rc\n") == "a\nb\nc\n"


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://example.org/a?b=1", True),
        ("http://example.org", True),
        ("mailto:desk@example.org", True),
        ("javascript:alert(1)", False),
        ("file:///etc/passwd", False),
        ("data:text/html,hi", False),
        ("https://example.org/\x1b]8;;x", True),  # the escape is removed, the URL kept
        ("relative/path", False),
        ("", False),
    ],
)
def test_safe_url_allows_only_web_and_mail(url: str, ok: bool) -> None:
    result = safe_url(url)
    assert (result is not None) is ok
    if result:
        assert "\x1b" not in result


@pytest.mark.parametrize("unit", ["\x1b]", "\x9d", "\x1bP", "\x1b]0;" + "a" * 50])
def test_many_unterminated_sequences_clean_in_linear_time(unit: str) -> None:
    import time

    text = unit * (1_000_000 // len(unit)) + "kept"
    start = time.perf_counter()
    cleaned = clean_text(text)
    assert time.perf_counter() - start < 2.0
    assert cleaned.endswith("kept") and "\x1b" not in cleaned and "\x9d" not in cleaned


@pytest.mark.parametrize(
    ("url", "target"),
    [
        # A Cyrillic "а": shown as itself it reads apple.com.
        ("http://\u0430pple.com/", "http://xn--pple-43d.com/"),
        ("http://\u0430pple\u3002com/", "http://xn--pple-43d.com/"),  # an ideographic dot
        ("https://b\u00fccher.example:8080/x", "https://xn--bcher-kva.example:8080/x"),
        ("http://me:p\u00e4@b\u00fccher.example/", "http://me:p%C3%A4@xn--bcher-kva.example/"),
        (
            "https://example.org/Stra\u00dfe?q=\u00fc#\u00e4",
            "https://example.org/Stra%C3%9Fe?q=%C3%BC#%C3%A4",
        ),
        ("https://Example.org/a%20b?x=1&y=2#top", "https://Example.org/a%20b?x=1&y=2#top"),
        ("http://[::1]:8080/p", "http://[::1]:8080/p"),
        # mailto: the addresses only, never a query that attaches a file or writes the mail.
        ("mailto:me@example.org?attach=/etc/passwd", "mailto:me@example.org"),
        (
            "mailto:a@\u0430pple.com,b@example.org?subject=x#y",
            "mailto:a@xn--pple-43d.com,b@example.org",
        ),
        ("MAILTO:me@example.org?body=hi", "mailto:me@example.org"),
        ("mailto:?attach=/etc/passwd", None),
        ("javascript:alert(1)", None),
        ("file:///etc/passwd", None),
        ("http://evil.example\uff0f@apple.com/", None),  # a slash only after NFKC
        ("http://" + "\u0430" * 70 + ".com/", None),  # no IDNA form
        (None, None),
    ],
)
def test_link_target_is_ascii_with_hosts_in_idna_form(url: str | None, target: str | None) -> None:
    assert link_target(url) == target
    if target is not None:
        assert target.isascii() and link_target(target) == target


def test_a_host_with_no_trick_is_left_as_written() -> None:
    url = "https://news.example.org/2024/03/story.html?id=7&ref=rss#comments"
    assert link_target(url) == url


def test_a_flag_spelled_with_tag_characters_is_kept_and_lone_tags_go() -> None:
    scotland = "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"
    assert clean_text(f"{scotland} Scotland") == f"{scotland} Scotland"
    assert invisible_in(f"{scotland} Scotland") is None  # a name may hold it
    assert clean_text("spon\U000e0073sored") == "sponsored"
    assert invisible_in("spon\U000e0073sored") == "\U000e0073"
    assert clean_text("\U000e0067\U000e0062\U000e007f") == ""  # tags with no flag
