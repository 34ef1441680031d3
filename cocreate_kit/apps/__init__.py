"""The two Voila apps: the participant page and the facilitator board."""

__all__: list[str] = []  # import the modules themselves (each is light on its own)
