"""NLU cross-validation per language, and what one multilingual model costs (issue 8).

    nice .venv/bin/python benchmarks/nlu_cv.py [--folds 3] [--seed 42] [--epochs N]
        [--memory-models folds|full|none] [--skip-chinese-only] [--out var/nlu_cv]

1. k-fold cross-validation over all of data/nlu with the project's config.yml
   (NLU only: `rasa.model_training.train_nlu`). Every held-out example is parsed
   by the full pipeline (normaliser, DIET, ResponseSelector, fallback and the
   forced-intent rules), so the figures are what a user gets. Per language
   (zh-Hans, zh-Hant, en) and overall: intent accuracy, macro-F1 over the
   intents of that language, accuracy of the glossary term for glossary
   questions, and the top confusions. An example's language is what
   bot.i18n.detect says; where the text shows none ("1", "ok", "yup") it is the
   language of the file it is in (data/nlu/en/ -> en, zh_hant.yml -> zh-Hant).
2. Traditional = Simplified: every held-out zh-Hant example is parsed again as
   the Simplified a mainland user would type (OpenCC tw2sp) and the two
   predictions compared.
3. One model or one per language: a Chinese-only model trained on the Chinese
   examples of the SAME folds is scored on the same held-out Chinese examples;
   and each of the two models (of the first fold, or with --memory-models full
   of two more trained on all data) is loaded in a fresh process to measure
   resident memory (VmRSS before/after Agent.load and the first parse) and
   the model file size.

It prints figures and asserts nothing; results also go to <out>/results.json.
2k NLU trainings (two per fold) of several minutes each on 2 cores: run it with
`nice`; --epochs 20 roughly halves the time (the README's DIET figures plateau by epoch 20).
"""
from __future__ import annotations

import argparse
import asyncio
import collections
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.chdir(ROOT)  # config.yml names data/jieba relative to the project
for key, value in {
    "RASA_TELEMETRY_ENABLED": "false",
    "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
    "TF_CPP_MIN_LOG_LEVEL": "2",
    "TF_INTER_OP_PARALLELISM_THREADS": "2",
    "TF_INTRA_OP_PARALLELISM_THREADS": "2",
    "RASA_MAX_CACHE_SIZE": "0",
    "LOG_LEVEL": "WARNING",  # not a debug line per parsed message  # nothing to reuse between folds; keep .rasa/cache small
}.items():
    os.environ.setdefault(key, value)

from benchmarks.nlu_cv_report import mib, print_confusions, print_table  # noqa: E402
from benchmarks.procstats import rss_kib  # noqa: E402
from bot.i18n import EN, ZH_HANS, ZH_HANT, detect  # noqa: E402

LANGS = (ZH_HANS, ZH_HANT, EN)
CHINESE = (ZH_HANS, ZH_HANT)
RETRIEVAL = "glossary"
FALLBACK = "nlu_fallback"
Example = Dict[str, str]  # text, label (intent or glossary/<term>), lang


# ---------------------------------------------------------------- data and folds

def language_of_example(text: str, path: str) -> str:
    language, script = detect(text)
    if language == EN:
        return EN
    if language == "zh":
        return ZH_HANT if script == ZH_HANT else ZH_HANS
    if f"{os.sep}en{os.sep}" in path:
        return EN
    return ZH_HANT if path.endswith("zh_hant.yml") else ZH_HANS


def load_examples(nlu_dir: Path) -> Tuple[List[Example], Dict[str, Any]]:
    """Every intent example of data/nlu (per file, to know its language) and the responses."""
    from rasa.shared.nlu.training_data.loading import load_data

    examples: List[Example] = []
    responses: Dict[str, Any] = {}
    for path in sorted(nlu_dir.rglob("*.yml")):
        data = load_data(str(path))
        responses.update(data.responses)
        for message in data.intent_examples:
            label = message.get("intent_response_key") or message.get("intent")
            text = message.get("text")
            examples.append({"text": text, "label": label, "lang": language_of_example(text, str(path))})
    return examples, responses


def assign_folds(examples: Sequence[Example], k: int, seed: int) -> List[int]:
    """Stratified by label: each label's examples are shuffled and dealt round-robin."""
    rng = random.Random(seed)
    by_label: Dict[str, List[int]] = collections.defaultdict(list)
    for index, example in enumerate(examples):
        by_label[example["label"]].append(index)
    folds = [0] * len(examples)
    offset = 0
    for label in sorted(by_label):
        indices = by_label[label]
        rng.shuffle(indices)
        for position, index in enumerate(indices):
            folds[index] = (position + offset) % k
        offset += len(indices)  # small labels do not all start in fold 0
    return folds


def write_training_data(examples: Iterable[Example], responses: Dict[str, Any], path: Path) -> None:
    from rasa.shared.nlu.training_data.message import Message
    from rasa.shared.nlu.training_data.training_data import TrainingData

    messages = []
    for example in examples:
        data = {"text": example["text"], "intent": example["label"].split("/")[0]}
        if "/" in example["label"]:
            data["intent_response_key"] = example["label"]
        messages.append(Message(data=data))
    # nlu_as_yaml() leaves out the responses, which the ResponseSelector trains on.
    text = TrainingData(training_examples=messages).nlu_as_yaml()
    text += yaml.safe_dump({"responses": responses}, allow_unicode=True, sort_keys=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


# ---------------------------------------------------------------- training and parsing

def write_config(out: Path, epochs: Optional[int]) -> Path:
    """config.yml, or a copy with fewer DIET/ResponseSelector epochs (--epochs) for a quicker run."""
    if epochs is None:
        return ROOT / "config.yml"
    config = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))
    for component in config["pipeline"]:
        if "epochs" in component:
            component["epochs"] = epochs
    out.mkdir(parents=True, exist_ok=True)
    path = out / "config.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def train(config: Path, data_file: Path, out_dir: Path, name: str) -> Tuple[Path, float]:
    from rasa.model_training import train_nlu

    started = time.monotonic()
    model = train_nlu(config=str(config), nlu_data=str(data_file), output=str(out_dir), fixed_model_name=name)
    if not model:
        raise SystemExit(f"training {name} failed")
    return Path(model), time.monotonic() - started


def predicted_label(parse: Dict[str, Any]) -> str:
    intent = (parse.get("intent") or {}).get("name") or "None"
    if intent == RETRIEVAL:
        selected = (parse.get("response_selector") or {}).get(RETRIEVAL) or {}
        key = (selected.get("response") or {}).get("intent_response_key")
        return key or RETRIEVAL
    return intent


def best_intent(parse: Dict[str, Any]) -> str:
    """The highest-ranked intent other than nlu_fallback: what DIET would pick without the threshold."""
    label = predicted_label(parse)
    if label != FALLBACK:
        return label
    ranked = [r["name"] for r in parse.get("intent_ranking") or [] if r.get("name") != FALLBACK]
    return ranked[0] if ranked else FALLBACK


def parse_all(model: Path, texts: Sequence[str]) -> List[Tuple[str, str]]:
    """(predicted label, best intent ignoring the fallback threshold) of each text."""
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))

    async def run() -> List[Tuple[str, str]]:
        parses = [await agent.parse_message(text) for text in texts]
        return [(predicted_label(p), best_intent(p)) for p in parses]

    return asyncio.run(run())


# ---------------------------------------------------------------- metrics

def intent_of(label: str) -> str:
    return label.split("/")[0]


def scores(gold: Sequence[str], predicted: Sequence[str], best: Sequence[str]) -> Dict[str, Any]:
    """Intent accuracy and macro-F1 (glossary terms as one intent), glossary-term accuracy, confusions."""
    from sklearn.metrics import f1_score

    if not gold:
        return {"n": 0}
    gold_intents = [intent_of(g) for g in gold]
    predicted_intents = [intent_of(p) for p in predicted]
    labels = sorted(set(gold_intents))
    correct = sum(g == p for g, p in zip(gold_intents, predicted_intents))
    glossary = [(g, p) for g, p in zip(gold, predicted) if intent_of(g) == RETRIEVAL]
    confusions = collections.Counter((g, p) for g, p in zip(gold_intents, predicted_intents) if g != p)
    return {
        "n": len(gold),
        "accuracy": correct / len(gold),
        "macro_f1": f1_score(gold_intents, predicted_intents, labels=labels, average="macro", zero_division=0),
        "glossary_n": len(glossary),
        "glossary_term_accuracy": (sum(g == p for g, p in glossary) / len(glossary)) if glossary else None,
        "fallback_rate": sum(p == FALLBACK for p in predicted_intents) / len(gold),
        "accuracy_ignoring_fallback": sum(g == intent_of(b) for g, b in zip(gold_intents, best)) / len(gold),
        "top_confusions": [[g, p, n] for (g, p), n in confusions.most_common(6)],
    }


def by_language(examples: Sequence[Example], predicted: Sequence[Tuple[str, str]],
                langs: Sequence[str]) -> Dict[str, Any]:
    result = {}
    for lang in langs + ("overall",):
        rows = [(e["label"], p, b) for e, (p, b) in zip(examples, predicted) if lang in (e["lang"], "overall")]
        result[lang] = scores([g for g, _, _ in rows], [p for _, p, _ in rows], [b for _, _, b in rows])
    return result


# ---------------------------------------------------------------- memory (in a fresh process)

def measure_memory(model: str) -> None:
    """Child process: RSS after imports, after Agent.load, after the first parse (JSON on stdout)."""
    from rasa.core.agent import Agent

    import rasa.nlu.classifiers.diet_classifier  # noqa: F401 - import cost is not the model's

    before = rss_kib(os.getpid())
    agent = Agent.load(model)
    loaded = rss_kib(os.getpid())
    asyncio.run(agent.parse_message("我要报案"))
    asyncio.run(agent.parse_message("I want to make a claim"))
    parsed = rss_kib(os.getpid())
    print(json.dumps({"rss_before_kib": before, "rss_loaded_kib": loaded, "rss_after_parse_kib": parsed}))


def memory_of(model: Path) -> Dict[str, Any]:
    output = subprocess.run(
        [sys.executable, __file__, "--measure-memory", str(model)],
        check=True, capture_output=True, text=True,
    ).stdout.strip().splitlines()[-1]
    figures = json.loads(output)
    figures["model_bytes"] = model.stat().st_size
    return figures


def main(argv: Optional[Sequence[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--folds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--out", default="var/nlu_cv")
    parser.add_argument("--skip-chinese-only", action="store_true", help="no Chinese-only comparison")
    parser.add_argument("--epochs", type=int, help="override DIET/ResponseSelector epochs (default: config.yml)")
    parser.add_argument("--memory-models", choices=("folds", "full", "none"), default="folds",
                        help="measure memory on the first fold's models (default), on two more models "
                             "trained on all data, or not at all")
    parser.add_argument("--measure-memory", metavar="MODEL", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure_memory:
        return measure_memory(args.measure_memory)

    from opencc import OpenCC

    out = Path(args.out)
    config = write_config(out, args.epochs)
    examples, responses = load_examples(ROOT / "data" / "nlu")
    folds = assign_folds(examples, args.folds, args.seed)
    counts = collections.Counter(e["lang"] for e in examples)
    print(f"{len(examples)} examples: " + ", ".join(f"{lang} {counts[lang]}" for lang in LANGS)
          + f"; {args.folds} folds, seed {args.seed}")

    combined: List[Tuple[str, str]] = [("", "")] * len(examples)
    chinese_only: List[Tuple[str, str]] = [("", "")] * len(examples)
    simplified_of_hant: Dict[int, str] = {}
    to_simplified = OpenCC("tw2sp")
    train_seconds: Dict[str, List[float]] = collections.defaultdict(list)
    for fold in range(args.folds):
        held = [i for i, f in enumerate(folds) if f == fold]
        rest = [examples[i] for i, f in enumerate(folds) if f != fold]
        data = out / f"fold{fold}"
        write_training_data(rest, responses, data / "all.yml")
        model, seconds = train(config, data / "all.yml", data, "all")
        fold_models = {"all": model}
        train_seconds["combined"].append(seconds)
        hant = [i for i in held if examples[i]["lang"] == ZH_HANT]
        texts = [examples[i]["text"] for i in held] + [to_simplified.convert(examples[i]["text"]) for i in hant]
        predicted = parse_all(model, texts)
        for i, label in zip(held, predicted[: len(held)]):
            combined[i] = label
        for i, label in zip(hant, predicted[len(held):]):
            simplified_of_hant[i] = label[0]
        if not args.skip_chinese_only:
            write_training_data([e for e in rest if e["lang"] in CHINESE], responses, data / "zh.yml")
            model, seconds = train(config, data / "zh.yml", data, "zh")
            fold_models["zh"] = model
            train_seconds["chinese_only"].append(seconds)
            held_zh = [i for i in held if examples[i]["lang"] in CHINESE]
            for i, label in zip(held_zh, parse_all(model, [examples[i]["text"] for i in held_zh])):
                chinese_only[i] = label
        if fold == 0:
            first_fold_models = fold_models
        print(f"fold {fold + 1}/{args.folds} done", flush=True)

    results: Dict[str, Any] = {"folds": args.folds, "seed": args.seed, "examples": dict(counts)}
    results["combined"] = by_language(examples, combined, LANGS)
    print_table(f"Intent classification, {args.folds}-fold cross-validation, one multilingual model", results["combined"])
    print_confusions(results["combined"])

    agree = [(i, label) for i, label in simplified_of_hant.items()]
    same = sum(combined[i][0] == label for i, label in agree)
    results["hant_equals_simplified"] = {"n": len(agree), "same": same,
                                         "different": [[examples[i]["text"], combined[i][0], label]
                                                       for i, label in agree if combined[i][0] != label]}
    print(f"\nzh-Hant examples predicted like their Simplified form (OpenCC tw2sp): {same}/{len(agree)}")
    for text, hant_label, simplified_label in results["hant_equals_simplified"]["different"]:
        print(f"  {text}: {hant_label} vs Simplified {simplified_label}")

    if not args.skip_chinese_only:
        zh = [i for i, e in enumerate(examples) if e["lang"] in CHINESE]
        zh_examples = [examples[i] for i in zh]
        results["chinese_only"] = by_language(zh_examples, [chinese_only[i] for i in zh], CHINESE)
        results["combined_on_chinese"] = by_language(zh_examples, [combined[i] for i in zh], CHINESE)
        print_table("Chinese examples: Chinese-only model (same folds)", results["chinese_only"])
        print_table("Chinese examples: multilingual model", results["combined_on_chinese"])

    if args.memory_models == "full":
        full = out / "full"
        write_training_data(examples, responses, full / "all.yml")
        write_training_data([e for e in examples if e["lang"] in CHINESE], responses, full / "zh.yml")
        models = {}
        for name in ("all", "zh"):
            models[name], seconds = train(config, full / f"{name}.yml", full, name)
            train_seconds[f"full_{name}"].append(seconds)
    else:
        models = first_fold_models
    if args.memory_models != "none" and len(models) == 2:
        results["memory"] = {"models": args.memory_models}
        for name, model in models.items():
            results["memory"][name] = memory_of(model)
        print(f"\nNLU model ({args.memory_models} data), loaded in a fresh process (VmRSS)\n")
        print("| model | file size | RSS before load | after Agent.load | after first parse | model's share |")
        print("|---|---:|---:|---:|---:|---:|")
        for name, title in (("zh", "Chinese only"), ("all", "multilingual")):
            m = results["memory"][name]
            print(f"| {title} | {m['model_bytes'] / 1e6:.1f} MB | {mib(m['rss_before_kib'])} | "
                  f"{mib(m['rss_loaded_kib'])} | {mib(m['rss_after_parse_kib'])} | "
                  f"{mib(m['rss_after_parse_kib'] - m['rss_before_kib'])} |")

    results["predictions"] = [  # text, language, gold, predicted, best ignoring fallback, Chinese-only model's
        [e["text"], e["lang"], e["label"], *combined[i], *(chinese_only[i] if e["lang"] in CHINESE else ())]
        for i, e in enumerate(examples)
    ]
    results["train_seconds"] = {k: [round(s) for s in v] for k, v in train_seconds.items()}
    print("\nTraining time (s): " + ", ".join(f"{k} {v}" for k, v in results["train_seconds"].items()))
    (out / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"results: {out / 'results.json'}")


if __name__ == "__main__":
    main()
