"""Leave-one-writer-out cross-validation (issue 26): how a second opinion and a decision
policy do on a writer they have never seen.

Each dev batch of the wording corpus (tests/corpus/) was written by a different writer. A
fold holds one batch out, trains the second opinion on the other four, chooses the decision
policy on the other four, and scores both on the batch held out.

The codebook's rules cannot be held out the same way: codebook v7 was written from all five
batches and scores 99% on them. So every row is also decided by the *blind* codebook, the
version that had not yet seen its writer (git history, `BLIND_CODEBOOK`), which errs on it
as the current codebook errs on a new writer. Scores are given for both ("blind rules" is
the honest one; "current rules" shows what the dev rows say of v7, optimistically).

`make crossval` writes docs/crossval/ (tables) and prints the summary."""

from __future__ import annotations

import importlib.util
import itertools
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .classify import breach_evidence, default_codebook
from .corpus import REVIEW, wilson
from .policy import Policy, decide

# dev batch -> (its incidents file, the codebook commit written before its writer was read)
BLIND_CODEBOOK = {
    "dev1": ("incidents.csv", "7b20c1b"),  # v1: before any corpus row
    "dev2": ("incidents_dev2.csv", "642a8f1"),  # v2: written from dev1
    "dev3": ("incidents_dev3.csv", "11bfd13"),  # v4: dev1, dev2
    "dev4": ("incidents_dev4.csv", "727f129"),  # v5: dev1-3
    "dev5": ("incidents_dev5.csv", "93fbb1b"),  # v6: dev1-4
}
# At most this share of decided labels withheld by the policy. The target is 5% to
# review in all; but on a new writer the rules alone leave 4-8% undecided (blind codebooks v4-v6
# on dev3-5: 6.1%; v7 on test set 4: 5.0%), so a cap on the total would forbid any abstention.
# The cap is on what the policy adds; the total is reported beside it.
REVIEW_CAP = 0.05


def dev_rows(corpus_dir: Path) -> pd.DataFrame:
    """Every dev row of the incident corpus with its writer (dev1 ... dev5)."""
    frames = []
    for writer, (name, _) in BLIND_CODEBOOK.items():
        rows = pd.read_csv(corpus_dir / name, dtype=str, keep_default_na=False)
        frames.append(rows[rows["split"] == "dev"].assign(writer=writer))
    return pd.concat(frames, ignore_index=True)


def outcome_and_pnc_by_writer(corpus_dir: Path, repo: Path) -> pd.DataFrame:
    """Outcome group and PNC per dev writer, decided by the blind codebook and by the current
    one (rules only: the second opinion and the policy are for breach type)."""
    from . import classify as current_engine

    rows = []
    for writer, (name, commit) in BLIND_CODEBOOK.items():
        incidents = pd.read_csv(corpus_dir / name, dtype=str, keep_default_na=False).query("split == 'dev'")
        outcomes = pd.read_csv(corpus_dir / name.replace("incidents", "outcomes"), dtype=str, keep_default_na=False)
        outcomes = outcomes.query("split == 'dev'")
        for rules, (engine, book) in (
            ("blind", old_rules(commit, repo)),
            ("current", (current_engine, default_codebook())),
        ):
            decided = [
                engine.classify_outcome(o, codebook=book)["outcome_group"] or REVIEW for o in outcomes["outcome"]
            ]
            texts = zip(incidents["description"], incidents["force_category"])
            pnc = [str(engine.classify_breach(d, c, book)["pnc"]).lower() for d, c in texts]
            found = {
                "outcome": rates(list(outcomes["outcome_group"]), decided),
                "pnc": rates(list(incidents["pnc"].str.lower()), pnc),
            }
            for field, r in found.items():
                rows.append(
                    {
                        "writer": writer,
                        "rules": rules,
                        "field": field,
                        **{k: r[k] for k in ("n", "right", "review", "wrong")},
                    }
                )
    return pd.DataFrame(rows)


def old_rules(commit: str, repo: Path):
    """(classify module, codebook) as they were at `commit`, read from git history."""
    folder = Path(tempfile.mkdtemp(prefix=f"codebook-{commit}-"))
    for path in ("policebreaches/classify.py", "policebreaches/resources/codebook.yaml"):
        text = subprocess.run(["git", "show", f"{commit}:{path}"], cwd=repo, capture_output=True, text=True, check=True)
        (folder / Path(path).name).write_text(text.stdout, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(f"classify_{commit}", folder / "classify.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module, module.load_codebook(folder / "codebook.yaml")


def evidence_table(rows: pd.DataFrame, repo: Path) -> pd.DataFrame:
    """Per dev row: the blind codebook's and the current codebook's decision with its evidence
    (blind_* and current_* columns: decided, rule, basis, rivals, negation)."""
    current = default_codebook()
    parts = []
    for writer, group in rows.groupby("writer", sort=True):
        module, book = old_rules(BLIND_CODEBOOK[writer][1], repo)
        blind = [breach_evidence(d, c, book, module) for d, c in zip(group["description"], group["force_category"])]
        now = [breach_evidence(d, c, current) for d, c in zip(group["description"], group["force_category"])]
        parts.append(
            group.reset_index(drop=True)
            .join(pd.DataFrame(blind).add_prefix("blind_"))
            .join(pd.DataFrame(now).add_prefix("current_"))
        )
    return pd.concat(parts, ignore_index=True)


# -- the second opinions compared --------------------------------------------------------


def evidence_tokens(row, rules: str) -> str:
    """The rules' evidence as words the model can weigh ('ev_decided_other ev_fires_third_party_disclosure')."""
    decided = row[f"{rules}_breach_type"] or "none"
    tokens = [f"ev_decided_{decided}", f"ev_basis_{row[f'{rules}_basis'] or 'none'}"]
    tokens += [f"ev_fires_{t}" for t in row[f"{rules}_rivals"].split(";") if t]
    tokens += ["ev_negation"] if row[f"{rules}_negation"] else []
    return " ".join(tokens)


@dataclass(frozen=True)
class Candidate:
    name: str
    learner: str  # 'logistic' | 'svm'
    evidence: bool  # the rules' evidence as features


CANDIDATES = (
    Candidate("tfidf_logistic", "logistic", False),  # the current second opinion
    Candidate("tfidf_svm_calibrated", "svm", False),
    Candidate("tfidf_logistic_evidence", "logistic", True),
    Candidate("tfidf_svm_calibrated_evidence", "svm", True),
)


def model_texts(frame: pd.DataFrame, candidate: Candidate, rules: str) -> list[str]:
    from .second_opinion import text

    texts = [text(d, c) for d, c in zip(frame["description"], frame["force_category"])]
    if candidate.evidence:
        texts = [f"{t} {evidence_tokens(r, rules)}" for t, r in zip(texts, frame.to_dict("records"))]
    return texts


def fit(candidate: Candidate, texts: list[str], labels: list[str]):
    from .second_opinion import pipeline

    return pipeline(candidate.learner).fit(texts, labels)


def opinions(model, texts: list[str]) -> list[tuple[str, float]]:
    probabilities = model.predict_proba(texts)
    best = probabilities.argmax(axis=1)
    return [(model.classes_[i], float(p[i])) for i, p in zip(best, probabilities)]


def fold_opinions(table: pd.DataFrame, candidate: Candidate, rules: str) -> pd.DataFrame:
    """Each row's second opinion from a model trained without its writer."""
    found: dict[int, tuple[str, float]] = {}
    for writer in BLIND_CODEBOOK:
        held = table["writer"] == writer
        train = table[~held]
        model = fit(candidate, model_texts(train, candidate, "blind"), list(train["breach_type"]))
        found |= dict(zip(table.index[held], opinions(model, model_texts(table[held], candidate, rules))))
    return table.assign(
        second_opinion=[found[i][0] for i in table.index], second_opinion_confidence=[found[i][1] for i in table.index]
    )


# -- the decision policies compared --------------------------------------------------------


def decisions(frame: pd.DataFrame, policy: Policy, rules: str) -> list[str]:
    """The published label per row under `policy` (REVIEW where it abstains)."""
    named = {f"{rules}_breach_type": "decided", "second_opinion_confidence": "confidence"}
    named |= {f"{rules}_{f}": f for f in ("basis", "rivals", "negation")}
    rows = frame[[*named, "second_opinion"]].rename(columns=named).to_dict("records")
    return [decide(row, policy)[0] or REVIEW for row in rows]


def rates(true: list[str], decided: list[str], rules_decided: list[str] | None = None) -> dict:
    """Shares right, to review and wrong; `withheld`: decided by the rules, withheld by the policy."""
    n = len(true)
    review = decided.count(REVIEW)
    right = sum(t == d for t, d in zip(true, decided))
    withheld = sum(d == REVIEW and bool(r) for d, r in zip(decided, rules_decided or [""] * n))
    return {
        "n": n,
        "right": right / n,
        "review": review / n,
        "wrong": (n - right - review) / n,
        "withheld": withheld / n,
    }


def policy_grid() -> list[Policy]:
    """The family searched: abstain when the second opinion disagrees with at least
    `any` confidence, or with at least `weak` confidence where the rules' evidence is weak
    (the force's label decided, rules for two types fired, or a negation applied)."""
    levels = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01]
    return [Policy(any_=a, weak=w) for a, w in itertools.product(levels, levels) if w <= a]


def choose(frame: pd.DataFrame, policies: list[Policy], rules: str) -> Policy:
    """Fewest wrong decisions with at most REVIEW_CAP withheld (ties: less review, then the
    stricter thresholds); the no-abstention policy when none fits the cap."""
    scored = []
    for policy in policies:
        r = rates(list(frame["breach_type"]), decisions(frame, policy, rules), list(frame[f"{rules}_breach_type"]))
        if r["withheld"] <= REVIEW_CAP:
            scored.append((r["wrong"], r["review"], -policy.any_, -policy.weak, policy))
    return min(scored, key=lambda s: s[:4])[4] if scored else Policy()


def lowo(table: pd.DataFrame, rules: str) -> pd.DataFrame:
    """Per held-out writer: the policy chosen on the other writers, and its rates there."""
    rows, policies = [], policy_grid()
    for writer in BLIND_CODEBOOK:
        held = table["writer"] == writer
        policy = choose(table[~held], policies, rules)
        true, rules_decided = list(table.loc[held, "breach_type"]), list(table.loc[held, f"{rules}_breach_type"])
        chosen = rates(true, decisions(table[held], policy, rules), rules_decided)
        plain = rates(true, decisions(table[held], Policy(), rules), rules_decided)
        rows.append(
            {
                "writer": writer,
                "policy": policy.name,
                **chosen,
                **{f"rules_only_{k}": v for k, v in plain.items() if k != "n"},
            }
        )
    return pd.DataFrame(rows)


def pooled(per_writer: pd.DataFrame, prefix: str = "") -> dict:
    """Rates over all held-out rows, with 95% Wilson intervals."""
    n = int(per_writer["n"].sum())
    out = {"n": n}
    for measure in [m for m in ("right", "review", "wrong", "withheld") if f"{prefix}{m}" in per_writer]:
        k = round(float((per_writer[f"{prefix}{measure}"] * per_writer["n"]).sum()))
        low, high = wilson(k, n)
        out |= {measure: k / n, f"{measure}_low": low, f"{measure}_high": high}
    return out


def curve(scored: pd.DataFrame, rules: str) -> pd.DataFrame:
    """The review / wrong trade-off of every policy of the grid on the out-of-fold opinions."""
    true, rules_decided = list(scored["breach_type"]), list(scored[f"{rules}_breach_type"])
    rows = [
        {"policy": p.name, **rates(true, decisions(scored, p, rules), rules_decided)}
        for p in [Policy(), *policy_grid()]
    ]
    return pd.DataFrame(rows).drop_duplicates("policy").sort_values(["review", "wrong"])


def run(repo: Path, out_dir: Path) -> str:
    """Everything `make crossval` prints and writes (docs/crossval/)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    table = evidence_table(dev_rows(repo / "tests" / "corpus"), repo)
    lines, summary = [], []
    for candidate in CANDIDATES:
        for rules in ("blind", "current"):
            scored = fold_opinions(table, candidate, rules)
            model_right = (scored["second_opinion"] == scored["breach_type"]).mean()
            per_writer = lowo(scored, rules)
            stem = f"{candidate.name}_{rules}"
            per_writer.to_csv(out_dir / f"lowo_{stem}.csv", index=False, float_format="%.4f")
            curve(scored, rules).to_csv(out_dir / f"curve_{stem}.csv", index=False, float_format="%.4f")
            with_policy, rules_only = pooled(per_writer), pooled(per_writer, "rules_only_")
            final = choose(scored, policy_grid(), rules)  # on every dev row: the codebook's table
            summary.append(
                {
                    "model": candidate.name,
                    "rules": rules,
                    "model_right": model_right,
                    **with_policy,
                    "chosen_on_all_dev": final.name,
                }
            )
            lines.append(
                f"{candidate.name:30} {rules:7} model {model_right:.1%} | rules only "
                f"{rules_only['right']:.1%}/{rules_only['review']:.1%}/{rules_only['wrong']:.1%} | "
                "policy chosen per fold "
                f"{with_policy['right']:.1%}/{with_policy['review']:.1%}/{with_policy['wrong']:.1%} "
                f"(withheld {with_policy['withheld']:.1%}) | on all dev: {final.name}"
            )
    pd.DataFrame(summary).to_csv(out_dir / "summary.csv", index=False, float_format="%.4f")
    others = outcome_and_pnc_by_writer(repo / "tests" / "corpus", repo)
    others.to_csv(out_dir / "outcome_pnc_by_writer.csv", index=False, float_format="%.4f")
    for (field, rules), group in others.groupby(["field", "rules"], sort=False):
        both = pooled(group)
        lines.append(
            f"{field:8} rules {rules:7} (no policy) right {both['right']:.1%} ({both['right_low']:.1%}-"
            f"{both['right_high']:.1%}), review {both['review']:.1%}, wrong {both['wrong']:.1%}"
        )
    return "\n".join(lines)
