"""The materials pre-check: what was received, what is missing, what cannot be used.

Insurance Law art. 22 makes the insurer list everything missing once; we do
the same for the user before anything reaches the insurer: `format_review`
is always the one complete list, never a drip of single requests.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Iterable, List, Optional, Tuple

from bot.claims.materials import ChecklistItem
from bot.claims.wording import EN, pick, stored


@dataclass(frozen=True)
class DocumentRecord:
    """A document as the review sees it, in upload order."""

    doc_type: str
    status: str = "received"  # "received" | "unusable"
    note: Optional[str] = None  # why it is unusable and how to fix it


@dataclass(frozen=True)
class UnusableItem:
    item: ChecklistItem
    reason: str


@dataclass(frozen=True)
class Review:
    """The state of every checklist item. `complete`: nothing required is missing or unusable."""

    items: Tuple[ChecklistItem, ...]  # the whole checklist, in order
    received: Tuple[ChecklistItem, ...]
    missing: Tuple[ChecklistItem, ...]  # required, nothing received
    unusable: Tuple[UnusableItem, ...]  # only unusable copies received (a later good copy supersedes them)
    conditional: Tuple[ChecklistItem, ...]  # condition unknown, nothing received: listed, not demanded
    complete: bool

    @property
    def outstanding(self) -> Tuple[str, ...]:
        """Codes of what the user still has to send (missing, then unusable)."""
        return tuple(i.code for i in self.missing) + tuple(u.item.code for u in self.unusable)


NO_REASON = "这份材料看不清或不完整，请重新拍照发送"


def review(items: Iterable[ChecklistItem], documents: Iterable[DocumentRecord]) -> Review:
    """Compare the checklist with the documents; documents of types not on it are ignored."""
    items = tuple(items)
    good = set()
    latest_problem: Dict[str, str] = {}
    for document in documents:
        if document.status == "received":
            good.add(document.doc_type)
        else:
            latest_problem[document.doc_type] = document.note or NO_REASON
    received: List[ChecklistItem] = []
    missing: List[ChecklistItem] = []
    unusable: List[UnusableItem] = []
    conditional: List[ChecklistItem] = []
    for item in items:
        if item.code in good:
            received.append(item)
        elif item.code in latest_problem:
            unusable.append(UnusableItem(item, latest_problem[item.code]))
        elif item.required:
            missing.append(item)
        else:
            conditional.append(item)
    complete = not missing and not any(u.item.required for u in unusable)
    return Review(items, tuple(received), tuple(missing), tuple(unusable), tuple(conditional), complete)


# Wording per language: one line per state, the head and the closing advice.
_WORDS = {
    "zh": {
        "unusable": "⚠ {name}：{reason}", "received": "✓ {name}", "missing": "✗ {name}：{description}",
        "conditional": "○ {name}（{condition}需要）：{description}",
        "head_complete": "材料预审结果：已收到{received}项，必需材料已经齐全，可以提交给保险公司了。",
        "tail_complete": "标○的材料如果符合条件，也请一并发来。",
        "head": "材料预审结果：已收到{received}项，还需要补{to_send}项。",
        "tail": "请一次补齐标✗和⚠的材料{conditional}。补齐后我们再帮您提交，免得保险公司来回要材料。",
        "tail_conditional": "，标○的材料符合条件的也请一起发来",
        "no_reason": NO_REASON,
    },
    EN: {
        "unusable": "⚠ {name}: {reason}", "received": "✓ {name}", "missing": "✗ {name}: {description}",
        "conditional": "○ {name} (needed {condition}): {description}",
        "head_complete": "Materials check: {received} received; all required materials are here, "
                         "ready to send to the insurer.",
        "tail_complete": "If an item marked ○ applies to you, please send it too.",
        "head": "Materials check: {received} received, {to_send} still needed.",
        "tail": "Please send everything marked ✗ and ⚠ in one go{conditional}. Once complete we send it all to the "
                "insurer, so they do not have to keep asking for more.",
        "tail_conditional": ", plus any item marked ○ that applies to you",
        "no_reason": "this copy cannot be read or is incomplete: please take the photo again, flat, filling the frame, "
                     "in good light",
    },
}


def format_review(result: Review, *, lang: Optional[str] = None) -> str:
    """The one complete status list, in checklist order: ✓ received, ✗ missing, ⚠ unusable."""
    words = pick(_WORDS, lang)
    state = {i.code: "received" for i in result.received}
    state.update({i.code: "missing" for i in result.missing})
    reasons = {u.item.code: u.reason for u in result.unusable}
    lines = []
    for item in result.items:
        # An upload's reason is stored in Chinese (bot.documents.inspect): English gets the plain advice instead.
        reason = stored(reasons.get(item.code), lang) or words["no_reason"]
        line = "unusable" if item.code in reasons else state.get(item.code, "conditional")
        lines.append(words[line].format(name=item.name_in(lang), reason=reason, condition=item.condition_in(lang),
                                        description=item.material.description_in(lang)))
    to_send = len(result.missing) + sum(1 for u in result.unusable if u.item.required)
    if result.complete:
        head = words["head_complete"].format(received=len(result.received))
        tail = words["tail_complete"] if result.conditional else ""
    else:
        head = words["head"].format(received=len(result.received), to_send=to_send)
        tail = words["tail"].format(conditional=words["tail_conditional"] if result.conditional else "")
    return "\n".join([head] + lines + ([tail] if tail else []))
