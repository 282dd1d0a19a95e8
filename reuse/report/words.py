"""Words the writers share: counts in plain English."""

from __future__ import annotations

__all__ = ["plural"]


def plural(n: int, word: str, many: str | None = None) -> str:
    """``n`` and ``word``, in the plural (``many``, else ``word`` + "s") unless ``n`` is 1.

    >>> plural(1, "article"), plural(3, "pair"), plural(0, "outlet link"), plural(2, "story", "stories")
    ('1 article', '3 pairs', '0 outlet links', '2 stories')
    """
    return f"{n} {word if n == 1 else (many or word + 's')}"
