"""Words the reports and warnings share: counts and lists in plain English."""

from __future__ import annotations

__all__ = ["first_few", "plural"]


def plural(n: int, word: str, many: str | None = None) -> str:
    """``n`` and ``word``, in the plural (``many``, else ``word`` + "s") unless ``n`` is 1; thousands set apart.

    >>> plural(1, "article"), plural(3, "pair"), plural(0, "outlet link"), plural(2, "story", "stories")
    ('1 article', '3 pairs', '0 outlet links', '2 stories')
    >>> plural(44862, "pair")  # "44862 pairs" in the summary of 300 copies of one story
    '44,862 pairs'
    """
    return f"{n:,} {word if n == 1 else (many or word + 's')}"


def first_few(names: list[str], shown: int = 3) -> str:
    """The first ``shown`` of ``names``, and how many more.

    >>> first_few(["a", "b"]), first_few(["a", "b", "c", "d", "e"])
    ('a, b', 'a, b, c and 2 more')
    """
    return ", ".join(names[:shown]) + (f" and {len(names) - shown} more" if len(names) > shown else "")
