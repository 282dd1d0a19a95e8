"""Helpers of the loading tests: where their files are, writing one, and reading a result's articles."""

from __future__ import annotations

from pathlib import Path

from reuse.load import LoadResult
from reuse.model import Article

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "load"
LONG_LINE = " ".join(["word"] * 26)  # a first line too long for a title


def write(folder: Path, name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
    return path


def only(result: LoadResult) -> Article:
    assert len(result.articles) == 1, result
    return result.articles[0]


def by_id(result: LoadResult) -> dict[str, Article]:
    return {art.id: art for art in result.articles}
