"""Workshop content as data: the plans, personas and UI words (``plan``), their check
(``check``), the copy validated once that a page's kernel reads (``compiled``), and where the
kit's own files are (``resources``)."""

__all__: list[str] = []
