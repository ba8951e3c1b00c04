"""Kiosk mode's window and widgets: a locked, full-screen, touch-first reader for waiting rooms."""
