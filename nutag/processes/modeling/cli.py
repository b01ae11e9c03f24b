"""``process_check``: read BPMN files without storing them and say whether Nutag can run them, and why not."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

from .checks import ERROR, Problem, check_definitions, is_executable
from .reader import BpmnFileError, read_bpmn


class Writer(Protocol):
    def write(self, text: str, /) -> object: ...


def check_file(path: Path, library: Iterable[Path] = ()) -> tuple[bool, list[Problem]]:
    """(is it BPMN at all, problems). Raises BpmnFileError or OSError for files that cannot be read."""
    definitions = read_bpmn(path.read_bytes())
    shared = [read_bpmn(item.read_bytes()) for item in library]
    return True, check_definitions(definitions, library=shared)


def run(paths: Iterable[str], out: Writer, library: Iterable[str] = ()) -> int:
    """Print a report per file; return 1 if any file is not BPMN or cannot be read, else 0."""
    status = 0
    try:
        shared = [Path(item) for item in library]
        for item in shared:
            read_bpmn(item.read_bytes())
    except (OSError, BpmnFileError) as error:
        out.write(f"The shared sub-process library cannot be read: {error}\n")
        return 1
    for name in paths:
        path = Path(name)
        try:
            _, problems = check_file(path, shared)
        except BpmnFileError as error:
            out.write(f"{name}: NOT IMPORTED. {error}\n")
            status = 1
            continue
        except OSError as error:
            out.write(f"{name}: cannot be read ({error.strerror or error}).\n")
            status = 1
            continue
        verdict = "executable" if is_executable(problems) else "imports, but NOT EXECUTABLE"
        out.write(f"{name}: {verdict}.\n")
        for problem in problems:
            label = "error" if problem.severity == ERROR else "warning"
            out.write(f"  - [{label}] {problem.sentence}\n")
    return status
