"""Full-text search over factsheets with Whoosh: analysis, index build/open, queries (no Qt)."""
