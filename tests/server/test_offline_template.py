"""The kit's page template: Voila's own, minus anything loaded from another host."""

from __future__ import annotations

import json

from cocreate_kit.server.offline_template import FOREIGN_ASSET, PAGE_SCRIPT, lab_index, write_offline_template


def test_the_template_drops_cdn_assets_and_keeps_the_rest(tmp_path):
    """Derived from the installed Voila: every line but the remote stylesheets is kept, and the
    kit's page script is added once."""
    share = write_offline_template(tmp_path)
    folder = tmp_path / "share" / "jupyter" / "voila" / "templates" / "cocreate"
    assert str(tmp_path / "share" / "jupyter") == share
    original = lab_index().read_text(encoding="utf-8").splitlines()
    text = (folder / "index.html.j2").read_text(encoding="utf-8")
    assert 1 == text.count(PAGE_SCRIPT)
    derived = text.replace(PAGE_SCRIPT, "").splitlines()
    assert [line for line in original if not FOREIGN_ASSET.search(line)] == derived
    assert not any("https://" in line and ("<link" in line or "<script" in line) for line in derived)
    assert {"base_template": "lab"} == json.loads((folder / "conf.json").read_text(encoding="utf-8"))
