"""How the scan's work is cut into chunks for the workers: candidate pairs by the articles they share, clusters whole.

An article is analysed once in every alignment chunk that uses it, so the
pairs of one connected component go to one chunk (:func:`align_plan`); a
pair's direction depends on its whole cluster, so clusters are never split
(:func:`packed` of :func:`components`). :mod:`reuse.pipeline` and the
index's check plan with these; :mod:`reuse.parallel` runs the chunks.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable

__all__ = ["align_plan", "components", "packed"]


def align_plan(candidates: list[tuple[int, int]], size: int) -> list[list[int]]:
    """Candidate positions in chunks of at most ``size`` that share their articles.

    An article is analysed once in every chunk that uses it, so the pairs of
    one connected component go to one chunk, small components packed
    together. A component of more than ``size`` pairs (a wire story run by
    hundreds of sites) is cut in tiles: its articles are numbered breadth
    first, and a chunk takes the pairs between two blocks of about
    ``sqrt(size)`` of them, so it needs a few dozen articles, not one per pair.

    >>> align_plan([(0, 1), (5, 6), (1, 2), (7, 8)], 3)
    [[0, 2, 1], [3]]
    """
    groups = (tile for ks in components(candidates) for tile in (_tiles(candidates, ks, size) if len(ks) > size else [ks]))
    return packed(groups, size)


def packed(groups: Iterable[list[int]], size: int) -> list[list[int]]:
    """The groups joined in order into chunks of at most ``size`` items; a larger group is a chunk alone.

    >>> packed([[0, 1], [2], [3, 4, 5, 6], [7]], 3)
    [[0, 1, 2], [3, 4, 5, 6], [7]]
    """
    chunks: list[list[int]] = []
    for group in groups:
        if chunks and len(chunks[-1]) + len(group) <= size:
            chunks[-1].extend(group)
        else:
            chunks.append(list(group))
    return chunks


def components(edges: list[tuple[int, int]]) -> list[list[int]]:
    """Positions of ``edges`` grouped by connected component, each group and the groups in first-seen order.

    >>> components([(0, 1), (5, 6), (1, 2)])
    [[0, 2], [1]]
    """
    parent = list(range(1 + max((max(edge) for edge in edges), default=0)))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in edges:
        ri, rj = root(i), root(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    components: dict[int, list[int]] = {}
    for k, (i, _) in enumerate(edges):
        components.setdefault(root(i), []).append(k)
    return list(components.values())


def _tiles(candidates: list[tuple[int, int]], ks: list[int], size: int) -> list[list[int]]:
    """The candidate positions ``ks`` of one large component in chunks of at most ``size``, tile by tile."""
    block = max(1, int(size**0.5))
    neighbours: dict[int, list[int]] = {}
    for k in ks:
        i, j = candidates[k]
        neighbours.setdefault(i, []).append(j)
        neighbours.setdefault(j, []).append(i)
    # Breadth first from the lowest article: articles that share pairs get close numbers.
    first = min(neighbours)
    number = {first: 0}
    queue = deque([first])
    while queue:
        for j in sorted(neighbours[queue.popleft()]):
            if j not in number:
                number[j] = len(number)
                queue.append(j)

    def tile(k: int) -> tuple[int, int, int]:
        lo, hi = sorted((number[candidates[k][0]], number[candidates[k][1]]))
        return lo // block, hi // block, k

    ordered = sorted(ks, key=tile)
    return [ordered[n : n + size] for n in range(0, len(ordered), size)]
