"""A token bucket and a circuit breaker for calls to a remote service. Pure Python, thread-safe."""

import threading
import time
from collections.abc import Callable


class TokenBucket:
    """At most ``rate`` requests a second on average, ``burst`` at once; ``acquire`` sleeps until allowed."""

    def __init__(self, rate: float, burst: int = 1, clock: Callable[[], float] = time.monotonic, sleep=time.sleep):
        self.rate, self.burst = rate, burst
        self._clock, self._sleep = clock, sleep
        self._tokens, self._stamp = float(burst), clock()
        self._lock = threading.Lock()

    def acquire(self) -> None:
        if self.rate <= 0:
            return
        with self._lock:
            now = self._clock()
            self._tokens = min(self.burst, self._tokens + (now - self._stamp) * self.rate)
            self._stamp = now
            wait = (1 - self._tokens) / self.rate if self._tokens < 1 else 0.0
            self._tokens -= 1  # may go negative: the next caller waits for this one's debt too
        if wait > 0:
            self._sleep(wait)


class CircuitBreaker:
    """Open after ``failures`` consecutive failures; after ``cooldown`` seconds let one trial call through
    (half-open): its success closes the breaker, its failure opens it for another cooldown."""

    CLOSED, OPEN, HALF_OPEN = "closed", "open", "half-open"

    def __init__(self, failures: int, cooldown: float, clock: Callable[[], float] = time.monotonic):
        self.threshold, self.cooldown, self._clock = failures, cooldown, clock
        self._failures, self._opened_at, self._trial = 0, 0.0, False
        self._lock = threading.Lock()

    @property
    def state(self) -> str:
        if self._failures < self.threshold:
            return self.CLOSED
        return self.HALF_OPEN if self._clock() - self._opened_at >= self.cooldown else self.OPEN

    def allow(self) -> bool:
        """Whether a call may go out now (in half-open state, only the one trial call)."""
        with self._lock:
            state = self.state
            if state == self.CLOSED:
                return True
            if state == self.HALF_OPEN and not self._trial:
                self._trial = True
                return True
            return False

    def success(self) -> None:
        with self._lock:
            self._failures, self._trial = 0, False

    def failure(self) -> None:
        with self._lock:
            self._failures += 1
            self._trial = False
            if self._failures >= self.threshold:
                self._opened_at = self._clock()

    def retry_in(self) -> float:
        return max(0.0, self.cooldown - (self._clock() - self._opened_at))
