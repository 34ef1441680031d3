"""The Voila plumbing: starting the server and printing its links (``voila``), its kernels'
lives, logins, the page presence and warmth files, and the offline page template."""

__all__: list[str] = []
