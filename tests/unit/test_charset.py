"""Encodings: BOM, then the declared charset, then UTF-8, then detection; real files on disk."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from newsreader.extraction.charset import declared_charset, decode_bytes
from newsreader.sources.local import read_file

ZH = (
    "网络安全专家：个人信息保护需要每个人参与\n\n"
    "在本周举行的网络安全论坛上，多位专家表示，个人信息保护不仅是企业和政府的责任，"
    "也需要每一位网民的参与。专家指出，许多信息泄露事件源于简单的疏忽。\n"
)
JA = (
    "瀬戸内の島で空き家を改装した図書館が開館\n\n"
    "瀬戸内海の小さな島で、古い空き家を改装した図書館が今月オープンした。"
    "蔵書は島民や観光客から寄贈された約五千冊で、誰でも自由に借りられる。\n"
)
FR = (
    "Le tramway de Belcour entre en service\n\n"
    "Belcour a mis en service jeudi une ligne de tramway de neuf kilomètres, "
    "alimentée par des batteries rechargées à chaque arrêt. Les commerçants "
    "espèrent que les travaux sont enfin derrière eux, après deux années difficiles.\n"
)
CP1252 = (
    "Café prices rise again\n\n"
    "The price of a café crème rose to \u20ac3.20 \u2013 the “third rise” this year, "
    "owners said, blaming the cost of milk and rent in the city centre.\n"
)


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("utf8.txt", ZH.encode("utf-8"), ZH),
        ("utf8-bom.txt", codecs.BOM_UTF8 + FR.encode("utf-8"), FR),
        ("utf16le-bom.txt", codecs.BOM_UTF16_LE + ZH.encode("utf-16-le"), ZH),
        ("utf16be-bom.txt", codecs.BOM_UTF16_BE + JA.encode("utf-16-be"), JA),
        ("gbk.txt", ZH.encode("gbk"), ZH),
        ("gb2312.txt", ZH.encode("gb2312"), ZH),
        ("sjis.txt", JA.encode("shift_jis"), JA),
        ("cp1252.txt", CP1252.encode("cp1252"), CP1252),
        ("latin1.txt", FR.encode("latin-1"), FR),
    ],
)
def test_text_files_in_each_encoding_read_right(
    tmp_path: Path, name: str, data: bytes, expected: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    [article] = read_file(path)
    title, _, body = expected.partition("\n\n")
    assert article.title == title
    assert article.paragraphs == [body.strip()]


def test_declared_charset_in_html_meta_wins_over_detection(tmp_path: Path) -> None:
    html = (
        '<html><head><meta charset="gbk"><title>测试</title></head><body><article>'
        f"<h1>网络安全</h1><p>{ZH.splitlines()[2]}</p></article></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_bytes(html.encode("gbk"))
    [article] = read_file(path)
    assert "个人信息保护" in " ".join(article.paragraphs)


def test_xml_declaration_is_found() -> None:
    assert declared_charset(b'<?xml version="1.0" encoding="Shift_JIS"?><rss/>') == "cp932"
    assert declared_charset(b"<html><meta charset='iso-8859-1'>") == "cp1252"
    assert declared_charset(b"<p>nothing declared</p>") is None


def test_wrong_declaration_falls_back_to_utf8() -> None:
    data = '<meta charset="windows-1252"><p>网络安全 — ok</p>'.encode()
    text, encoding = decode_bytes(data)
    assert "网络安全 — ok" in text
    assert encoding == "utf-8"


def test_mixed_line_endings_are_normalised() -> None:
    text, _ = decode_bytes(b"one\r\ntwo\rthree\nfour")
    assert text == "one\ntwo\nthree\nfour"


def test_undecodable_garbage_still_gives_text() -> None:
    text, _ = decode_bytes(bytes(range(0x80, 0x100)) * 4)
    assert isinstance(text, str) and text
