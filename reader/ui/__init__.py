"""The Qt user interface: every widget lives here, and only here."""
