"""`python -m cocreate_kit.cli`: the `cocreate` command."""

from .main import main

main()
