"""The `cocreate` command: each command parses, calls one library function, prints."""

__all__: list[str] = []
