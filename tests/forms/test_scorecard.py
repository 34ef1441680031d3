"""The partner scorecard driven without a browser: weights, scores, ranking, facilitator criteria."""

from __future__ import annotations

import pytest

from cocreate_kit.content.plan import Area, Exercise, load_ui
from cocreate_kit.forms.scorecard import PartnerScorecard, ScorecardForm
from cocreate_kit.live.facilitation import add_criterion
from cocreate_kit.store import StoreError
from cocreate_kit.validation import InputError

UI = load_ui("en")
REF = "preparation/partner-scorecard"
EXERCISE = Exercise(
    id="partner-scorecard",
    kind="partner-scorecard",
    title="Find a partner",
    instructions="Rate each candidate.",
    scale=("Poor", "Fair", "Good", "Very good", "Excellent"),
    aspects=(
        Area(id="peers", label="Recommended by peers", prompt="Do other owners recommend them?"),
        Area(id="sector", label="Cases in our sector", prompt="Have they worked for shops like ours?"),
    ),
)


@pytest.fixture
def form(store, ann):
    return ScorecardForm(PartnerScorecard(store, ann, REF, EXERCISE), UI)


def add(form, name):
    form.name.value = name
    form.add_button.click()
    return next(c for c in form.model.candidates.mine() if c.payload["name"] == name)


def test_candidates_are_ranked_by_weighted_average(form):
    """With peers weighted 3 and sector 1, a candidate strong on peers ranks first."""
    studio = add(form, "Pixel Studio")
    agency = add(form, "Web Agency")
    form.weight_pickers["peers"].value = 3
    form.score_pickers[(studio.entry_id, "peers")].value = 5
    form.score_pickers[(studio.entry_id, "sector")].value = 1
    form.score_pickers[(agency.entry_id, "peers")].value = 2
    form.score_pickers[(agency.entry_id, "sector")].value = 5
    ranking = [(c.payload["name"], total) for c, total in form.model.ranking()]
    assert [("Pixel Studio", 4.0), ("Web Agency", 2.75)] == ranking
    assert form.ranking.value.index("Pixel Studio") < form.ranking.value.index("Web Agency")


def test_scores_and_weights_come_back_on_a_new_form(form, store, ann):
    """Scores and weights are stored, so another device shows them."""
    studio = add(form, "Pixel Studio")
    form.weight_pickers["sector"].value = 4
    form.score_pickers[(studio.entry_id, "sector")].value = 3
    again = ScorecardForm(PartnerScorecard(store, ann, REF, EXERCISE), UI)
    assert 4 == again.weight_pickers["sector"].value
    assert 3 == again.score_pickers[(studio.entry_id, "sector")].value


def test_values_outside_the_scale_are_refused(form):
    """Scores outside 1..5, weights outside 0..5 and unknown criteria are refused."""
    studio = add(form, "Pixel Studio")
    for bad in (0, 6, True, "3"):
        with pytest.raises(InputError):
            form.model.score(studio, "peers", bad)
    with pytest.raises(InputError):
        form.model.score(studio, "made-up", 3)
    for bad in (-1, 6, 2.5):
        with pytest.raises(InputError):
            form.model.set_weight("peers", bad)


def test_facilitator_criterion_appears_for_everyone(store):
    """A criterion the facilitator adds to a shop workshop's scorecard shows on every
    participant's scorecard and can be scored; a workshop whose plan has no scorecard refuses."""
    shop = store.create_workshop("Shops", plan="small-commerce")
    ann, _ = store.join(shop.workshop.id, shop.join_code, "Ann")
    bob, _ = store.join(shop.workshop.id, shop.join_code, "Bob")
    add_criterion(store, shop.workshop.id, REF, "Answers within a day")
    hub = store.create_workshop("Hub")
    with pytest.raises(StoreError, match="not a partner scorecard"):
        add_criterion(store, hub.workshop.id, REF, "Answers within a day")
    for person in (ann, bob):
        model = PartnerScorecard(store, person, REF, EXERCISE)
        assert "Answers within a day" == model.criteria()[-1].label
    model = PartnerScorecard(store, ann, REF, EXERCISE)
    candidate = model.add_candidate("Pixel Studio")
    model.score(candidate, model.criteria()[-1].id, 4)
    with pytest.raises(StoreError):
        add_criterion(store, shop.workshop.id, REF, "  ")


def test_empty_candidate_name_is_refused(form):
    """A candidate needs a name; the message says the field is empty."""
    form.name.value = " "
    form.add_button.click()
    assert form.status.is_error and [] == form.model.candidates.mine()


def test_unrated_candidates_come_last_and_say_so(form):
    """A candidate without any score is listed after rated ones as 'not rated yet'."""
    add(form, "Unrated Ltd")
    rated = add(form, "Rated Ltd")
    form.score_pickers[(rated.entry_id, "peers")].value = 1
    assert [("Rated Ltd", 1.0), ("Unrated Ltd", None)] == [
        (c.payload["name"], t) for c, t in form.model.ranking()
    ]
    assert "Unrated Ltd: <b>not rated yet</b>" in form.ranking.value
