"""Tables of the claims database, one module per topic; every public name is re-exported here, so
`from bot.store.models import Claim` and `models.CLAIM_STATUSES` work without knowing the module."""
from __future__ import annotations

# Importing the package imports every module, so all tables are on Base.metadata (for Alembic) and
# relationships named by string resolve before the mappers are configured.
from bot.store.models.base import NAMING_CONVENTION, Base
from bot.store.models.customers import GENDERS, RELATIONSHIPS, Customer, FamilyLink
from bot.store.models.policies import (
    HOSPITAL_REQUIREMENTS, POLICY_SOURCES, POLICY_STATUSES, POLICY_TYPES, Clause, Coverage, Policy,
)
from bot.store.models.claims import (
    CLAIM_STATUSES, DECISION_OUTCOMES, DOCUMENT_STATUSES, EVENT_KINDS, HOSPITAL_GRADES, HOSPITAL_OWNERSHIPS,
    INCIDENT_TYPES, LINE_KINDS, Claim, ClaimEvent, Decision, DecisionLine, Document,
)
from bot.store.models.conversations import (
    CHANNELS, CLIENT_MESSAGE_STATUSES, TRANSCRIPT_ROLES, ClientMessage, Conversation, ProcessedUpdate,
    TranscriptMessage,
)
from bot.store.models.advisors import (
    DISPUTE_GROUNDS, DISPUTE_OUTCOMES, DISPUTE_STATUSES, HANDOFF_KINDS, HANDOFF_REASONS, HANDOFF_STATUSES,
    OPEN_HANDOFF_STATUSES, Advisor, AdvisorNote, AdvisorSession, AuditEntry, Dispute, DisputeEvent, Handoff,
)
from bot.store.models.services import (
    APPOINTMENT_PURPOSES, APPOINTMENT_STATUSES, CALLBACK_STATUSES, CALLBACK_WINDOWS,
    CANCELLABLE_MAILING_STATUSES, MAILING_CANCELLED, MAILING_STATUSES, OPEN_MAILING_STATUSES, Appointment,
    Callback, MailingEvent, MailingRequest,
)

__all__ = [
    # base
    "Base", "NAMING_CONVENTION",
    # customers
    "Customer", "FamilyLink", "GENDERS", "RELATIONSHIPS",
    # policies
    "Policy", "Coverage", "Clause", "POLICY_TYPES", "POLICY_SOURCES", "POLICY_STATUSES", "HOSPITAL_REQUIREMENTS",
    # claims
    "Claim", "ClaimEvent", "Document", "Decision", "DecisionLine", "INCIDENT_TYPES", "HOSPITAL_GRADES",
    "HOSPITAL_OWNERSHIPS", "CLAIM_STATUSES", "EVENT_KINDS", "DOCUMENT_STATUSES", "DECISION_OUTCOMES", "LINE_KINDS",
    # conversations
    "Conversation", "TranscriptMessage", "ProcessedUpdate", "ClientMessage", "CHANNELS", "TRANSCRIPT_ROLES",
    "CLIENT_MESSAGE_STATUSES",
    # advisors, handoffs and disputes
    "Advisor", "AdvisorSession", "AuditEntry", "Dispute", "DisputeEvent", "Handoff", "AdvisorNote",
    "HANDOFF_KINDS", "HANDOFF_REASONS", "HANDOFF_STATUSES", "OPEN_HANDOFF_STATUSES", "DISPUTE_GROUNDS",
    "DISPUTE_STATUSES", "DISPUTE_OUTCOMES",
    # services
    "Callback", "Appointment", "MailingRequest", "MailingEvent", "CALLBACK_WINDOWS", "CALLBACK_STATUSES",
    "APPOINTMENT_PURPOSES", "APPOINTMENT_STATUSES", "MAILING_STATUSES", "MAILING_CANCELLED",
    "CANCELLABLE_MAILING_STATUSES", "OPEN_MAILING_STATUSES",
]
