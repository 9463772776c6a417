"""Document intake for "help review": stage uploads, inspect them, attach them to claims.

A channel stages the bytes and passes the token on; the Rasa action, which
knows the verified customer and the claim, attaches:

    from bot.documents import attach, stage
    token = stage(data, filename="出院小结.jpg", caption=None)          # channel
    with session_scope() as session:                                      # action
        result = attach(session, customer_id, "C-1003", token)
"""
from bot.documents.inspect import Inspection, inspect_file
from bot.documents.intake import IntakeResult, SubmitResult, attach, claim_review, facts_of, submit
from bot.documents.staging import InvalidToken, StagedFile, load, stage

__all__ = [
    "stage", "load", "StagedFile", "InvalidToken",
    "inspect_file", "Inspection",
    "attach", "submit", "claim_review", "facts_of", "IntakeResult", "SubmitResult",
]
