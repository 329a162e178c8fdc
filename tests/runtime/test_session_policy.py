"""The session policy's rules, without HTTP: every decision the transports carry out."""

from __future__ import annotations

import pytest
from acumatica_codegen.runtime import errors
from acumatica_codegen.runtime._wire import StaleSession
from acumatica_codegen.runtime.session_policy import (
    MAX_FUTILE_RENEWALS,
    MAX_RENEWALS,
    MAX_RESENDS,
    Failure,
    NextStep,
    Renewal,
    RenewalDecision,
    SessionPolicy,
    SessionState,
    SignInStep,
)

WINDOW = 30.0


def signed_in(now: float = 0.0) -> SessionPolicy:
    policy = SessionPolicy(WINDOW)
    policy.signed_in_now(renewal=False, now=now)
    return policy


def stale(session: int, *, idempotent: bool = True, kind: StaleSession = StaleSession.CERTAIN):
    return Failure(session, 500, kind, idempotent)


def unauthorized(session: int) -> Failure:
    return Failure(session, 401, None, True)


def test_a_new_policy_signs_in_first_and_then_is_ready():
    policy = SessionPolicy(WINDOW)
    assert policy.state is SessionState.SIGNED_OUT
    assert policy.sign_in_step(needs_renewal=False) is SignInStep.SIGN_IN
    policy.signed_in_now(renewal=False, now=0.0)
    assert policy.state is SessionState.UNTESTED and policy.session == 1
    assert policy.sign_in_step(needs_renewal=False) is SignInStep.READY
    assert policy.sign_in_step(needs_renewal=True) is SignInStep.RENEW


def test_a_success_proves_the_current_session_but_not_a_late_answer_on_an_older_one():
    policy = signed_in()
    policy.signed_in_now(renewal=True, now=1.0)
    policy.succeeded(1)  # answered on the session before
    assert policy.state is SessionState.UNTESTED
    policy.succeeded(2)
    assert policy.state is SessionState.WORKING


def test_a_stale_500_ends_the_session_and_a_sign_out_forgets_it():
    policy = signed_in()
    policy.failed(stale(1))
    assert policy.state is SessionState.ENDED and policy.signed_in
    policy.signed_out()
    assert policy.state is SessionState.SIGNED_OUT and not policy.signed_in


def test_a_failure_on_a_session_another_request_replaced_is_resent():
    policy = signed_in()
    policy.signed_in_now(renewal=True, now=1.0)
    decision = policy.renewal(1, allowed=True, now=1.0)
    assert decision == RenewalDecision(Renewal.REPLACED)
    assert policy.next_step(stale(1), decision, resent=0).step is NextStep.RESEND


def test_a_request_renews_once_and_resends_what_the_server_surely_did_not_run():
    policy = signed_in()
    failure = stale(1, idempotent=False)
    assert policy.may_renew(failure, renewals=0)
    decision = policy.renewal(1, allowed=True, now=0.0)
    assert decision.renewal is Renewal.RENEW
    assert policy.next_step(failure, decision, resent=0).step is NextStep.RESEND
    assert not policy.may_renew(failure, renewals=1)


def test_a_post_that_may_have_run_is_renewed_for_but_never_resent():
    policy = signed_in()
    failure = stale(1, idempotent=False, kind=StaleSession.POSSIBLE)
    decision = policy.renewal(1, policy.may_renew(failure, 0), now=0.0)
    step = policy.next_step(failure, decision, resent=0)
    assert decision.renewal is Renewal.RENEW
    assert step.step is NextStep.RAISE and "may have run" in step.reason


def test_a_401_on_a_session_that_had_worked_may_renew_again_up_to_the_limit():
    policy = signed_in()
    policy.succeeded(1)
    failure = unauthorized(1)
    assert all(policy.may_renew(failure, renewals) for renewals in range(MAX_RENEWALS))
    assert not policy.may_renew(failure, MAX_RENEWALS)
    assert not policy.may_renew(stale(1), 1)  # a 500 renews once, whatever the session did


def test_a_401_that_may_not_renew_waits_for_another_requests_renewal():
    policy = signed_in()
    failure = unauthorized(1)
    decision = policy.renewal(1, allowed=False, now=0.0)
    assert decision.renewal is Renewal.REFUSE
    assert policy.next_step(failure, decision, resent=0).step is NextStep.WAIT_FOR_RENEWAL
    assert policy.next_step(stale(1), decision, resent=0).step is NextStep.RAISE


def test_resends_stop_after_the_limit():
    policy = signed_in()
    step = policy.next_step(stale(1), RenewalDecision(Renewal.REPLACED), resent=MAX_RESENDS)
    assert step.step is NextStep.RAISE and str(MAX_RESENDS) in step.reason


def test_a_401_on_a_renewed_session_that_never_worked_is_not_renewed_for_a_while():
    policy = signed_in()
    policy.signed_in_now(renewal=True, now=10.0)
    policy.failed(unauthorized(2))
    decision = policy.renewal(2, allowed=True, now=11.0)
    assert decision.renewal is Renewal.REFUSE and "persists on fresh sessions" in decision.reason
    assert policy.renewal(2, allowed=True, now=10.0 + WINDOW).renewal is Renewal.RENEW


def test_stale_sessions_that_persist_on_fresh_sessions_stop_every_renewal_of_the_client():
    """The login storm of issue 13: every request answers the stale-session 500."""
    policy = signed_in()
    now = 0.0
    renewals = 0
    for _call in range(20):
        failure = stale(policy.session)
        policy.failed(failure)
        decision = policy.renewal(policy.session, policy.may_renew(failure, 0), now)
        if decision.renewal is Renewal.RENEW:
            renewals += 1
            policy.signed_in_now(renewal=True, now=now)
            policy.failed(stale(policy.session))  # and it fails again on the new session
        now += 0.1
    assert renewals == MAX_FUTILE_RENEWALS
    assert decision.renewal is Renewal.FUTILE
    step = policy.next_step(stale(policy.session), decision, resent=0)
    assert step.step is NextStep.RAISE and "does not sign in again" in step.reason
    # A 401 then (the server forgot the session) does not wait for a renewal nobody may do.
    unauthorized_step = policy.next_step(unauthorized(policy.session), decision, resent=0)
    assert unauthorized_step.step is NextStep.RAISE


def test_a_stale_session_by_bad_luck_on_a_fresh_one_is_renewed_again_and_a_success_resets():
    policy = signed_in()
    for now in (1.0, 2.0, 3.0):  # fresh sessions each ended once, but then one works
        policy.failed(stale(policy.session))
        assert policy.renewal(policy.session, True, now).renewal is Renewal.RENEW
        policy.signed_in_now(renewal=True, now=now)
        policy.failed(stale(policy.session))
        assert policy.renewal(policy.session, True, now).renewal is Renewal.RENEW
        policy.signed_in_now(renewal=True, now=now)
        policy.succeeded(policy.session)


@pytest.mark.parametrize("refused", [True, False])
def test_a_failed_sign_in_is_shared_with_waiting_calls_and_refused_credentials_for_a_while(
    refused,
):
    policy = SessionPolicy(WINDOW)
    error = errors.AuthError("signing in failed", credentials_refused=refused)
    policy.sign_in_failed(error, now=100.0)
    waited = policy.shared_refusal(attempts_seen=0, now=100.0)
    assert isinstance(waited, errors.AuthError) and waited is not error
    later = policy.shared_refusal(attempts_seen=1, now=101.0)
    assert (later is not None) is refused
    assert policy.shared_refusal(attempts_seen=1, now=100.0 + WINDOW) is None


# Redirects to the sign-in page and the fleet (merged from main) --------------------------------


def redirected(session: int, *, idempotent: bool = False) -> Failure:
    return Failure(session, 302, None, idempotent, to_sign_in=True)


def test_a_redirect_to_the_sign_in_page_is_a_lost_session_like_a_401():
    failure = redirected(1)
    assert failure.signed_out and failure.resend_safe  # never run, even a POST
    assert not Failure(1, 302, None, False).signed_out  # any other redirect is no lost session
    policy = signed_in()
    policy.succeeded(1)  # a session that had worked: a renewal may follow another's loss
    assert policy.may_renew(failure, renewals=1)
    decision = policy.renewal(2, allowed=False, now=0.0)  # another request renewed meanwhile
    assert decision.renewal is Renewal.REPLACED
    assert policy.next_step(failure, RenewalDecision(Renewal.REFUSE), 0).step is (
        NextStep.WAIT_FOR_RENEWAL
    )


def test_a_session_another_worker_renewed_is_taken_up_not_renewed_here():
    policy = signed_in()
    assert policy.sign_in_step(needs_renewal=False, fleet_moved=True) is SignInStep.RENEW
    decision = policy.renewal(1, allowed=False, now=0.0, fleet_moved=True)
    assert decision.renewal is Renewal.TAKE_UP  # even for a request that may not renew itself
    policy.took_up_session()
    assert policy.session == 2 and policy.state is SessionState.UNTESTED
    step = policy.next_step(unauthorized(1), decision, resent=0)
    assert step.step is NextStep.RESEND
    assert policy.next_step(unauthorized(1), decision, MAX_RESENDS).step is NextStep.RAISE


def test_a_renewal_that_took_up_the_fleets_session_counts_as_taken_up():
    policy = signed_in()
    renew = policy.renewal(1, allowed=True, now=0.0)
    assert renew.renewal is Renewal.RENEW
    policy.took_up_session()  # another worker had signed in again: its session, not ours
    assert policy.carried_out(renew).renewal is Renewal.TAKE_UP
    policy.signed_in_now(renewal=True, now=1.0)  # this worker signed in for the fleet
    assert policy.carried_out(renew) == renew


def test_a_taken_up_session_that_fails_is_no_futile_renewal_of_this_client():
    policy = signed_in()
    policy.took_up_session()
    policy.failed(stale(2))
    assert policy.futile_renewal(now=1.0) == ""
    assert policy.renewal(2, allowed=True, now=1.0).renewal is Renewal.RENEW
