"""Report: the run's results rendered as text and as a summary mapping."""

from __future__ import annotations

from typing_extensions import TypedDict

from proxystore import Proxy, SimpleFactory, extract

from .clean import CleanReport
from .evaluate import Evaluation
from .model import LinearModel
from .records import Batch, FeatureTable, Issue, Score, Version
from .settings import RunInfo, Severity, Stage


class Summary(TypedDict):
    run: RunInfo
    rows: int
    features: int
    best: str
    issues: int


class Section:
    def __init__(self, title: str) -> None:
        self.title = title
        self.lines: list[str] = []

    def add(self, line: str) -> Section:
        self.lines.append(line)
        return self

    def render(self) -> str:
        underline = "-" * len(self.title)
        return "\n".join([self.title, underline, *self.lines, ""])


def batch_section(batch: Proxy[Batch]) -> Section:
    section = Section(f"Batch {batch.name}")
    section.add(
        f"{batch.rows} rows x {batch.columns} sensors, version {batch.version.major}.{batch.version.minor}"
    )
    for note in batch.notes:
        section.add(f"- {note}")
    return section


def clean_section(report: CleanReport) -> Section:
    section = Section("Cleaning").add(report.summary())
    for issue in report.issues:
        section.add(issue.render())
    return section


def table_section(table: Proxy[FeatureTable]) -> Section:
    section = Section(f"Features of {table.source}")
    section.add(f"{table.width()} features over {int(table.values.shape[0])} windows")
    for name in table.names[:5]:
        section.add(f"- {name}")
    return section


def model_section(model: Proxy[LinearModel]) -> Section:
    section = Section("Model").add(model.describe())
    for name, weight in model.top(3):
        section.add(f"- {name}: {weight:+.3f}")
    if model.history:
        section.add(f"refit errors: {', '.join(f'{value:.3f}' for value in model.history)}")
    return section


def score_line(score: Score) -> str:
    arrow = "up" if score.higher_is_better else "down"
    return f"{score.name:>10}: {score.value:10.4f} ({arrow})"


def evaluation_section(evaluation: Proxy[Evaluation]) -> Section:
    section = Section("Evaluation")
    for score in evaluation.scores:
        section.add(score_line(score))
    section.add(f"best: {evaluation.best().name}")
    for ranking in evaluation.rankings:
        section.add(f"- {ranking.name}")
    return section


def issues_section(issues: list[Issue]) -> Section:
    section = Section("Issues")
    for severity in sorted({issue.severity for issue in issues}, reverse=True):
        for issue in issues:
            if issue.severity is severity:
                section.add(issue.render())
    if not issues:
        section.add("none")
    return section


def stage_line(stage: Stage, done: set[Stage]) -> str:
    mark = "x" if stage in done else " "
    return f"[{mark}] {stage.label}"


def summary(
    run: RunInfo,
    batch: Proxy[Batch],
    table: Proxy[FeatureTable],
    evaluation: Proxy[Evaluation],
    issues: list[Issue],
) -> Proxy[Summary]:
    result = Summary(
        run=run,
        rows=batch.rows,
        features=table.width(),
        best=evaluation.best().name,
        issues=len(issues),
    )
    return Proxy(SimpleFactory(result))


def render(sections: list[Section]) -> str:
    return "\n".join(section.render() for section in sections)


def summary_line(summary: Proxy[Summary]) -> str:
    run = summary["run"]
    return f"{run['name']} ({run['mode']}): {summary['rows']} rows, {summary['features']} features, best {summary['best']}"


def errors_only(issues: list[Issue]) -> list[Issue]:
    return [issue for issue in issues if issue.severity >= Severity.ERROR]


def version_note(version: Proxy[Version]) -> str:
    current = extract(version)
    return f"data version {current.major}.{current.minor}"
