"""The tables benchmarks/nlu_cv.py prints: accuracy per language, top confusions, sizes."""
from __future__ import annotations

from typing import Any, Dict, Optional


def pct(value: Optional[float]) -> str:
    return "–" if value is None else f"{100 * value:.1f}%"


def print_table(title: str, result: Dict[str, Any]) -> None:
    print(f"\n{title}\n")
    print("| language | examples | intent accuracy | macro-F1 | glossary term accuracy | nlu_fallback "
          "| accuracy without the fallback threshold |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for lang, s in result.items():
        if not s.get("n"):
            continue
        print(f"| {lang} | {s['n']} | {pct(s['accuracy'])} | {s['macro_f1']:.3f} | "
              f"{pct(s['glossary_term_accuracy'])} | {pct(s['fallback_rate'])} | "
              f"{pct(s['accuracy_ignoring_fallback'])} |")


def print_confusions(result: Dict[str, Any]) -> None:
    print("\nTop confusions (gold -> predicted, count):")
    for lang, s in result.items():
        if lang == "overall" or not s.get("n"):
            continue
        pairs = ", ".join(f"{g} -> {p} ({n})" for g, p, n in s["top_confusions"]) or "none"
        print(f"- {lang}: {pairs}")


def mib(kib: int) -> str:
    return f"{kib / 1024:.0f} MiB"
