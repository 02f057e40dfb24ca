"""Line numbers for values in a YAML (or JSON) text, so errors can say ``FILE:LINE``.

The data itself always comes from ``yaml.safe_load``; this module only composes the same text
with the safe loader's node graph to remember where each key and item starts.
"""

from __future__ import annotations

import yaml

Path = tuple[str | int, ...]

_MAX_NODES = 100_000


def line_index(text: str) -> dict[Path, int]:
    """Maps each key path (``("map",)``, ``("hints", 0)``…) to its 1-based line; ``{}`` if unparsable.

    For a block scalar (``map: |``) the recorded line is the first line of its content.
    """
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError, ValueError):
        return {}
    lines: dict[Path, int] = {}
    if root is None:
        return lines
    stack: list[tuple[yaml.Node, Path]] = [(root, ())]
    visited: set[int] = set()  # aliases share nodes: visit each once (also breaks cycles)
    while stack and len(visited) < _MAX_NODES:
        node, path = stack.pop()
        if id(node) in visited:
            continue
        visited.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else "?"
                child = (*path, str(key))
                lines.setdefault(child, _first_line(key_node, value_node))
                stack.append((value_node, child))
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                child = (*path, i)
                lines.setdefault(child, item.start_mark.line + 1)
                stack.append((item, child))
    return lines


def _first_line(key_node: yaml.Node, value_node: yaml.Node) -> int:
    if isinstance(value_node, yaml.ScalarNode) and value_node.style in ("|", ">"):
        return value_node.start_mark.line + 2
    return key_node.start_mark.line + 1


def nearest_line(lines: dict[Path, int], at: Path) -> int | None:
    """The line of ``at``, or of its closest enclosing key that has one."""
    for end in range(len(at), 0, -1):
        line = lines.get(at[:end])
        if line is not None:
            return line
    return None
