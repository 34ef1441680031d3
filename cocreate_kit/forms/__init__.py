"""Participant forms: plain models (tested without a browser) and thin ipywidgets views."""

__all__: list[str] = []  # import the modules themselves (each is light on its own)
