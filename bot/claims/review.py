"""The materials pre-check: what was received, what is missing, what cannot be used.

Insurance Law art. 22 makes the insurer list everything missing once; we do
the same for the user before anything reaches the insurer: `format_review`
is always the one complete list, never a drip of single requests.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Iterable, List, Optional, Tuple

from bot.claims.materials import ChecklistItem


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


def format_review(result: Review) -> str:
    """The one complete status list, in checklist order: ✓ received, ✗ missing, ⚠ unusable."""
    state = {i.code: "✓" for i in result.received}
    state.update({i.code: "✗" for i in result.missing})
    reasons = {u.item.code: u.reason for u in result.unusable}
    lines = []
    for item in result.items:
        if item.code in reasons:
            lines.append(f"⚠ {item.name}：{reasons[item.code]}")
        elif state.get(item.code) == "✓":
            lines.append(f"✓ {item.name}")
        elif state.get(item.code) == "✗":
            lines.append(f"✗ {item.name}：{item.material.description}")
        else:
            lines.append(f"○ {item.name}（{item.condition}需要）：{item.material.description}")
    to_send = len(result.missing) + sum(1 for u in result.unusable if u.item.required)
    if result.complete:
        head = f"材料预审结果：已收到{len(result.received)}项，必需材料已经齐全，可以提交给保险公司了。"
        tail = "标○的材料如果符合条件，也请一并发来。" if result.conditional else ""
    else:
        head = f"材料预审结果：已收到{len(result.received)}项，还需要补{to_send}项。"
        tail = "请一次补齐标✗和⚠的材料" + ("，标○的材料符合条件的也请一起发来" if result.conditional else "") + \
            "。补齐后我们再帮您提交，免得保险公司来回要材料。"
    return "\n".join([head] + lines + ([tail] if tail else []))
