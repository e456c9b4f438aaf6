"""docs/privacy-and-security.md lists every stored field of every model as encrypted, a hash or plain."""

from __future__ import annotations

import re
from pathlib import Path

from django.apps import apps

DOC = Path(__file__).resolve().parent.parent / "docs" / "privacy-and-security.md"


def documented() -> dict[str, set[str]]:
    """For each model named in a '### `app.Model`' heading under "Every stored field", the field names
    in the first column of its table."""
    text = DOC.read_text(encoding="utf-8").split("## Every stored field", 1)[1]
    found: dict[str, set[str]] = {}
    for section in re.split(r"^### ", text, flags=re.M)[1:]:
        heading, _, body = section.partition("\n")
        fields = set()
        for line in body.splitlines():
            if line.startswith("| `"):
                fields |= set(re.findall(r"`([A-Za-z_0-9]+)`", line.split("|")[1]))
        for label in re.findall(r"`([a-z_]+\.[A-Za-z]+)`", heading):
            found.setdefault(label, set()).update(fields)
    return found


def stored_fields(model) -> set[str]:
    meta = model._meta
    return {f.name for f in meta.concrete_fields} | {f.name for f in meta.local_many_to_many}


def test_every_stored_field_of_every_model_is_in_the_privacy_doc():
    doc = documented()
    missing = []
    for model in apps.get_models():
        label = model._meta.label
        if label not in doc:
            missing.append(f"{label} (the whole model)")
            continue
        missing += [f"{label}.{name}" for name in sorted(stored_fields(model) - doc[label])]
    assert missing == [], "add these to docs/privacy-and-security.md, encrypted or plain, with why"


def test_the_doc_says_encrypted_for_every_encrypted_column():
    doc_text = DOC.read_text(encoding="utf-8")
    for model in apps.get_models():
        for name in stored_fields(model):
            if name.endswith("_encrypted"):
                row = re.search(rf"^\| [^|]*`{name}`[^|]*\| ([^|]*)\|", doc_text, flags=re.M)
                assert row, f"{model._meta.label}.{name}"
                assert "encrypted" in row.group(1), f"{model._meta.label}.{name}"
