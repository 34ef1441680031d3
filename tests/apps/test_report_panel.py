"""The board's Report panel builds the files in the background and links them for download."""

from __future__ import annotations

from cocreate_kit.apps.report_panel import ReportPanel


def test_making_the_report_fills_the_bar_and_links_the_three_files_with_the_key(
    store, workshop, tmp_path, monkeypatch
):
    """A click builds HTML, PDF and XLSX into the run's folder without holding up the board
    (the click returns at once); then the bar is full and three download links carry the key."""
    monkeypatch.setenv("COCREATE_REPORTS_DIR", str(tmp_path))
    panel = ReportPanel(workshop.workshop.id, workshop.facilitator_key, _ui(), store.url)
    panel.build.click()
    assert panel.build.disabled  # the click came back while the build runs
    panel.wait(120)
    assert not panel.build.disabled and panel.progress.max == panel.progress.value
    for name in ("report.html", "report.pdf", "workshop.xlsx"):
        assert (tmp_path / workshop.workshop.id / name).is_file()
        assert f"{workshop.workshop.id}/{name}?key=" in panel.links.value
    assert "ready to download" in panel.message.value


def test_a_report_that_cannot_be_built_says_why_and_can_be_tried_again(store, tmp_path, monkeypatch):
    """An unknown workshop (deleted meanwhile, say): the panel says it could not be built and
    why, offers no links, and the button works again."""
    monkeypatch.setenv("COCREATE_REPORTS_DIR", str(tmp_path))
    panel = ReportPanel("no-such-workshop", "k", _ui(), store.url)
    panel.build.click()
    panel.wait(120)
    assert "could not be built" in panel.message.value and "no-such-workshop" in panel.message.value
    assert "" == panel.links.value and not panel.build.disabled


def _ui():
    from cocreate_kit.content.plan import load_ui

    return load_ui("en")
