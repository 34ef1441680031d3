"""Participant forms: plain models (tested without a browser) and thin ipywidgets views."""
