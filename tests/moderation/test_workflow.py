"""The moderated workflow: states, decisions, conflicts, freshness and reports."""
from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from directory import audit
from directory.accounts.models import Role, User
from directory.extensions import db
from directory.listings.models import Service
from directory.moderation import operations
from directory.moderation.models import TRANSITIONS, ProblemReport, State, Submission
from directory.search import engine
from directory.search.query import Filters
from tests.factories import PASSWORD, make_service, make_user
from tests.moderation.world import build_world, form_fields, listing_data, pending_submission
from tests.web.helpers import csrf_token, login, post


def search_ids(text: str) -> set[str]:
    from datetime import datetime

    results = engine.find(text, Filters(), origin=None, now=datetime(2026, 1, 5, 12), page=1, page_size=50)
    return {hit.id for hit in results.hits}


def person(user) -> User:
    return db.session.get(User, user.id)


@pytest.fixture
def world(app):
    with app.app_context():
        return build_world()


def test_only_legal_transitions(app, world):
    with app.app_context():
        author = person(world.users["contributor"])
        for start in State:
            for end in State:
                submission = Submission(author=author, data=listing_data(), state=start)
                db.session.add(submission)
                db.session.flush()
                if end in TRANSITIONS[start]:
                    operations._move(author, submission, end)
                    assert submission.state is end
                else:
                    with pytest.raises(operations.ModerationError):
                        operations._move(author, submission, end)
        db.session.rollback()


def test_approval_publishes_searchably_audits_and_tells_the_author(app, world, mailbox):
    with app.app_context():
        sid = pending_submission(world.users["contributor"], name="Zumba for teens")
        submission = db.session.get(Submission, sid)
        operations.decide(person(world.users["moderator"]), submission, "approve", submission.lock_version)
        service = submission.target
        assert service is not None and service.name == "Zumba for teens"
        assert service.assured_date == date.today()
        assert search_ids("zumba") == {service.id}
        actions = [e.action for e in audit.history("service", service.id)]
        assert actions == ["listing.created"]
        assert "submission.approved" in [e.action for e in audit.history("submission", sid)]
    assert "approved" in mailbox.last_to(world.users["contributor"].email).get_content()


def test_rejection_needs_a_reason_and_keeps_nothing_live(app, world, mailbox):
    with app.app_context():
        sid = pending_submission(world.users["contributor"], name="Dodgy club")
        submission = db.session.get(Submission, sid)
        moderator = person(world.users["moderator"])
        with pytest.raises(operations.ModerationError):
            operations.decide(moderator, submission, "reject", submission.lock_version, "")
        operations.decide(moderator, submission, "reject", submission.lock_version, "Not a youth service")
        assert submission.target is None and search_ids("dodgy") == set()
    assert "Not a youth service" in mailbox.last_to(world.users["contributor"].email).get_content()


def test_two_moderators_at_once_one_wins(app, world):
    with app.app_context():
        sid = pending_submission(world.users["contributor"], name="Racing club")
        version = db.session.get(Submission, sid).lock_version
    outcomes: list[str] = []
    barrier = threading.Barrier(2)

    def decide(user_key: str, decision: str) -> None:
        with app.app_context():
            submission = db.session.get(Submission, sid)
            barrier.wait()
            try:
                operations.decide(person(world.users[user_key]), submission, decision, version, "Because")
                outcomes.append("won")
            except operations.AlreadyDecided:
                outcomes.append("told")
            finally:
                db.session.remove()

    threads = [threading.Thread(target=decide, args=("moderator", "approve")),
               threading.Thread(target=decide, args=("admin", "reject"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(outcomes) == ["told", "won"]
    with app.app_context():
        state = db.session.get(Submission, sid).state
        assert state in (State.APPROVED, State.REJECTED)
        decided = [e for e in audit.history("submission", sid) if e.action != "submission.pending"
                   and e.action != "submission.draft"]
        assert len(decided) == 1


def test_a_proposal_made_against_an_older_version_conflicts(app, world, mailbox):
    with app.app_context():
        live = db.session.get(Service, world.service_id)
        contributor = person(world.users["contributor"])
        from directory.listings.editing import service_to_data

        proposal = operations.start_submission(contributor, {**service_to_data(live), "summary": "Old idea"}, live)
        operations.submit(contributor, proposal)
        # Meanwhile someone else's edit is approved.
        other = operations.start_submission(person(world.users["comms"]),
                                          {**service_to_data(live), "summary": "Newer"}, live)
        operations.submit(person(world.users["comms"]), other)
        operations.decide(person(world.users["moderator"]), other, "approve", other.lock_version)
        with pytest.raises(operations.ListingChanged):
            operations.decide(person(world.users["moderator"]), proposal, "approve", proposal.lock_version)
        assert db.session.get(Submission, proposal.id).state is State.PENDING
        assert db.session.get(Service, world.service_id).summary == "Newer"
    client = app.test_client()
    login(client, app, world.users["admin"], PASSWORD)
    page = client.get(f"/moderation/{proposal.id}").get_data(as_text=True)
    assert "The listing changed after this suggestion was made" in page
    assert "Approve and publish" not in page


def test_approval_publishes_exactly_the_reviewed_version(app, world):
    """AC-5: a change after the moderator read it makes the approval refuse."""
    with app.app_context():
        contributor = person(world.users["contributor"])
        sid = pending_submission(contributor, name="Chess club")
        submission = db.session.get(Submission, sid)
        reviewed = submission.lock_version
        operations.decide(person(world.users["admin"]), submission, "request_changes", reviewed, "Add times")
        operations.update_submission(contributor, submission, listing_data(name="Chess and Go club"))
        operations.submit(contributor, submission)
        with pytest.raises(operations.AlreadyDecided):
            operations.decide(person(world.users["moderator"]), submission, "approve", reviewed)
        operations.decide(person(world.users["moderator"]), submission, "approve", submission.lock_version)
        assert submission.target.name == "Chess and Go club"


def test_request_changes_round_trip_over_http(app, world, mailbox):
    contributor, moderator = app.test_client(), app.test_client()
    login(contributor, app, world.users["contributor"], PASSWORD)
    login(moderator, app, world.users["moderator"], PASSWORD)
    data = form_fields(listing_data(name="Film club", phones=[]))
    response = post(contributor, "/suggest/new", {**data, "action": "submit"}, token_from="/suggest/new")
    assert response.status_code == 302
    with app.app_context():
        submission = db.session.scalar(select(Submission).where(Submission.state == State.PENDING))
        sid, version = submission.id, submission.lock_version
    response = post(moderator, f"/moderation/{sid}", {"decision": "request_changes", "lock_version": version,
                                                      "reason": "Please add a phone number"},
                    token_from=f"/moderation/{sid}")
    assert response.status_code == 302
    assert "Please add a phone number" in mailbox.last_to(world.users["contributor"].email).get_content()
    page = contributor.get(f"/suggestions/{sid}/edit").get_data(as_text=True)
    assert "Please add a phone number" in page and "Film club" in page
    data["phones"] = "01632 960555 - Main line"
    response = post(contributor, f"/suggestions/{sid}/edit", {**data, "action": "submit"},
                    token_from=f"/suggestions/{sid}/edit")
    assert response.status_code == 302
    with app.app_context():
        version = db.session.get(Submission, sid).lock_version
    post(moderator, f"/moderation/{sid}", {"decision": "approve", "lock_version": version},
         token_from=f"/moderation/{sid}")
    with app.app_context():
        service = db.session.get(Submission, sid).target
        assert service.phones[0].number == "01632 960555"
        assert search_ids("film") == {service.id}


def test_extra_form_fields_cannot_set_internal_state(app, world):
    """AC-4: status, reviewer, areas of the account and dates are not form fields."""
    client = app.test_client()
    login(client, app, world.users["contributor"], PASSWORD)
    data = form_fields(listing_data(name="Sneaky club"))
    post(client, "/suggest/new", {**data, "action": "draft", "state": "approved", "status": "approved",
                                  "reviewer_id": world.users["admin"].id, "author_id": world.users["admin"].id,
                                  "approved_by": "x", "published_at": "2020-01-01", "district_id": "x",
                                  "lock_version": "99"}, token_from="/suggest/new")
    with app.app_context():
        submission = db.session.scalar(select(Submission).where(Submission.data["name"].as_string() == "Sneaky club"))
        assert submission.state is State.DRAFT and submission.reviewer_id is None
        assert submission.author_id == world.users["contributor"].id and submission.lock_version == 1


def test_form_errors_are_listed_and_nothing_typed_is_lost(app, world):
    client = app.test_client()
    login(client, app, world.users["contributor"], PASSWORD)
    data = form_fields(listing_data(name="Keep my words", url="http://insecure.example", minimum_age=19))
    response = post(client, "/suggest/new", {**data, "action": "submit"}, token_from="/suggest/new")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "There is a problem" in html and 'href="#url"' in html
    assert "starts with https://" in html and "oldest age must be" in html
    assert 'value="Keep my words"' in html


def test_listing_text_is_escaped_everywhere(app, world):
    attack = '<script>alert(1)</script><img src=x onerror=alert(2)>'
    with app.app_context():
        sid = pending_submission(world.users["contributor"], name=f"Club {attack}", description=attack,
                                 summary=attack)
        submission = db.session.get(Submission, sid)
        operations.decide(person(world.users["moderator"]), submission, "approve", submission.lock_version)
        service = submission.target
        url = f"/services/{service.id}/{service.slug}"
    pages = [app.test_client().get(url), app.test_client().get("/search?q=club", follow_redirects=True)]
    client = app.test_client()
    login(client, app, world.users["contributor"], PASSWORD)
    pages += [client.get("/suggestions")]
    moderator = app.test_client()
    login(moderator, app, world.users["moderator"], PASSWORD)
    pages += [moderator.get(f"/moderation/{sid}")]
    for page in pages:
        html = page.get_data(as_text=True)
        assert "<script>alert(1)" not in html and "<img src=x" not in html
        assert "&lt;script&gt;" in html


def test_problem_report_honeypot_and_officer_queue(app, world):
    client = app.test_client()
    url = f"/services/{world.service_id}/report"
    assert post(client, url, {"message": "Phone number is wrong"}, token_from=url).status_code == 200
    assert post(client, url, {"message": "Buy pills", "website": "spam.example"}, token_from=url).status_code == 200
    with app.app_context():
        reports = db.session.scalars(select(ProblemReport)).all()
        assert [r.message for r in reports] == ["Phone number is wrong"]
    officer = app.test_client()
    login(officer, app, world.users["officer_here"], PASSWORD)
    assert "Phone number is wrong" in officer.get("/dashboard").get_data(as_text=True)
    elsewhere = app.test_client()
    login(elsewhere, app, world.users["officer_elsewhere"], PASSWORD)
    assert "Phone number is wrong" not in elsewhere.get("/dashboard").get_data(as_text=True)


def test_problem_reports_are_rate_limited(app_factory):
    app = app_factory(RATELIMIT_ENABLED=True, FORM_RATE_LIMIT="2 per hour")
    with app.app_context():
        service = make_service(name="Limited club")
        url = f"/services/{service.id}/report"
    client = app.test_client()
    codes = [post(client, url, {"message": "wrong"}, token_from=url).status_code for _ in range(3)]
    assert codes == [200, 200, 429]


def test_overdue_listing_is_flagged_then_hidden_and_still_correct_restores_it(app, world, mailbox):
    with app.app_context():
        service = db.session.get(Service, world.service_id)
        service.assured_date = date.today() - timedelta(days=200)
        db.session.commit()
        url = f"/services/{service.id}/{service.slug}"
    assert "due for a check" in app.test_client().get(url).get_data(as_text=True)
    with app.app_context():
        service = db.session.get(Service, world.service_id)
        service.assured_date = date.today() - timedelta(days=400)
        db.session.commit()
        assert operations.remind() >= 1
        assert search_ids("football") == set()
    officer_mail = mailbox.last_to(world.users["officer_here"].email).get_content()
    assert "Harlow Football Club" in officer_mail
    assert app.test_client().get(url).status_code == 404
    officer = app.test_client()
    login(officer, app, world.users["officer_here"], PASSWORD)
    assert "Harlow Football Club" in officer.get("/dashboard").get_data(as_text=True)
    post(officer, f"/services/{world.service_id}/still-correct", token_from="/dashboard")
    with app.app_context():
        assert db.session.get(Service, world.service_id).assured_date == date.today()
        assert search_ids("football") == {world.service_id}
    assert app.test_client().get(url).status_code == 200


def test_history_page_shows_each_change_to_staff(app, world):
    with app.app_context():
        live = db.session.get(Service, world.service_id)
        from directory.listings.editing import service_to_data

        proposal = operations.start_submission(person(world.users["contributor"]),
                                             {**service_to_data(live), "summary": "Now with girls' teams"}, live)
        operations.submit(person(world.users["contributor"]), proposal)
        operations.decide(person(world.users["moderator"]), proposal, "approve", proposal.lock_version)
    staff = app.test_client()
    login(staff, app, world.users["officer_here"], PASSWORD)
    html = staff.get(f"/services/{world.service_id}/history").get_data(as_text=True)
    assert "listing.edited" in html and "summary" in html


def test_submissions_of_others_are_not_found(app, world):
    with app.app_context():
        sid = pending_submission(world.users["contributor"], name="Private suggestion")
        other = make_user(Role.CONTRIBUTOR)
    client = app.test_client()
    login(client, app, other, PASSWORD)
    assert client.get(f"/suggestions/{sid}/edit").status_code == 404
    assert post(client, f"/suggestions/{sid}/withdraw", token_from="/suggestions").status_code == 404
    with app.app_context():
        assert db.session.get(Submission, sid).state is State.PENDING
    assert csrf_token(client, "/suggestions")


def test_remind_also_asks_the_volunteers_who_made_a_listing(app, world, mailbox):
    with app.app_context():
        sid = pending_submission(world.users["contributor"], name="Owned club")
        submission = db.session.get(Submission, sid)
        operations.decide(person(world.users["moderator"]), submission, "approve", submission.lock_version)
        service = submission.target
        service.assured_date = date.today() - timedelta(days=200)
        db.session.commit()
        operations.remind()
    message = mailbox.last_to(world.users["contributor"].email)
    assert "Are these listings still right?" == message["Subject"] and "Owned club" in message.get_content()
