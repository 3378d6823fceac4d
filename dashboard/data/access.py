"""Who is looking, decided on the server: the deployment's `[access]` settings, the users file
(`pipelines.access`), sign-in with back-off (`pipelines.lockout`), a trusted proxy's user
header, session expiry, and the audit log (`pipelines.audit`).

Sign-in modes (`[access] sign_in`): "none" (the default and the demo: everyone is admin),
"users" (a name and password from the users file; the session remembers the user, never the
password, and ends after `session_hours` idle) or "proxy" (a reverse proxy in front of the
dashboard names the user in `proxy_header`; the role comes from the users file). Pages call
`components/page.require(role)` before they read any data; that uses `viewer()` here.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from ipaddress import ip_address
from pathlib import Path

import streamlit as st

from neglect_insight.dashboard.data import db_path
from neglect_insight.pipelines import access, audit
from neglect_insight.pipelines.load.database import store_dir
from neglect_insight.pipelines.lockout import Lockout
from neglect_insight.pipelines.settings import AccessSettings, load_settings

SESSION_KEY = "signed_in"  # session state: {"name", "role", "last_seen"}; never a password
EXPIRED_KEY = "session_expired"  # set when a session ended for being idle too long
PROXY_SEEN_KEY = "proxy_user_recorded"  # the proxy's user, once recorded as signed in
_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Viewer:
    """The person looking at the page, and what they may see. `demo`: sign-in is off."""

    name: str | None
    role: str
    demo: bool = False

    def may(self, needed: str) -> bool:
        return access.allows(self.role, needed)


def settings() -> AccessSettings:
    """The `[access]` settings (read afresh each run; raises SettingsError for a bad file)."""
    return load_settings().access


def users_file() -> Path:
    """This deployment's users file: `[access] users_file`, else beside the database pointer."""
    return access.users_path(store_dir(db_path()), settings().users_file)


def viewer() -> Viewer | None:
    """Who is looking, or None when nobody is signed in (the page shows the sign-in form)."""
    config = settings()
    if config.sign_in == "none":
        return Viewer(None, "admin", demo=True)
    if config.sign_in == "proxy":
        return _proxy_viewer(config.proxy_header)
    return _session_viewer(config.session_hours)


def _session_viewer(session_hours: float) -> Viewer | None:
    session = st.session_state.get(SESSION_KEY)
    if not session:
        return None
    now = time.time()
    if now - session["last_seen"] > session_hours * 3600:
        st.session_state.pop(SESSION_KEY, None)
        st.session_state[EXPIRED_KEY] = True
        record("sign_out", session["name"], session["role"], reason="idle too long")
        return None
    role = access.role_of(users_file(), session["name"])  # removed or changed since sign-in
    if role is None:
        st.session_state.pop(SESSION_KEY, None)
        return None
    session["last_seen"], session["role"] = now, role
    return Viewer(session["name"], role)


def _headers() -> dict[str, str]:
    try:
        return {str(k).lower(): v for k, v in st.context.headers.items() if isinstance(v, str)}
    except Exception:  # noqa: BLE001 - no request (a test run): no headers
        return {}


def _proxy_viewer(header: str) -> Viewer | None:
    """The user the trusted proxy names, with their role from the users file; None for a
    missing header or a name that is not in the file."""
    name = _headers().get(header.lower(), "").strip()
    role = access.role_of(users_file(), name) if name else None
    if role is None:
        return None
    if st.session_state.get(PROXY_SEEN_KEY) != name:
        st.session_state[PROXY_SEEN_KEY] = name
        record("sign_in", name, role, via="proxy")
    return Viewer(name, role)


def client() -> str | None:
    """The address the request came from: the direct peer, or, when that peer is this
    computer (a reverse proxy in front of a dashboard listening on 127.0.0.1), the address the
    proxy put last in X-Forwarded-For. A remote client cannot forge it: it never reaches the
    dashboard except through the proxy."""
    try:
        peer = st.context.ip_address
    except Exception:  # noqa: BLE001 - no request (a test run)
        peer = None
    peer = peer if isinstance(peer, str) and peer else None
    forwarded = _headers().get("x-forwarded-for", "").split(",")[-1].strip()
    try:
        is_local = peer is None or ip_address(peer).is_loopback
    except ValueError:
        is_local = False
    return (forwarded or peer) if is_local else peer


@st.cache_resource(show_spinner=False)
def _lockout() -> Lockout:
    """The failed sign-in counters, one set per dashboard process (see pipelines/lockout.py)."""
    return Lockout()


def sign_in(name: str, password: str) -> bool:
    """Check a typed name and password; on success remember the user in the session. Refused
    without a check while the name or this client is locked out after repeated failures. The
    password is never kept, logged or recorded."""
    keys = [f"user:{name}"] + ([f"client:{address}"] if (address := client()) else [])
    lockout = _lockout()
    if lockout.wait(*keys) > 0:
        record("sign_in_failed", name or None, None, client=address, locked_out=True)
        return False
    role = access.authenticate(users_file(), name, password)
    if role is None:
        lockout.failed(*keys)
        record("sign_in_failed", name or None, None, client=address)
        return False
    lockout.succeeded(*keys)
    st.session_state.pop(EXPIRED_KEY, None)
    st.session_state[SESSION_KEY] = {"name": name, "role": role, "last_seen": time.time()}
    record("sign_in", name, role, client=address)
    return True


def sign_out() -> None:
    session = st.session_state.pop(SESSION_KEY, None)
    if session:
        record("sign_out", session["name"], session["role"])


def has_users() -> bool:
    """Whether any user has been set up (read afresh on each run: a new user counts)."""
    return access.has_users(users_file())


def record(action: str, user: str | None, role: str | None, **details) -> None:
    """Append an event to the audit log beside the store. A log that cannot be written is
    reported in the server's log and does not stop the page (the store may be read-only)."""
    try:
        audit.record(store_dir(db_path()), action, user, role, **details)
    except OSError as err:
        _log.warning("The audit log could not be written: %s", err)


def record_for(person: Viewer, action: str, **details) -> None:
    """`record` for the person looking (sign-in off: no user, role admin)."""
    record(action, person.name, person.role, **details)


def record_view(person: Viewer, action: str, **details) -> None:
    """`record_for`, once per thing seen: a rerun showing the same rows again (a widget
    elsewhere on the page changed) is not a new view."""
    seen = (action, repr(sorted(details.items())))
    if st.session_state.get(f"audit-last-{action}") != seen:
        st.session_state[f"audit-last-{action}"] = seen
        record_for(person, action, **details)
