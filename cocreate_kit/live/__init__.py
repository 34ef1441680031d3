"""The widget-free live rules of a workshop: what one page sees (``workshop``), what a
facilitator and a moderator change, how an entry reads in words, how a task travels across
sessions (``trace``) and what a collaboration's next session carries on (``followup``)."""

__all__: list[str] = []
