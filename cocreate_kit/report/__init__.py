"""Reports and analysis: pandas tables, matplotlib pictures and the HTML report (never widgets)."""

__all__: list[str] = []  # import the modules themselves (each is light on its own)
