"""The embedded founding scenario encodes the report sentence by sentence."""

import datetime as dt

from accord import CommitmentKind, CommitmentStatus, ComponentStatus, Fact, InForce
from accord.conditions import facts_of
from accord.examples import REPORT_DATE, REPORT_SENTENCES, postwar_ukraine


def test_reproducible() -> None:
    assert postwar_ukraine() == postwar_ukraine()
    assert postwar_ukraine().as_of == REPORT_DATE == dt.date(2025, 3, 2)


def test_actors_and_memberships() -> None:
    fw = postwar_ukraine()
    for state in ("USA", "GBR", "FRA", "UKR", "RUS", "NATO", "UKR-SUPPORTERS"):
        fw.actor(state)
    assert {a.id for a in fw.members("NATO")} == {"USA", "GBR", "FRA"}
    assert {a.id for a in fw.members("UKR-SUPPORTERS")} >= {"USA", "GBR", "FRA"}
    assert fw.resolve("London").id == "GBR"
    assert fw.resolve("Paris").id == "FRA"


def test_troop_positions_and_their_conditions() -> None:
    fw = postwar_ukraine()
    gbr = fw.position("GBR", "own-ground-troops")
    fra = fw.position("FRA", "own-ground-troops")
    usa = fw.position("USA", "own-ground-troops")
    assert gbr is not None
    assert fra is not None
    assert usa is not None
    assert (gbr.stance, fra.stance, usa.stance) == ("willing", "willing", "reluctant")
    assert gbr.conditions is not None
    assert facts_of(gbr.conditions) == {
        "settlement_signed",
        "legal_framework_clear",
        "international_backing",
        "un_mandate",
    }
    assert usa.conditions is None


def test_united_on_long_term_stability() -> None:
    fw = postwar_ukraine()
    stances = {fw.position(a, "ukraine-long-term-stability").stance for a in ("USA", "GBR", "FRA")}  # type: ignore[union-attr]
    assert stances == {"support"}


def test_us_preferences() -> None:
    fw = postwar_ukraine()
    for issue in ("european-lead", "aid-intel-guarantees", "robust-flexible-assurances"):
        assert fw.position("USA", issue).stance == "support"  # type: ignore[union-attr]
    kinds = {c.kind for c in fw.commitments_by("USA")}
    assert kinds == {
        CommitmentKind.MILITARY_AID,
        CommitmentKind.INTELLIGENCE_SHARING,
        CommitmentKind.DIPLOMATIC_GUARANTEE,
    }


def test_uk_and_french_commitments_are_signalled_and_conditional() -> None:
    fw = postwar_ukraine()
    for state in ("GBR", "FRA"):
        mine = fw.commitments_by(state)
        assert {c.kind for c in mine} == {
            CommitmentKind.GROUND_TROOPS,
            CommitmentKind.TRAINING,
            CommitmentKind.REASSURANCE,
            CommitmentKind.REBUILDING_SECURITY_INSTITUTIONS,
        }
        for c in mine:
            assert c.status is CommitmentStatus.SIGNALLED
            assert c.beneficiary == "UKR"
            assert c.conditions is not None
        presence = next(c for c in mine if c.kind is CommitmentKind.GROUND_TROOPS)
        assert Fact("settlement_signed") in presence.conditions.items  # type: ignore[union-attr]
        for c in mine:
            if c is not presence:
                assert c.conditions == InForce(presence.id)


def test_components_under_negotiation() -> None:
    fw = postwar_ukraine()
    assert {c.id for c in fw.components} == {"troop-deployments", "funding", "enforcement"}
    assert all(c.status is ComponentStatus.UNDER_NEGOTIATION for c in fw.components)
    assert fw.status is ComponentStatus.UNDER_NEGOTIATION


def test_every_claim_quotes_a_sentence_of_the_report() -> None:
    fw = postwar_ukraine()
    claims = [*fw.positions, *fw.commitments, *fw.components]
    for claim in claims:
        assert claim.sources, claim
        for source in claim.sources:
            assert source.quote in REPORT_SENTENCES
    quoted = {s.quote for claim in claims for s in claim.sources}
    assert quoted == set(REPORT_SENTENCES)
