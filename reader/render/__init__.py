"""Factsheets and the home page as HTML for QTextBrowser (no Qt)."""
