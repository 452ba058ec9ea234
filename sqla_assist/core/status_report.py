"""The dashboard as text (bars and a sparkline), Markdown for pull requests, JSON, and HTML.

Every renderer is a pure function of the `Dashboard`, so reports are byte-stable: no "generated
at" stamps, no absolute paths.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from typing import Any

from sqla_assist.core.findings import Category
from sqla_assist.core.progress import Dashboard, HistoryPoint, Item

STATUS_JSON_VERSION = 1
_SPARKS = "▁▂▃▄▅▆▇█"


def bar(item: Item, width: int = 20, full: str = "█", empty: str = "░") -> str:
    filled = round(width * item.percent / 100)
    return full * filled + empty * (width - filled)


def sparkline(values: Sequence[int]) -> str:
    if not values:
        return ""
    top = max(values)
    if top == 0:
        return _SPARKS[0] * len(values)
    return "".join(_SPARKS[min(len(_SPARKS) - 1, round(v * (len(_SPARKS) - 1) / top))] for v in values)


def _items(d: Dashboard) -> list[Item]:
    """Items worth showing: the built-in ones that have work, and every project item."""
    builtin = {c.value for c in Category}
    return [i for i in d.items if i.total or i.id not in builtin]


def to_text(d: Dashboard) -> str:
    width = max([len(i.title) for i in d.items] + [7])
    lines = [
        f"{'overall':<{width}}  {bar(d.overall)} {d.overall.percent:5.1f}%  "
        f"{d.overall.done}/{d.overall.total} done, {d.overall.open} open",
        "",
    ]
    for i in _items(d):
        extra = f"  owner: {i.owner}" if i.owner else ""
        lines.append(f"{i.title:<{width}}  {bar(i)} {i.percent:5.1f}%  {i.done}/{i.total}{extra}")
        if i.modules:
            lines.append(" " * (width + 2) + "most open: " + ", ".join(f"{m} ({n})" for m, n in i.modules))
        if i.notes:
            lines.append(" " * (width + 2) + f"notes: {i.notes}")
    if d.modules:
        lines += ["", "modules with most open work:"]
        lines += [f"  {n:>5}  {m}" for m, n in d.modules]
    if d.owners:
        lines += ["", "owners (open / done):"]
        lines += [f"  {o:<30} {op:>5} / {dn}" for o, (op, dn) in d.owners.items()]
    lines += ["", "decisions: " + ", ".join(f"{k} {n}" for k, n in d.decisions.items())]
    lines.append(f"baseline: {d.baseline_size} entries, {len(d.new)} new findings, {len(d.stale)} stale")
    if d.history:
        opens = [p.open_total for p in d.history]
        lines += [
            "",
            f"burn-down (open findings over {len(opens)} state commits): {sparkline(opens)}  "
            f"{opens[0]} → {opens[-1]}",
        ]
    return "\n".join(lines) + "\n"


def _md_bar(item: Item) -> str:
    return bar(item, width=10, full="▰", empty="▱")


def to_markdown(d: Dashboard) -> str:
    o = d.overall
    lines = [
        "### SQLAlchemy 2.0 migration",
        "",
        f"**{o.percent:.0f}% done** — {o.done} of {o.total} legacy findings resolved, {o.open} open.",
        "",
        "| checklist item | progress | done | open | owner | most open work |",
        "|---|---|---:|---:|---|---|",
    ]
    for i in _items(d):
        mods = ", ".join(f"`{m}` ({n})" for m, n in i.modules)
        lines.append(f"| {_cell(i.title)} | {_md_bar(i)} {i.percent:.0f}% | {i.done} | {i.open} | {_cell(i.owner)} | {mods} |")
    if d.owners:
        lines += ["", "| owner | open | done |", "|---|---:|---:|"]
        lines += [f"| {_cell(k)} | {op} | {dn} |" for k, (op, dn) in d.owners.items()]
    lines += ["", "Decisions: " + ", ".join(f"{k} **{n}**" for k, n in d.decisions.items()) + "."]
    if d.history:
        opens = [p.open_total for p in d.history]
        lines += ["", f"Burn-down over {len(opens)} commits of the state file: `{sparkline(opens)}` ({opens[0]} → {opens[-1]} open)."]
    if d.new or d.stale:
        lines += ["", f"⚠ {len(d.new)} new finding(s) not in the baseline, {len(d.stale)} stale baseline entr(y/ies)."]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _item_json(i: Item) -> dict[str, Any]:
    return {
        "id": i.id,
        "title": i.title,
        "total": i.total,
        "done": i.done,
        "open": i.open,
        "percent": round(i.percent, 1),
        "owner": i.owner,
        "notes": i.notes,
        "modules": [{"module": m, "open": n} for m, n in i.modules],
    }


def to_json(d: Dashboard) -> str:
    doc = {
        "version": STATUS_JSON_VERSION,
        "overall": _item_json(d.overall),
        "checklist": [_item_json(i) for i in d.items],
        "modules": [{"module": m, "open": n} for m, n in d.modules],
        "owners": {k: {"open": op, "done": dn} for k, (op, dn) in d.owners.items()},
        "decisions": d.decisions,
        "baseline": {"size": d.baseline_size, "new": len(d.new), "stale": len(d.stale)},
        "history": [
            {"commit": p.commit, "date": p.date, "subject": p.subject, "open": p.open, "done": p.done, "open_total": p.open_total}
            for p in d.history
        ],
    }
    return json.dumps(doc, indent=2) + "\n"


# -- HTML -----------------------------------------------------------------------------------------
_COLOURS = {
    "select": "#4e79a7",
    "session": "#f28e2b",
    "models": "#e15759",
    "engine": "#76b7b2",
    "rows": "#59a14f",
    "core": "#edc948",
    "loading": "#b07aa1",
    "other": "#9c755f",
}


def burndown_svg(points: Sequence[HistoryPoint], width: int = 720, height: int = 240) -> str:
    """Open findings at each state commit: a total line plus one line per category."""
    pad_l, pad_r, pad_t, pad_b = 44, 170, 16, 28
    if not points:
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="60" role="img" '
            'aria-label="no history yet"><text x="8" y="32">No commits of the state file yet.</text></svg>'
        )
    top = max(max(p.open_total for p in points), 1)
    n = len(points)
    plot_w, plot_h = width - pad_l - pad_r, height - pad_t - pad_b

    def xy(i: int, v: int) -> str:
        x = pad_l + (plot_w * i / (n - 1) if n > 1 else plot_w / 2)
        y = pad_t + plot_h * (1 - v / top)
        return f"{x:.1f},{y:.1f}"

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="burn-down of open findings">',
        f'<line x1="{pad_l}" y1="{pad_t + plot_h}" x2="{pad_l + plot_w}" y2="{pad_t + plot_h}" stroke="#888"/>',
        f'<line x1="{pad_l}" y1="{pad_t}" x2="{pad_l}" y2="{pad_t + plot_h}" stroke="#888"/>',
        f'<text x="{pad_l - 6}" y="{pad_t + 4}" text-anchor="end" font-size="11">{top}</text>',
        f'<text x="{pad_l - 6}" y="{pad_t + plot_h + 4}" text-anchor="end" font-size="11">0</text>',
        f'<text x="{pad_l}" y="{height - 8}" font-size="11">{html.escape(points[0].date)}</text>',
        f'<text x="{pad_l + plot_w}" y="{height - 8}" text-anchor="end" font-size="11">{html.escape(points[-1].date)}</text>',
    ]
    cats = [c.value for c in Category if any(p.open.get(c.value) for p in points)]
    series: list[tuple[str, str, float, list[int]]] = [("total", "#222", 3, [p.open_total for p in points])]
    series += [(c, _COLOURS[c], 1.5, [p.open.get(c, 0) for p in points]) for c in cats]
    for row, (name, colour, stroke, values) in enumerate(series):
        pts = " ".join(xy(i, v) for i, v in enumerate(values))
        parts.append(
            f'<polyline class="series-{name}" data-values="{",".join(map(str, values))}" fill="none" '
            f'stroke="{colour}" stroke-width="{stroke}" points="{pts}"/>'
        )
        label = "total open" if name == "total" else Category(name).label
        ly = pad_t + 14 * row + 4
        parts.append(
            f'<text x="{pad_l + plot_w + 8}" y="{ly}" font-size="11" fill="{colour}">{html.escape(label)}</text>'
        )
    for i, p in enumerate(points):
        x, y = xy(i, p.open_total).split(",")
        parts.append(
            f'<circle cx="{x}" cy="{y}" r="3" fill="#222"><title>{html.escape(p.commit[:10])} '
            f'{html.escape(p.date)}: {p.open_total} open — {html.escape(p.subject)}</title></circle>'
        )
    parts.append("</svg>")
    return "\n".join(parts)


def to_html(d: Dashboard) -> str:
    esc = html.escape
    rows = []
    for i in _items(d):
        mods = ", ".join(f"{esc(m)} ({n})" for m, n in i.modules)
        rows.append(
            f"<tr><td>{esc(i.title)}</td><td><progress max=\"{max(i.total, 1)}\" value=\"{i.done}\"></progress> "
            f"{i.percent:.0f}%</td><td>{i.done}</td><td>{i.open}</td><td>{esc(i.owner)}</td><td>{mods}</td></tr>"
        )
    owners = "".join(f"<tr><td>{esc(k)}</td><td>{op}</td><td>{dn}</td></tr>" for k, (op, dn) in d.owners.items())
    decisions = ", ".join(f"{esc(k)} <b>{n}</b>" for k, n in d.decisions.items())
    o = d.overall
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>SQLAlchemy 2.0 migration status</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2rem; color: #222; }}
table {{ border-collapse: collapse; margin: 1rem 0; }}
td, th {{ border-bottom: 1px solid #ddd; padding: .3rem .6rem; text-align: left; }}
progress {{ width: 8rem; }}
</style>
</head>
<body>
<h1>SQLAlchemy 2.0 migration</h1>
<p><b>{o.percent:.0f}% done</b>: {o.done} of {o.total} legacy findings resolved, {o.open} open.</p>
<h2>Burn-down</h2>
<figure id="burndown">
{burndown_svg(d.history)}
</figure>
<h2>Checklist</h2>
<table>
<tr><th>item</th><th>progress</th><th>done</th><th>open</th><th>owner</th><th>most open work</th></tr>
{chr(10).join(rows)}
</table>
{"<h2>Owners</h2><table><tr><th>owner</th><th>open</th><th>done</th></tr>" + owners + "</table>" if owners else ""}
<p>Decisions: {decisions}.</p>
<p>Baseline: {d.baseline_size} entries; {len(d.new)} new findings; {len(d.stale)} stale entries.</p>
</body>
</html>
"""
