"""Content validated once by the server and read by the page kernels without pydantic or YAML."""

from __future__ import annotations

import subprocess
import sys

from cocreate_kit.content import compiled as compiled_content
from cocreate_kit.content.plan import available_plans, compile_content


def test_every_shipped_plan_ui_text_and_persona_file_is_compiled(tmp_path):
    """What the server hands its kernels equals what the files say, for every plan and language."""
    content = compile_content()
    assert {("plan", plan_id, lang) for plan_id, lang in available_plans()} <= set(content)
    compiled_content.write(content, str(tmp_path))
    for key, value in content.items():
        assert value == compiled_content._load(str(tmp_path), key)


def test_a_page_kernel_with_compiled_content_never_imports_pydantic_or_yaml(tmp_path):
    """A participant joins and gets the workspace in a process that has not loaded pydantic,
    PyYAML (11 MB per kernel) or the constraint types only validation needs, and sees the plan's
    real stages."""
    compiled_content.write(compile_content(), str(tmp_path / "content"))
    script = f"""
import os, sys
os.environ["{compiled_content.COMPILED_CONTENT_ENV}"] = {str(tmp_path / "content")!r}
from cocreate_kit.store import Store
from cocreate_kit.apps.participant import ParticipantApp
store = Store("sqlite:///{tmp_path / "k.db"}")
created = store.create_workshop("T")
app = ParticipantApp(store, {{"workshop": created.workshop.id, "code": created.join_code}})
app.name_input.value = "Ann"
app.join()
print([label for label, _key in app.nav.options][0])
print(sorted(name for name in ("pydantic", "yaml", "annotated_types") if name in sys.modules))
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    first_section, loaded = result.stdout.strip().splitlines()
    assert first_section.startswith("1. Empathy map")
    assert "[]" == loaded


def test_without_compiled_content_the_files_are_read(monkeypatch, tmp_path):
    """A missing or unreadable compiled file is not an error: the page reads the YAML instead."""
    monkeypatch.setenv(compiled_content.COMPILED_CONTENT_ENV, str(tmp_path / "nowhere"))
    assert compiled_content.lookup(("plan", "business-hubs", "en")) is None
    (tmp_path / "plan.business-hubs.en.pickle").write_bytes(b"not a pickle")
    assert compiled_content._load(str(tmp_path), ("plan", "business-hubs", "en")) is None
