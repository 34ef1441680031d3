"""Reports and analysis: pandas tables, matplotlib pictures and the HTML report (never widgets)."""
