"""Back-off after failed sign-ins, per user name and per client address.

The first FREE_ATTEMPTS failures for a key cost nothing; after that each new attempt must wait
FIRST_WAIT seconds after the last failure, doubling with every further failure up to
LONGEST_WAIT. A success clears the keys it was made with; a key with no failure for
FORGET_AFTER seconds is forgotten. Unknown user names count like known ones, so a lock says
nothing about which names exist.

The counters live in memory, one `Lockout` per dashboard process (the dashboard keeps it with
`st.cache_resource`): the dashboard only reads the store, so it writes no file of its own, and
a restart, which clears the counters, takes an administrator on the server.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

FREE_ATTEMPTS = 5
FIRST_WAIT = 30.0  # seconds
LONGEST_WAIT = 15 * 60.0
FORGET_AFTER = 60 * 60.0
MOST_KEYS = 10_000  # memory bound: the oldest keys go first


class Lockout:
    """Failed attempts per key ("user:a.smith", "client:10.0.0.7"); safe across threads."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._failures: dict[str, tuple[int, float]] = {}  # key -> (count, last failure)

    def wait(self, *keys: str) -> float:
        """Seconds before any of `keys` may try again (0 when they all may now)."""
        now = self._clock()
        with self._lock:
            return max((self._wait(key, now) for key in keys), default=0.0)

    def failed(self, *keys: str) -> None:
        """Count one failed attempt against every key."""
        now = self._clock()
        with self._lock:
            self._forget_old(now)
            for key in keys:
                count, last = self._failures.pop(key, (0, now))
                self._failures[key] = (count + 1 if now - last < FORGET_AFTER else 1, now)

    def succeeded(self, *keys: str) -> None:
        """Clear the keys a successful sign-in was made with."""
        with self._lock:
            for key in keys:
                self._failures.pop(key, None)

    def _wait(self, key: str, now: float) -> float:
        count, last = self._failures.get(key, (0, now))
        if count < FREE_ATTEMPTS or now - last >= FORGET_AFTER:
            return 0.0
        backoff = min(FIRST_WAIT * 2 ** (count - FREE_ATTEMPTS), LONGEST_WAIT)
        return max(0.0, last + backoff - now)

    def _forget_old(self, now: float) -> None:
        for key in [k for k, (_, last) in self._failures.items() if now - last >= FORGET_AFTER]:
            del self._failures[key]
        while len(self._failures) >= MOST_KEYS:  # dicts keep insertion order: oldest first
            del self._failures[next(iter(self._failures))]
