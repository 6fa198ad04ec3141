"""Runner: one run of the whole pipeline, stage after stage."""

from __future__ import annotations

from dataclasses import dataclass, field

from proxystore import Proxy, extract

from . import clean as clean_stage
from . import evaluate as evaluate_stage
from . import features, ingest, model, report, scheduler
from .arrays import FloatArray
from .evaluate import Evaluation
from .model import LinearModel
from .records import Batch, FeatureTable, Issue, Labels
from .settings import Settings, Stage, default_settings, parse_mode
from .store import ARRAYS, BATCHES, labels_proxy, settings_proxy, version_proxy


@dataclass
class RunState:
    settings: Proxy[Settings]
    batch: Proxy[Batch] | None = None
    table: Proxy[FeatureTable] | None = None
    labels: Proxy[Labels] | None = None
    model: Proxy[LinearModel] | None = None
    evaluation: Proxy[Evaluation] | None = None
    issues: list[Issue] = field(default_factory=list)
    done: set[Stage] = field(default_factory=set)

    def need_batch(self) -> Proxy[Batch]:
        if self.batch is None:
            raise RuntimeError("no batch yet")
        return self.batch

    def need_table(self) -> Proxy[FeatureTable]:
        if self.table is None:
            raise RuntimeError("no feature table yet")
        return self.table

    def need_labels(self) -> Proxy[Labels]:
        if self.labels is None:
            raise RuntimeError("no labels yet")
        return self.labels

    def need_model(self) -> Proxy[LinearModel]:
        if self.model is None:
            raise RuntimeError("no model yet")
        return self.model


def run_ingest(state: RunState) -> int:
    batch, issues = ingest.ingest(extract(state.settings))
    state.batch = batch
    state.issues.extend(issues)
    state.done.add(Stage.INGEST)
    return batch.rows


def run_clean(state: RunState) -> int:
    cleaned, clean_report = clean_stage.clean(state.need_batch(), extract(state.settings))
    state.batch = cleaned
    state.issues.extend(clean_report.issues)
    state.done.add(Stage.CLEAN)
    return clean_report.clipped


def run_features(state: RunState) -> int:
    table = features.build_table(
        state.need_batch(), extract(state.settings), ["mean", "std", "peak"]
    )
    state.table = features.standardise(table)
    state.labels = labels_proxy(features.labels_for(state.table, 3))
    state.done.add(Stage.FEATURES)
    return state.table.width()


def run_fit(state: RunState) -> int:
    fitted, curve = model.train(state.need_table(), state.need_labels(), extract(state.settings))
    state.model = fitted
    state.done.add(Stage.FIT)
    return len(evaluate_stage.learning_curve(curve))


def run_evaluate(state: RunState) -> int:
    base = model.fit_mean(state.need_labels())
    evaluation = evaluate_stage.evaluate(
        state.need_model(), base, state.need_table(), state.need_labels()
    )
    state.evaluation = evaluation
    state.issues.extend(evaluation.issues)
    state.done.add(Stage.EVALUATE)
    return len(evaluation.scores)


def run_report(state: RunState) -> str:
    settings = extract(state.settings)
    sections = [report.batch_section(state.need_batch())]
    if state.table is not None:
        sections.append(report.table_section(state.table))
    if state.model is not None:
        sections.append(report.model_section(state.model))
    if state.evaluation is not None:
        sections.append(report.evaluation_section(state.evaluation))
        summary = report.summary(
            settings.info(), state.need_batch(), state.need_table(), state.evaluation, state.issues
        )
        sections.append(report.Section("Summary").add(report.summary_line(summary)))
    sections.append(report.issues_section(state.issues))
    sections.append(
        report.Section("Data").add(report.version_note(version_proxy(1, len(state.done))))
    )
    state.done.add(Stage.REPORT)
    return report.render(sections)


def tasks_for(state: RunState) -> list[scheduler.Task[object]]:
    return [
        scheduler.Task(Stage.INGEST, lambda: run_ingest(state)),
        scheduler.Task(Stage.CLEAN, lambda: run_clean(state), [Stage.INGEST]),
        scheduler.Task(Stage.FEATURES, lambda: run_features(state), [Stage.CLEAN]),
        scheduler.Task(Stage.FIT, lambda: run_fit(state), [Stage.FEATURES]),
        scheduler.Task(Stage.EVALUATE, lambda: run_evaluate(state), [Stage.FIT]),
        scheduler.Task(Stage.REPORT, lambda: run_report(state), [Stage.EVALUATE]),
    ]


def run(settings: Settings) -> tuple[str, RunState]:
    state = RunState(settings_proxy(settings))
    timeline, issues = scheduler.run_all(tasks_for(state))
    state.issues.extend(issues)
    text = run_report(state)
    slowest = timeline.slowest()
    if slowest is not None:
        text += f"\nslowest stage: {slowest.label} ({timeline.total():.3f} s in all)\n"
    return text, state


def stored_arrays() -> dict[str, FloatArray]:
    return {key: extract(ARRAYS.get(key)) for key in ("default/raw",) if key in BATCHES}


def main(argv: list[str]) -> int:
    settings = default_settings(argv[0] if argv else "default")
    if len(argv) > 1:
        settings = settings.with_mode(parse_mode(argv[1]))
    text, state = run(settings)
    print(text)
    for name, proxy in scheduler.HANDLERS.items():
        print(f"{name}: {scheduler.call_handler(proxy, extract(state.settings))}")
    print(scheduler.describe_outcome(scheduler.outcome_proxy(len(state.issues))))
    return 1 if report.errors_only(state.issues) else 0


if __name__ == "__main__":
    import sys

    raise SystemExit(main(sys.argv[1:]))
