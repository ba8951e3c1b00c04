"""Run by test_accessibility_tree.py with the system Python (Debian's python3-pyatspi), on the
same X server and D-Bus session as the running app: reads the app's accessibility tree over
AT-SPI the way a screen reader (Orca) does, presses real keys through the X server (xdotool),
and prints one JSON line of what it found. It asserts nothing itself: the test does.

    /usr/bin/python3 atspi_walker.py window|kiosk

Focus is followed as Orca follows it, through "object:state-changed:focused" events.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pyatspi
from gi.repository import GLib

APP_NAME = "Factsheet Reader"
CONTEXT = GLib.MainContext.default()
MAX_NODES = 5000  # a runaway tree (a list of thousands) must not hang the walk


class Focus:
    """Every focus the app reports, as (role, name), in order."""

    def __init__(self) -> None:
        self.events: list[tuple[str, str]] = []
        self.announcements: list[str] = []  # what the app asked a screen reader to say
        pyatspi.Registry.registerEventListener(self._on_event, "object:state-changed:focused")
        pyatspi.Registry.registerEventListener(self._on_announcement, "object:announcement")

    def _on_announcement(self, event) -> None:
        self.announcements.append(str(event.any_data))

    def _on_event(self, event) -> None:
        if not event.detail1:
            return
        try:
            self.events.append((event.source.getRoleName(), event.source.name or ""))
        except Exception:  # the object went away before we asked
            self.events.append(("gone", ""))

    def drain(self) -> list[tuple[str, str]]:
        out, self.events = self.events, []
        return out


def pump(seconds: float) -> None:
    """Let AT-SPI events arrive for `seconds`."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if not CONTEXT.iteration(False):
            time.sleep(0.01)


def wait_for(condition, seconds: float = 10.0):
    """Pump events until `condition()` is truthy (and return it), or `seconds` have passed."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            value = condition()
        except Exception:  # a node vanished while we looked: look again
            value = None
        if value:
            return value
        pump(0.05)
    return None


def key(*names: str, focus: Focus | None = None, settle: float = 0.25) -> list[tuple[str, str]]:
    """Press `names` (xdotool key names) one by one and return the focus events that followed
    each press (waiting up to 3 s for one, then `settle` s for any that come after it)."""
    out = []
    for name in names:
        if focus is not None:
            focus.drain()
        subprocess.run(["xdotool", "key", "--clearmodifiers", name], check=True)
        if focus is not None:
            wait_for(lambda: focus.events, 3.0)
            pump(settle)
            out.append(focus.drain())
        else:
            pump(settle)
    return out


def type_text(text: str) -> None:
    subprocess.run(["xdotool", "type", "--delay", "30", text], check=True)


def children(node):
    for i in range(node.childCount):
        try:
            child = node.getChildAtIndex(i)
        except Exception:
            continue
        if child is not None:
            yield child


def walk(node, path=()):
    """(node, path of ancestor "role:name") for `node` and everything below it."""
    stack = [(node, path)]
    seen = 0
    while stack and seen < MAX_NODES:
        here, trail = stack.pop()
        seen += 1
        yield here, trail
        try:
            label = f"{here.getRoleName()}:{here.name or ''}"
        except Exception:
            continue
        kids = list(children(here))
        stack.extend((kid, (*trail, label)) for kid in reversed(kids))


def find(root, role: str | None = None, name: str | None = None):
    for node, _path in walk(root):
        try:
            if (role is None or node.getRoleName() == role) and (name is None or node.name == name):
                return node
        except Exception:
            continue
    return None


def states(node) -> list[str]:
    return sorted(pyatspi.stateToString(s) for s in node.getState().getStates())


def describe(node, path) -> dict:
    return {"role": node.getRoleName(), "name": node.name or "",
            "description": node.description or "", "states": states(node),
            "path": list(path[-3:])}


def audit(root) -> list[dict]:
    """Every focusable node and every button (kiosk buttons take no focus but are pressed)."""
    out = []
    for node, path in walk(root):
        try:
            role = node.getRoleName()
            if node.getState().contains(pyatspi.STATE_FOCUSABLE) or role == "push button":
                out.append(describe(node, path))
        except Exception:
            continue
    return out


def the_app():
    desktop = pyatspi.Registry.getDesktop(0)
    for app in children(desktop):
        try:
            if app.name == APP_NAME and app.childCount:
                return app
        except Exception:
            continue
    return None


def item_names(node) -> list[str]:
    return [child.name or "" for child in children(node)]


def text_of(node) -> dict:
    """What a screen reader can get from a text object: its text, its caret, its links."""
    out = {"role": node.getRoleName(), "name": node.name or "", "states": states(node),
           "interfaces": sorted(node.get_interfaces()),
           "child_roles": sorted({c.getRoleName() for c in children(node)}),
           "headings": 0, "links": 0, "heading_names": [], "link_objects": []}
    text = node.queryText()
    out["text"] = text.getText(0, -1)
    out["caret"] = text.caretOffset
    for sub, _path in walk(node):
        role = sub.getRoleName()
        if role in ("heading", "link"):
            out[role + "s"] += 1
            out["heading_names" if role == "heading" else "link_objects"].append(sub.name or "")
    try:
        out["links"] += node.queryHypertext().getNLinks()
    except NotImplementedError:
        out["hypertext"] = False
    return out


def window_scenario(app, focus: Focus) -> dict:
    result: dict = {}
    frame = next(children(app))
    # The menus are populated once every feature is built (some are built after first paint).
    result["menus_ready"] = bool(wait_for(
        lambda: find(app, "menu item", "Export handout as PDF…"), 20))
    result["nodes"] = audit(app)
    result["combo_boxes"] = [
        {"name": c.name or "", "description": c.description or "",
         "labelled_by": [t.name for r in c.getRelationSet()
                         if r.getRelationType() == pyatspi.RELATION_LABELLED_BY
                         for t in (r.getTarget(i) for i in range(r.getNTargets()))]}
        for c, _p in walk(app) if c.getRoleName() == "combo box"]

    result["focused_at_start"] = [
        [n["role"], n["name"]] for n in result["nodes"]
        if "focused" in n["states"] and "showing" in n["states"]
        and n["role"] not in ("list item", "table cell", "page tab")]
    key("Tab")  # away from search, first thing after start, then Ctrl+K brings it back
    result["ctrl_k"] = key("ctrl+k", focus=focus)[0]
    tabs = []
    for _ in range(10):  # Tab until the page has the focus (inside it Tab moves link to link)
        tabs.append(key("Tab", focus=focus)[0])
        if ("label", "Factsheet page") in tabs[-1] or ("text", "Factsheet page") in tabs[-1]:
            break
    result["tab"] = tabs
    key("ctrl+k", focus=focus)
    result["f6"] = key(*["F6"] * 6, focus=focus)
    key("ctrl+k", focus=focus)
    result["shift_f6"] = key(*["shift+F6"] * 6, focus=focus)

    key("ctrl+k", focus=focus)
    type_text("migraine")
    results = wait_for(lambda: find(app, "list", "Search results"))
    result["results"] = wait_for(lambda: results is not None and item_names(results), 15) or []
    status = find(app, "label", "Search status")
    result["status"] = {"name": status.name, "description": status.description} if status else None
    wait_for(lambda: focus.announcements, 5)
    result["announcements"] = list(focus.announcements)
    result["down"] = key("Down", focus=focus)[0]
    result["down_again"] = key("Down", focus=focus)[0]
    key("Up", "Return")
    result["title_after_enter"] = wait_for(
        lambda: frame.name if frame.name != APP_NAME else None, 10) or frame.name
    page = find(app, name="Factsheet page")
    result["page"] = text_of(page) if page is not None else None

    # Tab from link to link in the page: the page's description names the link focused.
    result["link_names"] = []
    if page is not None:
        for _ in range(6):
            key("F6", focus=focus)
            if page.getState().contains(pyatspi.STATE_FOCUSED):
                break
        for _ in range(8):
            key("Tab", settle=0.3)
            result["link_names"].append(page.description or "")

    result["contents_shortcut"] = key("ctrl+shift+t", focus=focus)[0]
    contents = find(app, "list", "Sections of this page")
    result["contents"] = item_names(contents) if contents is not None else []
    # Down to the third section and Enter: where does the page's caret go?
    key("Home", "Down", "Down", "Return", settle=0.4)
    result["caret_after_section"] = page.queryText().caretOffset if page is not None else None
    result["f6_on_factsheet"] = key(*["F6"] * 6, focus=focus)
    return result


def kiosk_scenario(app, focus: Focus) -> dict:
    result: dict = {"nodes": audit(app)}
    result["tab"] = key("Tab", focus=focus)[0]
    key("space", settle=0.6)
    result["after_space"] = focus.drain()
    type_text("migraine")
    results = wait_for(lambda: find(app, "list", "Search results"))
    result["results"] = wait_for(lambda: results is not None and item_names(results), 15) or []
    wait_for(lambda: focus.announcements, 5)
    result["announcements"] = list(focus.announcements)
    key("Return", settle=0.8)
    page = find(app, name="Factsheet page")
    result["page"] = text_of(page) if page is not None else None
    result["nodes_on_page"] = audit(app)
    return result


def main(kind: str) -> int:
    focus = Focus()
    app = wait_for(the_app, 30)
    if app is None:
        print(json.dumps({"error": f"no application called {APP_NAME!r} on the AT-SPI bus "
                                   "within 30 s"}))
        return 0
    try:
        result = (window_scenario if kind == "window" else kiosk_scenario)(app, focus)
    except Exception as exc:  # report it to the test, with where it happened
        import traceback

        result = {"error": "".join(traceback.format_exception(exc))[-2000:]}
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
