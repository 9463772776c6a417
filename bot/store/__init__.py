"""The claims database: models, sessions, migrations and repository functions.

Typical use in a custom action:

    from bot.store import session_scope, verify_identity, visible_policies
    with session_scope() as session:
        customer = verify_identity(session, mobile, last4)
"""
from bot.store.claims import (
    add_document, add_event, create_claim, decision_of, documents_of, find_document, get_visible_claim,
    next_case_number, normalize_case_number, record_decision, timeline, visible_claims,
)
from bot.store.customers import (
    create_customer, family_of, find_by_mobile, get_customer, link_family, verify_identity,
)
from bot.store.db import get_engine, lock_for_write, migrate, reset_engines, session_scope
from bot.store.identity import (
    hash_id_number, id_checksum_ok, mask_id_number, mask_mobile, normalize_mobile,
)
from bot.store.models import (
    Advisor, AdvisorNote, AdvisorSession, Appointment, AuditEntry, Base, Callback, Claim, ClaimEvent, Clause,
    Conversation, Coverage, Customer, Decision, DecisionLine, Dispute, DisputeEvent, Document, FamilyLink,
    Handoff, MailingEvent, MailingRequest, Policy, ProcessedUpdate, TranscriptMessage,
)
from bot.store.policies import (
    add_clause, add_coverage, add_policy, deductible_used, get_clause, get_visible_policy,
    main_coverage, policy_year, visible_policies,
)
from bot.store.seed import seed_demo

__all__ = [
    # sessions and schema
    "get_engine", "session_scope", "lock_for_write", "migrate", "reset_engines", "Base",
    # models
    "Customer", "FamilyLink", "Policy", "Coverage", "Clause", "Claim", "ClaimEvent",
    "Document", "Decision", "DecisionLine", "Conversation", "TranscriptMessage", "Advisor",
    "AdvisorSession", "Dispute", "DisputeEvent", "Handoff", "AdvisorNote", "AuditEntry",
    "ProcessedUpdate", "Callback", "Appointment", "MailingRequest", "MailingEvent",
    # identity
    "hash_id_number", "mask_id_number", "mask_mobile", "id_checksum_ok", "normalize_mobile",
    # customers
    "find_by_mobile", "verify_identity", "get_customer", "create_customer", "family_of", "link_family",
    # policies
    "visible_policies", "get_visible_policy", "main_coverage", "deductible_used", "policy_year",
    "get_clause", "add_policy", "add_coverage", "add_clause",
    # claims
    "next_case_number", "normalize_case_number", "create_claim", "visible_claims", "get_visible_claim",
    "timeline", "add_event", "add_document", "documents_of", "find_document", "record_decision", "decision_of",
    # demo data
    "seed_demo",
]
