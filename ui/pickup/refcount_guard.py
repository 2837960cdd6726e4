"""A guard against a binding bug that would crash the window after a few minutes of camera.

The PySide6 6.12 stable-ABI wheels running on CPython 3.11 hand back None, True and False
without the reference they owe the caller: every call of a Qt method that returns nothing
(setText, update, …) takes one reference from None, and every Python-side signal emit
one from True. On CPython 3.12+ those objects are immortal and nothing happens; on 3.11
their counts run down until Python aborts with "none_dealloc" / "bool_dealloc". The
Pickup screen's live preview makes a dozen such calls a frame, 30 frames a second, which
measured here as about four minutes to a crash (and an abort at exit for shorter runs).

`guard_singletons()` checks whether this binding really drops the reference and, only if it
does, gives the three objects a reference count no run can use up — what CPython 3.12
does for them by design (PEP 683). Nothing happens on a healthy binding or a newer Python.
"""
from __future__ import annotations

import ctypes
import logging
import sys

log = logging.getLogger(__name__)

PROBE_CALLS = 64
HEADROOM = 1 << 40  # references added to each singleton: out of reach of any session
_guarded = False


def binding_drops_references() -> bool:
    """True when a Qt method returning nothing takes a reference from None."""
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(PROBE_CALLS):
        probe.setObjectName("refcount-probe")
    return before - sys.getrefcount(None) >= PROBE_CALLS


def guard_singletons() -> bool:
    """Make None, True and False immortal if (and only if) the binding needs it.

    Returns True when the guard is in place. Safe to call any number of times.
    """
    global _guarded
    if _guarded:
        return True
    if (
        sys.implementation.name != "cpython"
        or sys.version_info >= (3, 12)  # immortal already
        or hasattr(sys, "gettotalrefcount")  # a debug build lays objects out differently
        or not binding_drops_references()
    ):
        return False
    for singleton in (None, True, False):
        # ob_refcnt is the first field of every object in a release build of CPython.
        ctypes.c_ssize_t.from_address(id(singleton)).value += HEADROOM
    _guarded = True
    log.warning(
        "this PySide6 build drops references to None/True/False on Python %d.%d; "
        "made them immortal to keep the window from crashing",
        *sys.version_info[:2],
    )
    return True
