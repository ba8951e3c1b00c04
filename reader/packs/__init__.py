"""Signed content packs: the pack format, signature checks, staged install, rollback and updates.

Pure Python (no Qt). Modules that need `cryptography` or `urllib` import them only when called,
so the app's start path (`active.resolve_content`) stays lean.
"""
