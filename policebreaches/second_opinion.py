"""A second opinion that only raises doubts: a statistical text classifier (TF-IDF word
and character n-grams, logistic regression; scikit-learn) trained on the development split of the
labelled corpus, deterministically. Where it disagrees with the codebook's breach type
with high confidence, the record is sent to the review queue with both opinions. The
codebook still decides every published label; the model never does."""

from __future__ import annotations

import pickle
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .classify import normalise_text

BATCH = 2000


@dataclass(frozen=True)
class SecondOpinion:
    labels: tuple[str, ...]
    model: object  # a fitted sklearn Pipeline
    threshold: float

    def opinions(self, descriptions: list[str], categories: list[str]) -> list[tuple[str, float]]:
        """(label the model prefers, its probability) per text, read BATCH texts at a time:
        character n-grams of long descriptions make a large sparse matrix (100,000 texts of
        500 characters took 1.4 GB at once), so memory stays one batch deep."""
        found: list[tuple[str, float]] = []
        for start in range(0, len(descriptions), BATCH):
            batch = zip(descriptions[start : start + BATCH], categories[start : start + BATCH])
            probabilities = self.model.predict_proba([text(d, c) for d, c in batch])
            best = probabilities.argmax(axis=1)
            found += [(self.model.classes_[i], float(p[i])) for i, p in zip(best, probabilities)]
        return found

    def doubt(self, decided: str, opinion: tuple[str, float]) -> str:
        """The doubt to record ('' for none): the model disagrees with the codebook's label
        (or the codebook decided nothing) with at least `threshold` confidence."""
        label, confidence = opinion
        if label == decided or confidence < self.threshold:
            return ""
        return f"second opinion: {label} ({confidence:.2f})"


def text(description: str, category: str) -> str:
    """What the model reads: the description, and the force's label marked as such."""
    label = normalise_text(category)
    return normalise_text(description) + (f" label_{'_'.join(label.split())}" if label else "")


def pipeline(learner: str = "logistic"):
    """An unfitted model: TF-IDF word (1-2) and character (2-5, within words) n-grams, then
    logistic regression, or a linear SVM calibrated to probabilities (sigmoid, 3 folds in
    order: no shuffling). Both deterministic."""
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold
    from sklearn.pipeline import make_pipeline, make_union
    from sklearn.svm import LinearSVC

    words = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
    characters = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True)  # spellings, stems
    if learner == "svm":
        folds = StratifiedKFold(n_splits=3, shuffle=False)
        classifier = CalibratedClassifierCV(LinearSVC(C=0.5, random_state=0), cv=folds, method="sigmoid")
    else:
        classifier = LogisticRegression(C=10.0, max_iter=3000, random_state=0)
    return make_pipeline(make_union(words, characters), classifier)


def train(corpus: pd.DataFrame, threshold: float, learner: str = "logistic") -> SecondOpinion:
    """Fit on the corpus's dev rows only (the test splits measure it)."""
    dev = corpus[corpus["split"] == "dev"]
    model = pipeline(learner)
    model.fit([text(d, c) for d, c in zip(dev["description"], dev["force_category"])], dev["breach_type"])
    return SecondOpinion(tuple(model.classes_), model, threshold)


def save(opinion: SecondOpinion, path: Path) -> None:
    """The fitted second opinion as a pickle (an internal build file, read back by `load`)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    for _, union in opinion.model.steps[:1]:  # the vectorisers' stop_words_: a set, pickled in hash order
        for _, vectoriser in union.transformer_list:
            for name in ("stop_words_", "_stop_words_id"):  # a set and id(): differ from run to run
                if hasattr(vectoriser, name):
                    delattr(vectoriser, name)  # sklearn: for introspection and a warning check only
    path.write_bytes(pickle.dumps(opinion, protocol=4))


def load(path: Path) -> SecondOpinion:
    """The second opinion `save` wrote in this build (never a file from elsewhere: a pickle runs code)."""
    return pickle.loads(path.read_bytes())
