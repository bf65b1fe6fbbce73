"""Author-year citations that tell apart two items by one author in one year.

The course cites author and year, "(Department for Education, 2025)". When two cited items
share both, the reader needs a letter to tell them apart, in the text and in the reference
list: 2025a and 2025b, or n.d.-a and n.d.-b for undated pages. sphinxcontrib-bibtex does not
add the letters itself, so this extension registers a pybtex style, ``childinfo``, that is
pybtex's ``plain`` style plus the letters.

How: sphinxcontrib-bibtex sorts the cited entries with the style's ``sort``, then uses the
entries it gets back both to format the reference list and to make every in-text citation.
This style's ``sort`` returns copies of colliding entries whose ``year`` field carries the
letter, so the text and the list always show the same label. Letters follow the order of the
reference list (by author, then year, then title), and only cited items take part, so the
letters never skip one. ``references.bib`` itself keeps plain years.

Configure with ``bibtex_default_style: childinfo`` (see ``_config.yml``).
"""

from __future__ import annotations

import copy
import string
from collections import defaultdict
from collections.abc import Iterable
from types import SimpleNamespace

from pybtex.database import Entry
from pybtex.plugin import register_plugin
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.utils import OrderedCaseInsensitiveDict
from sphinx.application import Sphinx
from sphinxcontrib.bibtex.style.referencing import PersonStyle

STYLE_NAME = "childinfo"
NO_DATE = (
    "n.d."  # what sphinxcontrib-bibtex's author-year citations show for an entry without a year
)


def suffix_letters(n: int) -> list[str]:
    """``n`` letters in order: a, b, ..., z, then aa, ab, ... (a 27th item in one year is unlikely).

    Example:
        >>> suffix_letters(3)
        ['a', 'b', 'c']
    """
    letters = string.ascii_lowercase
    out = []
    for i in range(n):
        label = ""
        i += 1
        while i:
            i, rest = divmod(i - 1, 26)
            label = letters[rest] + label
        out.append(label)
    return out


def with_letter(year: str, letter: str) -> str:
    """The year with its letter: ``2025`` -> ``2025a``; ``n.d.`` -> ``n.d.-a`` (the APA form).

    Example:
        >>> with_letter("2025", "b"), with_letter("n.d.", "a")
        ('2025b', 'n.d.-a')
    """
    return f"{year}{letter}" if year[-1:].isdigit() else f"{year}-{letter}"


def citation_author(entry: Entry, person: PersonStyle | None = None) -> str:
    """The author part of the entry's in-text citation, as sphinxcontrib-bibtex's author-year
    style renders it (author, else editor, else title; "et al." after two names)."""
    person = person or PersonStyle()
    template = person.author_or_editor_or_title(full=False)
    return template.format_data(
        {"entry": entry, "style": SimpleNamespace(person=person)}
    ).render_as("text")


def disambiguate(entries: Iterable[Entry]) -> list[Entry]:
    """The entries in the same order, with a letter added to the year of every entry whose
    author and year are shared with another. Entries that need a letter are copied, never
    changed in place (sphinxcontrib-bibtex keeps the parsed originals between builds)."""
    entries = list(entries)
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, entry in enumerate(entries):
        groups[(citation_author(entry), entry.fields.get("year", NO_DATE))].append(i)
    out = list(entries)
    for (_, year), members in groups.items():
        if len(members) < 2:
            continue
        for i, letter in zip(members, suffix_letters(len(members))):
            lettered = copy.copy(entries[i])
            lettered.fields = OrderedCaseInsensitiveDict(entries[i].fields)
            lettered.fields["year"] = with_letter(year, letter)
            out[i] = lettered
    return out


class Style(PlainStyle):
    """pybtex's ``plain`` style, with a/b letters for cited items that share author and year."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        plain_sort = self.sort  # pybtex sets sort on the instance, from the sorting style

        def sort(entries):
            return disambiguate(plain_sort(entries))

        self.sort = sort


def setup(app: Sphinx) -> dict:
    register_plugin("pybtex.style.formatting", STYLE_NAME, Style)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
