"""The catalogue (nocontact/messages.py): the web never names a command-line flag, and each sentence is written
once, there."""

from __future__ import annotations

import ast
import html
import re
from collections import Counter
from pathlib import Path

from nocontact import messages

ROOT = Path(__file__).resolve().parent.parent / "nocontact"
FLAG = re.compile(r"(?<![\w-])--[a-z][a-z-]*")
# Where a flag may be named: the command line itself, and the modules only it uses (a test below checks that
# no other module imports them): verifying a signed export and rotating the master key.
CLI_ONLY = ("cli", "accounts/keys.py", "safety/verify.py", "domain/checker/train.py")


def python_files(*, web_only: bool) -> list[Path]:
    files = []
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT).parts
        if "tests" in parts or "migrations" in parts or path.name == "messages.py":
            continue
        if web_only and (parts[0] in CLI_ONLY or "/".join(parts) in CLI_ONLY or "management" in parts):
            continue
        files.append(path)
    return files


def strings(path: Path) -> list[tuple[int, str]]:
    """The string literals of a module that can reach a person: docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


def catalogue_names_used(files: list[Path]) -> set[str]:
    used = set()
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "messages":
                used.add(node.attr)
    return used


def sentences(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in sentences(v)]
    return []


def test_no_catalogue_entry_the_web_or_the_api_uses_names_a_command_line_flag():
    used = catalogue_names_used(python_files(web_only=True))
    assert {"IMPORT_FAILED", "IMPORT_ANSWER_WEB", "API_SIGNED_OUT"} <= used  # the scan sees what the web uses
    flagged = {
        name: text
        for name in used
        if hasattr(messages, name)
        for text in sentences(getattr(messages, name))
        if FLAG.search(text)
    }
    assert flagged == {}


def test_no_text_the_web_can_show_names_a_command_line_flag():
    """Reasons written beside the code (the import readers' refusals) reach the web too."""
    flagged = [
        f"{path.relative_to(ROOT)}:{line}: {text}"
        for path in python_files(web_only=True)
        for line, text in strings(path)
        if FLAG.search(text)
    ]
    assert flagged == []


def test_the_modules_only_the_command_line_uses_are_imported_by_nothing_else():
    only = {f"nocontact.{name.removesuffix('.py').replace('/', '.')}" for name in CLI_ONLY if name.endswith(".py")}
    importers = []
    for path in python_files(web_only=True):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                names = {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
            elif isinstance(node, ast.Import):
                names = {alias.name for alias in node.names}
            else:
                continue
            importers += [f"{path.relative_to(ROOT)} imports {name}" for name in names & only]
    assert importers == []


def test_the_command_line_still_says_which_flag_answers_an_import():
    assert all(FLAG.search(text) for text in messages.IMPORT_ANSWER_CLI.values())
    assert messages.IMPORT_ANSWER_CLI.keys() == messages.IMPORT_ANSWER_WEB.keys()


def test_each_sentence_of_the_catalogue_is_written_once_and_only_there():
    tree = ast.parse((ROOT / "messages.py").read_text(encoding="utf-8"))
    written = [
        " ".join(node.value.split())
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value) > 25
    ]
    assert [text for text, n in Counter(written).items() if n > 1] == []
    whole = [
        text
        for name, value in vars(messages).items()
        if name.isupper()
        for text in sentences(value)
        if len(text) > 25 and "{" not in text
    ]
    elsewhere = []
    others = [*python_files(web_only=False), *ROOT.rglob("*.html"), *ROOT.rglob("*.js")]
    for path in others:
        body = html.unescape(path.read_text(encoding="utf-8"))
        elsewhere += [f"{path.relative_to(ROOT)}: {text}" for text in whole if text in body]
    assert elsewhere == []
