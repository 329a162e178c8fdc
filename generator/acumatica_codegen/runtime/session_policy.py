"""Every sign-in decision of a client, made without I/O: the transports only carry them out.

The policy knows the session's state (signed out, untested, working, ended), counts sign-in
attempts and remembers the last one's failure. When a request fails for its session (a 401 or a
stale-session 500; a redirect to the sign-in page counts as a 401) it decides, in three steps the
client carries out:

1. ``may_renew``: whether *this request* may still sign in again (once; more only for a 401 on a
   session that had worked or that a stale 500 ended: another request's loss explains it);
2. ``renewal`` (under the client's session lock): ``REPLACED`` when another request has signed in
   again since the failure, ``TAKE_UP`` when another worker of the client's fleet has (its
   session is taken up), ``RENEW`` to sign in again now, ``REFUSE`` when this request may not
   (another may), ``FUTILE`` when no request of the client may: the failure persists on fresh
   sessions, and signing in again per call would be a login storm (see ``futile_renewal``);
   a ``RENEW`` that ended up taking up the fleet's session (``carried_out``) is a ``TAKE_UP``;
3. ``next_step`` (after the renewal): resend, wait a moment for another request's renewal, or
   raise, with the reason the error gives.
"""

from __future__ import annotations

import copy
import enum
from collections.abc import Callable
from dataclasses import dataclass

from ._wire import StaleSession
from .errors import AcumaticaError, AuthError

__all__ = [
    "Failure",
    "NextStep",
    "Renewal",
    "RenewalDecision",
    "SessionPolicy",
    "SessionState",
    "SignInStep",
    "StepDecision",
]

# How often one request may be resent because other requests renewed the session under it.
MAX_RESENDS = 8
# How often one request may sign in again; past the first, only after a 401 on a session that
# had worked (never for a failure that persists on fresh sessions: that would be a login storm).
MAX_RENEWALS = 3
# Renewed sessions in a row that a stale-session 500 ended before anything succeeded on them,
# after which the client stops signing in again for ``sign_in_retry_after`` seconds. Not 1: a
# server that ends sessions now and then (an app-pool recycle, a flaky node) ends a fresh one too,
# by bad luck, and a client that then refused to sign in again would fail every call for a while.
MAX_FUTILE_RENEWALS = 2


class SessionState(enum.Enum):
    """The current session, as far as the client knows."""

    SIGNED_OUT = "signed out"  # none: before the first sign-in, after a sign-out
    UNTESTED = "untested"  # signed in; nothing has succeeded on it yet
    WORKING = "working"  # a request succeeded on it
    ENDED = "ended"  # a stale-session 500 said it is over


class SignInStep(enum.Enum):
    """What a request needs before it is sent."""

    READY = "ready"  # signed in, credentials current: send
    SIGN_IN = "sign in"  # no session yet
    RENEW = "renew"  # signed in, but the credentials (a token) are due for renewal, or
    # another worker of the fleet has signed in again since (its session is taken up)


class Renewal(enum.Enum):
    """What to do about the session a request failed on."""

    REPLACED = "replaced"  # another request has signed in again since: use its session
    TAKE_UP = "take up"  # another worker of the fleet has: take up its session, then as REPLACED
    RENEW = "renew"  # sign in again now
    REFUSE = "refuse"  # this request may not sign in again (another request may)
    FUTILE = "futile"  # no request signs in again for a while: it would not help


class NextStep(enum.Enum):
    """What the request does after the renewal decision was carried out."""

    RESEND = "resend"  # send it again, on the new session
    WAIT_FOR_RENEWAL = "wait"  # a 401 that may not renew: wait a moment for another's renewal
    RAISE = "raise"  # raise the error answer (``StepDecision.reason`` adds why)


@dataclass(frozen=True)
class Failure:
    """A request that failed for its session: a 401, a redirect to the sign-in page or a
    stale-session 500."""

    session: int  # the session it was sent on
    status: int
    stale: StaleSession | None  # None for a 401 or a redirect
    idempotent: bool
    to_sign_in: bool = False  # redirected to the sign-in page (some paths answer so, not 401)

    @property
    def signed_out(self) -> bool:
        """The server does not know the session: a 401, or a redirect to the sign-in page."""
        return self.status == 401 or self.to_sign_in

    @property
    def resend_safe(self) -> bool:
        """The server surely ran none of it (signed out, "not logged in"), or twice is harmless."""
        return self.signed_out or self.stale is StaleSession.CERTAIN or self.idempotent


@dataclass(frozen=True)
class RenewalDecision:
    renewal: Renewal
    reason: str = ""


@dataclass(frozen=True)
class StepDecision:
    step: NextStep
    reason: str = ""


class SessionPolicy:
    """The session's state and the sign-in rules of one client (no I/O, no clock of its own:
    every time is given by the caller)."""

    def __init__(self, sign_in_retry_after: float | Callable[[], float]) -> None:
        # Seconds a refused sign-in, or a renewal that did not help, is answered from memory: a
        # number, or where to read it (the client's setting, which its user may change later).
        self._sign_in_retry_after = (
            sign_in_retry_after if callable(sign_in_retry_after) else lambda: sign_in_retry_after
        )
        self.state = SessionState.SIGNED_OUT
        self.session = 0  # bumped at every sign-in, so concurrent renewals happen once
        self._worked = False  # something succeeded on the current session (even if since ended)
        self._renewed_at: float | None = None  # when a renewal made the current session
        # Renewed sessions in a row that failed before anything succeeded on them (a success
        # resets it), and whether the current one was counted.
        self._futile_renewals = 0
        self._counted = False
        self._taken_up = False  # the current session was taken up from the fleet
        # Sign-in attempts so far, and the last one's failure: (attempt, error, time).
        self.sign_in_attempts = 0
        self._refusal: tuple[int, AcumaticaError, float] | None = None

    @property
    def sign_in_retry_after(self) -> float:
        return self._sign_in_retry_after()

    @property
    def signed_in(self) -> bool:
        return self.state is not SessionState.SIGNED_OUT

    # Before sending --------------------------------------------------------------------------

    def sign_in_step(self, needs_renewal: bool, fleet_moved: bool = False) -> SignInStep:
        """``fleet_moved``: another worker of the fleet has signed in again since this client
        took up the fleet's session (its own one is then likely over)."""
        if not self.signed_in:
            return SignInStep.SIGN_IN
        return SignInStep.RENEW if needs_renewal or fleet_moved else SignInStep.READY

    def shared_refusal(self, attempts_seen: int, now: float) -> AcumaticaError | None:
        """The failure to raise instead of signing in, if any: a sign-in that failed while the
        caller waited for it (``attempts_seen``: the count when it began waiting), or refused
        credentials within ``sign_in_retry_after``, so a queue makes no login storm and a changed
        password locks no account. A copy: each caller its own, short traceback."""
        if self._refusal is None:
            return None
        attempt, error, at = self._refusal
        refused = isinstance(error, AuthError) and error.credentials_refused
        if attempt > attempts_seen or (refused and now - at < self.sign_in_retry_after):
            return copy.copy(error).with_traceback(None)
        return None

    # What happened ---------------------------------------------------------------------------

    def sign_in_failed(self, error: AcumaticaError, now: float) -> None:
        self.sign_in_attempts += 1
        self._refusal = (self.sign_in_attempts, error, now)

    def signed_in_now(self, *, renewal: bool, now: float) -> None:
        """A sign-in (``renewal=False``) or a renewal succeeded: a new, untested session."""
        self.sign_in_attempts += 1
        self._refusal = None
        self.session += 1
        self.state = SessionState.UNTESTED
        self._worked = False
        self._counted = False
        self._renewed_at = now if renewal else None
        self._taken_up = False

    def took_up_session(self) -> None:
        """The client took up a session another worker of its fleet signed in: a new session,
        untested here, that no renewal of this client made (it counts for no futile renewal)."""
        self.signed_in_now(renewal=False, now=0.0)
        self._taken_up = True

    def signed_out(self) -> None:
        self.state = SessionState.SIGNED_OUT

    def succeeded(self, session: int) -> None:
        """A request sent on ``session`` succeeded (a late answer on an older one proves nothing)."""
        if session == self.session and self.signed_in:
            self._worked = True
            self._futile_renewals = 0
            if self.state is SessionState.UNTESTED:
                self.state = SessionState.WORKING

    def failed(self, failure: Failure) -> None:
        """A request failed for its session; a stale-session 500 says the session is over."""
        if failure.session != self.session or not self.signed_in:
            return  # an older session: what became of it says nothing about this one
        if failure.stale is not None:
            self.state = SessionState.ENDED
        if self._renewed_at is not None and not self._worked and not self._counted:
            self._counted = True
            self._futile_renewals += 1

    # After a failure -------------------------------------------------------------------------

    def may_renew(self, failure: Failure, renewals: int) -> bool:
        """Whether this request may sign in again, having done so ``renewals`` times already.

        Once: a failure that persists on a fresh session (a cookie the proxy strips, a missing
        right) must not become a login storm. More only after a 401 on a session that had worked
        or that another request's stale 500 ended: that 401 is the other request's loss, and
        renewing again for it cannot become a storm."""
        if renewals == 0:
            return True
        lost = failure.session == self.session and (
            self._worked or self.state is SessionState.ENDED
        )
        return failure.signed_out and lost and renewals < MAX_RENEWALS

    def renewal(
        self, session: int, allowed: bool, now: float, fleet_moved: bool = False
    ) -> RenewalDecision:
        """What to do about ``session`` (under the session lock); ``allowed``: ``may_renew``;
        ``fleet_moved``: another worker of the fleet has signed in again since."""
        if session != self.session:
            return RenewalDecision(Renewal.REPLACED)
        if fleet_moved:
            return RenewalDecision(Renewal.TAKE_UP)
        if not allowed:
            return RenewalDecision(Renewal.REFUSE, "it failed again on a new session")
        futile = self.futile_renewal(now)
        if not futile:
            return RenewalDecision(Renewal.RENEW)
        if self._futile_renewals < MAX_FUTILE_RENEWALS:
            # A 401 on a fresh session, which a stale 500 on its way to another request may
            # explain: that request may still renew, this one may not.
            return RenewalDecision(Renewal.REFUSE, futile)
        return RenewalDecision(Renewal.FUTILE, futile)

    def carried_out(self, decision: RenewalDecision) -> RenewalDecision:
        """``decision`` as it turned out: a ``RENEW`` that took up the fleet's session (another
        worker had signed in again meanwhile) is a ``TAKE_UP``, not this request's renewal."""
        if decision.renewal is Renewal.RENEW and self._taken_up:
            return RenewalDecision(Renewal.TAKE_UP)
        return decision

    def futile_renewal(self, now: float) -> str:
        """Why no request of this client should sign in again now, or "".

        The current session was made by a renewal and failed before anything succeeded on it:
        a 401 on it (the server never knew it: a proxy strips cookies, the user lacks a right),
        or ``MAX_FUTILE_RENEWALS`` renewed sessions in a row ended by stale-session 500s. The
        failure persists on fresh sessions, so the client signs in again only after
        ``sign_in_retry_after`` seconds (an app-pool recycle may have been the cause: then it is
        tried again, once)."""
        if self._renewed_at is None or self._worked:
            return ""
        waited = now - self._renewed_at
        if waited >= self.sign_in_retry_after:
            return ""
        if self.state is SessionState.ENDED and self._futile_renewals < MAX_FUTILE_RENEWALS:
            return ""  # a stale session by bad luck: the server may end a fresh one too
        return (
            "the failure persists on fresh sessions (sessions signed in again failed before"
            f" anything succeeded on them: {self._futile_renewals}), so the client does not sign"
            f" in again for another {self.sign_in_retry_after - waited:.0f} s"
        )

    def next_step(self, failure: Failure, decision: RenewalDecision, resent: int) -> StepDecision:
        """After ``decision`` was carried out (a ``RENEW`` succeeded): resend, wait or raise.
        ``resent``: how often this request was resent because others renewed under it."""
        if decision.renewal is Renewal.RENEW:
            if failure.resend_safe:
                return StepDecision(NextStep.RESEND)
            return StepDecision(NextStep.RAISE, "signed in again, not resent (it may have run)")
        if not failure.resend_safe:
            return StepDecision(NextStep.RAISE, decision.reason)
        if resent >= MAX_RESENDS:
            return StepDecision(NextStep.RAISE, f"resent {resent} times on renewed sessions")
        if decision.renewal in (Renewal.REPLACED, Renewal.TAKE_UP):
            return StepDecision(NextStep.RESEND)
        if failure.signed_out and decision.renewal is Renewal.REFUSE:
            # Often a session another request's stale 500 has just ended, whose answer that
            # request is still reading: it will renew. Worth a moment's wait, not a failure.
            return StepDecision(NextStep.WAIT_FOR_RENEWAL, decision.reason)
        return StepDecision(NextStep.RAISE, decision.reason)
