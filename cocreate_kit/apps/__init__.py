"""The two Voila apps: the participant page and the facilitator board."""
