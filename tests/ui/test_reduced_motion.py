"""Reading the desktop's reduced-motion setting from where desktops keep it: the XDG portal (a
stand-in portal on a private D-Bus session), KDE's kdeglobals and GNOME's gsettings."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reader.ui import reduced_motion
from reader.ui.reduced_motion import from_gsettings, from_kde, prefers_reduced_motion
from tests.conftest import REPO


def test_any_place_asking_for_less_motion_is_enough(caplog):
    def broken():
        raise OSError("unreadable")

    assert prefers_reduced_motion((lambda: None, lambda: False, lambda: True)) is True
    assert prefers_reduced_motion((lambda: None, lambda: False)) is False
    assert prefers_reduced_motion((broken, lambda: True)) is True  # a broken one is skipped
    assert "reading the reduced-motion setting failed" in caplog.text


@pytest.mark.parametrize("text, answer", [
    ("[KDE]\nAnimationDurationFactor=0\n", True),
    ("[KDE]\nAnimationDurationFactor=0.5\n", False),
    ("[General]\nColorScheme=BreezeDark\n", None),
    ("[KDE]\nAnimationDurationFactor=fast\n", None),
    ("not an ini file at all", None),
], ids=["instant", "half-speed", "not-set", "unreadable", "garbage"])
def test_kde_animation_speed(tmp_path, monkeypatch, text, answer):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    (tmp_path / "kdeglobals").write_text(text, encoding="utf-8")
    assert from_kde() is answer


def test_no_kdeglobals_says_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert from_kde() is None


def _gnome_schemas() -> bool:
    if not shutil.which("gsettings"):
        return False
    done = subprocess.run(["gsettings", "list-keys", "org.gnome.desktop.interface"],
                          capture_output=True, text=True)
    return done.returncode == 0 and "enable-animations" in done.stdout.split()


@pytest.mark.skipif(not _gnome_schemas(), reason="needs gsettings and GNOME's schemas "
                    "(apt-get install libglib2.0-bin gsettings-desktop-schemas); .ci/run does")
def test_gnome_animations_switched_off(tmp_path, monkeypatch):
    # GSettings' keyfile backend keeps the settings in a file under XDG_CONFIG_HOME, so this
    # test's `gsettings set` is seen by the reader and touches nobody's real settings.
    monkeypatch.setenv("GSETTINGS_BACKEND", "keyfile")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))

    def gsettings_set(value: str) -> None:
        subprocess.run(["gsettings", "set", "org.gnome.desktop.interface", "enable-animations",
                        value], check=True)

    assert from_gsettings() is False  # the default: animations on
    gsettings_set("false")
    assert from_gsettings() is True
    gsettings_set("true")
    assert from_gsettings() is False


def test_without_gsettings_gnome_says_nothing(monkeypatch):
    monkeypatch.setattr(reduced_motion.shutil, "which", lambda _name: None)
    assert from_gsettings() is None


# -- the portal, on a private session bus --------------------------------------------------------

SYSTEM_PYTHON = "/usr/bin/python3"
FAKE_PORTAL = """
import json, sys
from gi.repository import Gio, GLib
values = json.loads(sys.argv[1])  # {"namespace key": ["u", 1]}; "version": 1 has no ReadOne
READ_ONE = '''<method name="ReadOne"><arg type="s" direction="in"/><arg type="s" direction="in"/>
<arg type="v" direction="out"/></method>'''
XML = ('<node><interface name="org.freedesktop.portal.Settings">'
       + ("" if values.pop("version", 2) == 1 else READ_ONE) +
       '''<method name="Read"><arg type="s" direction="in"/><arg type="s" direction="in"/>
<arg type="v" direction="out"/></method></interface></node>''')

def call(conn, sender, path, iface, method, params, invocation):
    ns, key = params.unpack()
    if f"{ns} {key}" not in values:
        invocation.return_dbus_error("org.freedesktop.portal.Error.NotFound", "no such key")
        return
    kind, value = values[f"{ns} {key}"]
    inner = GLib.Variant(kind, value)
    out = inner if method == "ReadOne" else GLib.Variant("v", inner)
    invocation.return_value(GLib.Variant("(v)", (out,)))

def acquired(conn, name):
    print("ready", flush=True)

def bus_acquired(conn, name):
    info = Gio.DBusNodeInfo.new_for_xml(XML).interfaces[0]
    conn.register_object("/org/freedesktop/portal/desktop", info, call, None, None)

Gio.bus_own_name(Gio.BusType.SESSION, "org.freedesktop.portal.Desktop",
                 Gio.BusNameOwnerFlags.NONE, bus_acquired, acquired, None)
GLib.MainLoop().run()
"""
ASK = ("import json; from reader.ui.reduced_motion import from_portal, _portal_read; "
       "print(json.dumps([from_portal(), _portal_read('org.freedesktop.appearance', "
       "'reduced-motion')]))")


def _have_gi() -> bool:
    return Path(SYSTEM_PYTHON).exists() and subprocess.run(
        [SYSTEM_PYTHON, "-c", "from gi.repository import Gio"], capture_output=True).returncode == 0


@pytest.fixture
def session_bus():
    if not shutil.which("dbus-daemon"):
        pytest.skip("needs dbus-daemon for a private session bus")
    if not _have_gi():
        pytest.skip(f"needs {SYSTEM_PYTHON} with PyGObject (python3-gi) for a stand-in portal")
    daemon = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address=1"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    address = daemon.stdout.readline().strip()
    if not address:
        daemon.terminate()
        pytest.skip("the D-Bus session bus would not start")
    yield {**os.environ, "DBUS_SESSION_BUS_ADDRESS": address}
    daemon.terminate()
    daemon.wait(5)
    daemon.stdout.close()


def ask_portal(env, values: dict | None):
    """What the reader makes of a portal holding `values` (None: no portal at all)."""
    portal = None
    if values is not None:
        portal = subprocess.Popen([SYSTEM_PYTHON, "-c", FAKE_PORTAL, json.dumps(values)], env=env,
                                  stdout=subprocess.PIPE, text=True)
        assert portal.stdout.readline().strip() == "ready"
    try:
        done = subprocess.run([sys.executable, "-c", ASK], env=env, cwd=REPO,
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout.strip().splitlines()[-1])
    finally:
        if portal is not None:
            portal.terminate()
            portal.wait(5)
            portal.stdout.close()


def test_the_portal_is_asked_first(session_bus):
    reduce = "org.freedesktop.appearance reduced-motion"
    gnome = "org.gnome.desktop.interface enable-animations"
    assert ask_portal(session_bus, {reduce: ["u", 1]}) == [True, 1]
    assert ask_portal(session_bus, {reduce: ["u", 0], gnome: ["b", True]}) == [False, 0]
    # A portal without the key, passing GNOME's own switch on:
    assert ask_portal(session_bus, {gnome: ["b", False]}) == [True, None]
    assert ask_portal(session_bus, {}) == [None, None]  # a portal that knows neither
    # A version 1 portal has only Read, which wraps the value in a second variant.
    assert ask_portal(session_bus, {"version": 1, reduce: ["u", 1]}) == [True, 1]


def test_no_portal_on_the_bus_says_nothing(session_bus):
    assert ask_portal(session_bus, None) == [None, None]


def test_each_system_is_asked_where_it_keeps_the_setting():
    assert reduced_motion.platform_sources("win32") == (reduced_motion.from_windows,)
    assert reduced_motion.platform_sources("darwin") == (reduced_motion.from_macos,)
    assert reduced_motion.from_portal in reduced_motion.platform_sources("linux")


class FakeUser32:
    """SystemParametersInfoW as Windows answers it: writes the switch into the BOOL given."""

    def __init__(self, animate: int, ok: int = 1) -> None:
        self.animate, self.ok, self.asked = animate, ok, []

    def SystemParametersInfoW(self, action, param, pointer, flags):  # noqa: N802 (Windows API)
        self.asked.append(action)
        pointer._obj.value = self.animate
        return self.ok


@pytest.mark.parametrize("animate, ok, answer", [(0, 1, True), (1, 1, False), (1, 0, None)])
def test_windows_show_animations_switch(animate, ok, answer):
    user32 = FakeUser32(animate, ok)
    assert reduced_motion.from_windows(user32) is answer
    assert user32.asked == [reduced_motion.SPI_GETCLIENTAREAANIMATION]


@pytest.mark.skipif(sys.platform == "win32", reason="the stand-in `defaults` is a shell script")
@pytest.mark.parametrize("output, code, answer", [("1", 0, True), ("0", 0, False),
                                                   ("", 1, None)])
def test_macos_reduce_motion(tmp_path, monkeypatch, output, code, answer):
    """A stand-in `defaults` on PATH answers as macOS's does (exit 1: the key was never set)."""
    fake = tmp_path / "defaults"
    fake.write_text(f"#!/bin/sh\n[ \"$2 $3\" = \"com.apple.universalaccess reduceMotion\" ] "
                    f"|| exit 2\necho '{output}'\nexit {code}\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert reduced_motion.from_macos() is answer
