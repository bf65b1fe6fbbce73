"""Navigation checks (``test_pages.py`` runs them on every page): the drawers open on a phone,
and the sidebar hides on a desktop.

Issue 16: the theme wires only the first of two ``primary-toggle`` buttons (the hidden one), so
on a phone the visible buttons did nothing. ``childinfo.js`` passes their clicks on.
"""

from __future__ import annotations

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}

HIDDEN = "getComputedStyle(document.getElementById('pst-primary-sidebar')).visibility === 'hidden'"

# The buttons a reader sees: the article header's, not the hidden site header's.
VISIBLE = ".bd-header-article .{kind}-toggle"

DRAWER_STATE = """(id) => {
    const d = document.getElementById(id);
    const r = d.getBoundingClientRect();
    return {
        open: d.open,
        onScreen: d.open && r.width > 100 && r.left >= -1 && r.right <= innerWidth + 1,
        focusInside: d.contains(document.activeElement),
        links: d.querySelectorAll("a[href]").length,
    };
}"""


def _open_and_close(page, kind: str, drawer: str, path: str) -> None:
    button = page.locator(VISIBLE.format(kind=kind))
    assert button.count() == 1, f"{path}: expected one visible {kind} button"
    assert button.is_visible(), f"{path}: the {kind} button is not visible at 360px"
    button.click()
    page.wait_for_function(f"() => document.getElementById('{drawer}').open", timeout=3000)
    state = page.evaluate(DRAWER_STATE, drawer)
    assert state["onScreen"], f"{path}: the {kind} drawer opened off screen: {state}"
    assert state["focusInside"], f"{path}: focus stayed outside the {kind} drawer"
    assert state["links"] > 0, f"{path}: the {kind} drawer is empty"
    page.keyboard.press("Escape")
    page.wait_for_function(f"() => !document.getElementById('{drawer}').open", timeout=3000)


def check_phone_drawers(page, path: str) -> None:
    """At 360 px the navigation button, and the Contents button where there is one, open their
    drawers on screen with focus inside, and Escape closes them."""
    _open_and_close(page, "primary", "pst-primary-sidebar-modal", path)
    secondary = page.locator(VISIBLE.format(kind="secondary"))
    if secondary.count():  # only pages with sections of their own have a Contents button
        _open_and_close(page, "secondary", "pst-secondary-sidebar-modal", path)


def check_desktop_sidebar(page, path: str) -> None:
    """At 1280 px the navigation button hides the sidebar and shows it again."""
    sidebar = page.locator("#pst-primary-sidebar")
    assert sidebar.is_visible(), f"{path}: the sidebar is not shown at 1280px"
    button = page.locator(VISIBLE.format(kind="primary"))
    button.click()
    # The theme slides the sidebar out and hides it (visibility), rather than removing it.
    page.wait_for_function(f"() => {HIDDEN}", timeout=3000)
    assert not page.evaluate("() => document.getElementById('pst-primary-sidebar-modal').open")
    button.click()
    page.wait_for_function(f"() => !({HIDDEN})", timeout=3000)
    assert sidebar.is_visible(), f"{path}: the sidebar did not come back"
