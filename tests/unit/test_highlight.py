"""Highlight spans: case/accent-insensitive words, phrases, prefixes, CJK substrings."""

from __future__ import annotations

from newsreader.highlight import find_spans, terms_from_query


def spans(text: str, query: str) -> list[str]:
    return [text[a:b] for a, b in find_spans(text, terms_from_query(query))]


def test_whole_words_only_in_latin_text() -> None:
    assert spans("Cyber security and cyberspace", "cyber") == ["Cyber"]


def test_prefix_and_phrase() -> None:
    text = "Cyber security needs national sovereignty over cyberspace."
    assert spans(text, 'cyber* "national sovereignty"') == [
        "Cyber",
        "national sovereignty",
        "cyberspace",
    ]


def test_case_and_accent_insensitive_with_original_offsets() -> None:
    assert spans("Émigré ÉMIGRÉ emigre", "emigre") == ["Émigré", "ÉMIGRÉ", "emigre"]
    assert spans("Straße and STRASSE", "strasse") == ["Straße", "STRASSE"]


def test_cjk_matches_inside_running_text() -> None:
    assert spans("专家表示网络安全需要每个人参与", "网络安全") == ["网络安全"]
    assert spans("病院のサイバーセキュリティ対策", "サイバー") == ["サイバー"]


def test_operators_exclusions_and_fields_are_not_highlighted() -> None:
    text = "cats and dogs and birds"
    assert spans(text, "cats OR dogs -birds") == ["cats", "dogs"]
    assert spans(text, "title:birds NOT cats") == ["birds"]


def test_empty_query_and_text() -> None:
    assert spans("anything", "") == []
    assert spans("", "x") == []
