"""The elements of a parsed page that carry given attributes.

Bylines are looked for by class, id, itemprop and rel, date lines by class and id,
hidden elements by hidden, aria-hidden and style: the elements with those attributes
are all a test needs to see. On a page of usual size a Python walk finds them fastest;
on a huge one (a megabyte of `<p>` is 250,000 elements, most without attributes)
libxml2 is asked for the attributes themselves (`//@class`), which costs a tenth of
the walk there.
"""

from __future__ import annotations

from typing import Any

_LARGE = 20_000
"""Elements from which libxml2's attribute search beats a Python walk."""


def elements_with(tree: Any, *attributes: str) -> list[Any]:
    """The elements under `tree` (itself included) with any of `attributes`, in page
    order, each once."""
    if tree.xpath("count(descendant-or-self::*)") > _LARGE:
        query = " | ".join(f"descendant-or-self::*/@{name}" for name in attributes)
        return list(dict.fromkeys(value.getparent() for value in tree.xpath(query)))
    found = []
    for el in tree.iter():
        if el.attrib:  # most elements have no attributes at all
            get = el.get
            for name in attributes:
                if get(name) is not None:
                    found.append(el)
                    break
    return found
