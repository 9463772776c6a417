"""Every form steps aside for every question of its own (DIGRESSION_INTENTS), and only for those."""
import yaml

from actions.common import DIGRESSION_INTENTS, HANDOFF_INTENTS, REPLAY_INTENTS
from bot.settings import PROJECT_ROOT

from .conftest import load_domain

HAS_OWN_RULE = {"cancel"}  # cancelling a form is a rule per form, not a digression


def digression_rules():
    rules = yaml.safe_load((PROJECT_ROOT / "data/rules/digressions.yml").read_text(encoding="utf-8"))["rules"]
    return {(r["condition"][0]["active_loop"], r["steps"][0]["intent"]): r["steps"] for r in rules}


def test_each_form_has_a_rule_for_each_digression_intent():
    found = digression_rules()
    for form in load_domain()["forms"]:
        intents = {intent for f, intent in found if f == form}
        assert intents == DIGRESSION_INTENTS - HAS_OWN_RULE, form


def test_each_digression_answers_then_returns_to_its_form():
    for (form, intent), steps in digression_rules().items():
        if intent in REPLAY_INTENTS:
            assert steps == [{"intent": intent}, {"action": "action_pick_number"}], (form, intent)
        elif intent not in HANDOFF_INTENTS:
            assert steps[-2:] == [{"action": form}, {"active_loop": form}], (form, intent)


def test_handoff_intents_stop_the_form_and_hand_off():
    for (form, intent), steps in digression_rules().items():
        if intent in HANDOFF_INTENTS:
            assert steps == [{"intent": intent}, {"action": "action_handoff"}, {"active_loop": None}], (form, intent)
