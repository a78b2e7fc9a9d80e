"""One rule for what counts as a feed's web address, so every URL we keep is well formed.

A redirect target becomes a feed's new address in the user's config; a hostile or sloppy
server must not be able to put a space, a control character or a non-web scheme there.
Leaf module (the standard library only): the fetcher, the config and the facade all apply it.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import SplitResult, quote, urljoin, urlsplit

MAX_URL_LENGTH = 2048
"""Longer addresses are refused: the limit sitemaps and old browsers agree on, far above
any real feed's address, and it keeps a hostile redirect from filling a config line."""

# Left alone in each part (RFC 3986): unreserved and percent (quote keeps letters,
# digits and "-._~" anyway), sub-delims, and the part's own ":" "@" "/" "?".
_PATH_SAFE = "%!$&'()*+,;=:@/"
_QUERY_SAFE = _PATH_SAFE + "?"
_USER_SAFE = "%!$&'()*+,;=:"
_STRAY_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_ESCAPE = re.compile(r"%[0-9a-f][0-9A-Fa-f]|%[0-9A-Fa-f][0-9a-f]")
# C0 controls, DEL, C1 controls and lone surrogates: no valid URL holds them, and a
# browser would silently drop some of them (tab, newline), changing the address.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_LABEL = re.compile(r"[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def _quote(part: str, safe: str) -> str:
    """Percent-encode what `safe` does not allow (UTF-8 for non-ASCII); a "%" that starts
    no escape becomes "%25"; escapes get upper-case hex (RFC 3986 6.2.2.1)."""
    part = quote(_STRAY_PERCENT.sub("%25", part), safe=safe)
    return _ESCAPE.sub(lambda m: m.group().upper(), part)


def _host(host: str, bracketed: bool) -> str | None:
    """The host in lower case (non-ASCII names in IDNA form), or None if it is not a
    DNS name, an IPv4 address or a bracketed IPv6 address."""
    if bracketed:
        if "%" in host:  # a zone id ("%25eth0") means nothing off this machine
            return None
        try:
            return f"[{ipaddress.IPv6Address(host).compressed}]"
        except ValueError:
            return None
    if not host.isascii():
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            return None
    host = host.lower()
    labels = host[:-1].split(".") if host.endswith(".") else host.split(".")
    if len(host) > 253 or not all(_LABEL.fullmatch(label) for label in labels):
        return None
    return host


def normalize_feed_url(url: str, base: str | None = None) -> str | None:
    """`url` (resolved against `base` if given) as a well-formed http(s) URL, or None.

    The rule:
    - whitespace around the address is dropped; a control character anywhere in it
      (C0, DEL, C1) refuses it;
    - the scheme must be http or https (lower-cased); there must be a host;
    - the host is lower-cased; a non-ASCII name becomes its IDNA ("xn--") form; it must be
      a DNS name (labels of letters, digits, "-" or "_", at most 63 long), an IPv4
      address or a valid IPv6 address in brackets;
    - a port must be a number up to 65535; the scheme's default port is dropped;
    - path, query, fragment and user info are percent-encoded per RFC 3986: spaces and
      non-ASCII (as UTF-8) become escapes, a "%" that starts no escape becomes "%25",
      existing escapes are kept with upper-case hex; an empty path becomes "/";
    - the result is at most MAX_URL_LENGTH characters.
    So `HTTP://Host/ok` -> `http://host/ok`, `/ok new.xml` against `http://h/` ->
    `http://h/ok%20new.xml`; `http:foo`, `http://`, `https://x y`, `javascript:...` -> None.
    """
    text = url.strip(" \t\n\r\f\v")
    if not text or len(text) > 4 * MAX_URL_LENGTH or _CONTROLS.search(text):
        return None
    try:
        if base is not None:
            text = urljoin(base, text)
        parts = urlsplit(text)
        port = parts.port
    except ValueError:  # a bad IPv6 literal ("http://[::1") or port ("http://h:x/")
        return None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or parts.hostname is None:
        return None
    host = _host(parts.hostname, "[" in parts.netloc)
    if host is None:
        return None
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    try:
        if parts.username is not None:
            user = _quote(parts.username, _USER_SAFE)
            if parts.password is not None:
                user += ":" + _quote(parts.password, _USER_SAFE)
            netloc = f"{user}@{netloc}"
        result = f"{scheme}://{netloc}{_quote(parts.path, _PATH_SAFE) or '/'}"
        if parts.query:
            result += "?" + _quote(parts.query, _QUERY_SAFE)
        if parts.fragment:
            result += "#" + _quote(parts.fragment, _QUERY_SAFE)
    except UnicodeError:
        return None
    return result if len(result) <= MAX_URL_LENGTH else None


def split_url(url: str) -> SplitResult | None:
    """`urlsplit(url)`, or None for an address it cannot split (a broken IPv6 host such as
    `http://[::1`) or whose port is no port: `.port` of the result never raises.
    Use this, never `urlsplit`, on any address from outside."""
    try:
        parts = urlsplit(url)
        _ = parts.port
    except ValueError:
        return None
    return parts


def join_url(base: str, url: str) -> str | None:
    """`urljoin(base, url)`, or None when either cannot be split (as `split_url`)."""
    try:
        return urljoin(base, url)
    except ValueError:
        return None
