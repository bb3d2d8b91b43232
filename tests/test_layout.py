"""Data flows one way: a module imports only from its own stage, the stages before it, and the knowledge floor."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "kg"
# Lower number = lower layer. A module may import from its own layer and every layer below it.
LAYERS = {
    "errors": 0, "knowledge": 0,
    "read": 1, "nlp": 2, "resolve": 3, "rdf": 4, "store": 5,
    "build": 6, "questions": 6, "validate": 6,
    "explore": 7, "serve": 8, "api": 8,
    "cli": 9, "__main__": 9, "__init__": 9,
}


def _layer(module: str) -> int:
    """The layer of a dotted module name under kg."""
    top = module.split(".")[1] if module.startswith("kg.") else module
    return LAYERS[top]


def _module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" and len(parts) > 2 else parts)


def _imports(path: Path) -> set[str]:
    """Every kg module a file imports (absolute or relative), resolved to dotted names."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                out.add(".".join([*base, node.module]) if node.module else ".".join(base))
            elif node.module and node.module.startswith("kg."):
                out.add(node.module)
        elif isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.startswith("kg.")}
    return {m for m in out if m.startswith("kg.") and m != "kg"}


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p.name != "__init__.py" or p.parent != PACKAGE)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_import_goes_up_a_layer(path):
    mine = _layer(_module_name(path))
    upward = sorted(m for m in _imports(path) if _layer(m) > mine)
    assert upward == [], f"{_module_name(path)} (layer {mine}) imports {upward}"
