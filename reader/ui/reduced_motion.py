"""Whether the desktop asks for less motion, for the kiosk's attract screen (the only thing in
the app that moves by itself).

Qt 6.11 has no such hint (QStyleHints knows the colour scheme, QAccessibilityHints only the
contrast), so this asks where Linux desktops keep the setting; any of them asking for less
motion is enough:

1. The XDG desktop portal's Settings (`org.freedesktop.portal.Settings.ReadOne`):
   `org.freedesktop.appearance` `reduced-motion` (1: reduce; xdg-desktop-portal 1.21 and
   later), then GNOME's `org.gnome.desktop.interface` `enable-animations` as the GNOME and GTK
   portals pass it on (false: reduce).
3. GNOME's setting itself, read with `gsettings` (a session without a portal, such as a GNOME
   Kiosk session): the switch for animations in GNOME Settings' Accessibility page sets it,
   and so does `gsettings set org.gnome.desktop.interface enable-animations false`.
2. KDE Plasma's `AnimationDurationFactor=0` under `[KDE]` in kdeglobals (System Settings,
   animation speed "Instant").

On Windows the answer is the "Show animations in Windows" switch (Settings, Accessibility,
Visual effects), read with SystemParametersInfo(SPI_GETCLIENTAREAANIMATION); on macOS it is
"Reduce motion" (System Settings, Accessibility, Display), read with `defaults read
com.apple.universalaccess reduceMotion`.
"""

from __future__ import annotations

import configparser
import logging
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger(__name__)

PORTAL = ("org.freedesktop.portal.Desktop", "/org/freedesktop/portal/desktop",
          "org.freedesktop.portal.Settings")
PORTAL_TIMEOUT_MS = 300  # a portal that does not answer at once is treated as absent
GNOME = ("org.gnome.desktop.interface", "enable-animations")
SETTINGS_TIMEOUT_S = 2.0  # gsettings, defaults
SPI_GETCLIENTAREAANIMATION = 0x1042
MACOS = ("com.apple.universalaccess", "reduceMotion")

Answer = bool | None  # True: reduce motion; False: motion is fine; None: this source cannot say


def prefers_reduced_motion(sources: tuple[Callable[[], Answer], ...] | None = None) -> bool:
    """True when the desktop asks applications to reduce motion (see the module docstring)."""
    for source in sources if sources is not None else platform_sources():
        try:
            if source():
                return True
        except Exception:  # a setting that cannot be read must never stop the kiosk
            log.exception("reading the reduced-motion setting failed")
    return False


def platform_sources(platform: str = sys.platform) -> tuple[Callable[[], Answer], ...]:
    """Where this system keeps the setting, in the order to ask."""
    if platform == "win32":
        return (from_windows,)
    if platform == "darwin":
        return (from_macos,)
    return (from_portal, from_kde, from_gsettings)


def from_windows(user32=None) -> Answer:
    """Windows' "Show animations in Windows" switch: off means reduce. `user32` stands in
    for the system library in tests."""
    import ctypes

    if user32 is None:
        user32 = ctypes.windll.user32  # type: ignore[attr-defined]  (Windows only)
    animate = ctypes.c_int(1)
    if not user32.SystemParametersInfoW(SPI_GETCLIENTAREAANIMATION, 0, ctypes.byref(animate), 0):
        return None
    return not animate.value


def from_macos() -> Answer:
    """macOS's "Reduce motion": 1 means reduce; a Mac where it was never set has no value."""
    value = _setting_from("defaults", "read", *MACOS)
    return None if value not in ("0", "1") else value == "1"


def _setting_from(program: str, *args: str) -> str | None:
    """What `program args` prints, stripped; None when it is not installed or fails."""
    import subprocess  # only here: nothing else at start runs another program

    found = shutil.which(program)
    if found is None:
        return None
    done = subprocess.run([found, *args], capture_output=True, text=True,
                          timeout=SETTINGS_TIMEOUT_S)
    return None if done.returncode else done.stdout.strip()


def from_portal() -> Answer:
    answers = []
    reduce = _portal_read("org.freedesktop.appearance", "reduced-motion")
    if isinstance(reduce, int) and not isinstance(reduce, bool):
        answers.append(reduce == 1)
    animations = _portal_read(*GNOME)
    if isinstance(animations, bool):
        answers.append(not animations)
    return any(answers) if answers else None


def _portal_read(namespace: str, key: str):
    """The portal's value for `namespace` `key`, or None (no session bus, no portal, no key)."""
    from PySide6.QtDBus import QDBus, QDBusConnection, QDBusMessage, QDBusVariant

    bus = QDBusConnection.sessionBus()
    if not bus.isConnected():
        return None
    for method in ("ReadOne", "Read"):  # Read: portals before version 2, a variant in a variant
        message = QDBusMessage.createMethodCall(*PORTAL, method)
        message.setArguments([namespace, key])
        reply = bus.call(message, QDBus.CallMode.Block, PORTAL_TIMEOUT_MS)
        if reply.type() == QDBusMessage.MessageType.ReplyMessage and reply.arguments():
            value = reply.arguments()[0]
            while isinstance(value, QDBusVariant):
                value = value.variant()
            return value
        if reply.errorName() != "org.freedesktop.DBus.Error.UnknownMethod":
            return None  # no portal, or it does not know the key
    return None


def from_gsettings() -> Answer:
    value = _setting_from("gsettings", "get", *GNOME)
    if value not in ("true", "false"):
        return None  # no gsettings, or no GNOME schemas installed
    return value == "false"


def from_kde() -> Answer:
    config = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        parser.read(config / "kdeglobals", encoding="utf-8")
        factor = parser.getfloat("KDE", "AnimationDurationFactor", fallback=None)
    except (configparser.Error, ValueError, UnicodeDecodeError):
        return None
    return None if factor is None else factor == 0
