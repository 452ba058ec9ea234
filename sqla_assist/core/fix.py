"""Fixes: propose a rewrite of one file, show it as a diff, and apply it only if it is safe to.

libcst runs only here, on the one file being fixed. Each finding is mapped to the libcst node
with exactly its span (PositionProvider), and its rule's fixer rewrites that node; imports
the rewrites need are added afterwards with libcst's AddImportsVisitor, in the file's own
style. A rewrite that drops a comment or rests on a guess is unsafe: it is applied only when
the caller asks for unsafe fixes or names the finding explicitly.

`apply` writes through a temp file in the same folder, only when the bytes on disk are still
the ones that were scanned, keeps encoding/BOM/newlines/mode, and re-parses and re-analyses
the result, restoring the original if the fixed findings would come back.

A fix may need an edit in another module too (the reverse side of a backref): the fixer asks
`fx.other_file(module)` for that module's context and edits it there. Those edits travel as
companion proposals inside the file's proposal, and `apply` writes the group or nothing.
"""

from __future__ import annotations

import ast
import difflib
import io
import os
import re
import stat
import tempfile
import tokenize
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import libcst as cst
from libcst.codemod import CodemodContext
from libcst.codemod.visitors import AddImportsVisitor, ImportItem, RemoveImportsVisitor
from libcst.metadata import MetadataWrapper, PositionProvider

from sqla_assist.core import config_files
from sqla_assist.core.analyze import SourceError, analyze_source, decode_source
from sqla_assist.core.checkout import Checkout, blob_id
from sqla_assist.core.evidence import UNKNOWN, Fact, Inference, Scope, ScopeBuilder
from sqla_assist.core.findings import Evidence, Finding, FixSafety
from sqla_assist.core.fixer import CannotFix
from sqla_assist.core.gather import ProjectFacts
from sqla_assist.core.import_order import place_new_imports
from sqla_assist.core.imports import ImportMap, absolutize, canonical
from sqla_assist.core.scan import ScanResult

__all__ = ["ApplyError", "CannotFix", "FileProposal", "FixContext", "Hunk", "StaleError", "apply", "propose"]


class ApplyError(Exception):
    """message is shown to the user as is"""


class StaleError(ApplyError):
    """A file the fix reads or writes changed on disk since the scan: rescan, then propose again."""


@dataclass(frozen=True)
class Hunk:
    header: str  # "@@ -a,b +c,d @@"
    text: str  # the hunk's diff lines
    fingerprints: tuple[str, ...]  # findings this hunk resolves
    unsafe: bool  # any of them is an unsafe fix
    path: str = ""  # the file it changes: a companion's hunks resolve findings of another file


@dataclass(frozen=True)
class FileProposal:
    path: str  # repo-relative
    blob: str  # git blob id of the bytes that were scanned
    old_text: str
    new_text: str
    diff: str  # unified diff, git-style a/ b/ paths
    hunks: tuple[Hunk, ...]
    fixed: tuple[Finding, ...]
    not_fixed: tuple[tuple[Finding, str], ...]  # finding, reason shown as manual guidance
    # Other files the fixes here edit as well (the reverse side of a backref in another module):
    # each a proposal for that file whose hunks carry this file's fingerprints; `apply` writes
    # them together with this one or not at all.
    companions: tuple[FileProposal, ...] = ()


# -- what a fixer sees ---------------------------------------------------------------------
_SCOPE_NODES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)


class FixContext:
    """Names, evidence and import bookkeeping for the fixers of one file."""

    def __init__(self, text: str, module: str, is_package: bool, facts: ProjectFacts | None) -> None:
        self.text = text
        self.tree = ast.parse(text)
        self.imports = ImportMap.of(self.tree, "", False)
        self.module = module
        self.is_package = is_package
        self.facts = facts
        self.inference = Inference(self.imports)
        self._builder = ScopeBuilder(self.inference)
        self._module_scope = self._builder.enter(self.tree, "", None)
        self._scopes: dict[int, Scope] = {}
        self._bound = _bound_names(self.tree)
        self.finding: Finding | None = None
        self.reasons: list[str] = []
        self.pending: list[ImportItem] = []
        self._added: dict[str, str] = {}
        self.pending_removals: list[tuple[str, str]] = []
        self.removals: list[tuple[str, str]] = []
        # Imports a rewrite left unused (`Column` after SQ308): dropped in one pass after the
        # node rewrites and module edits, before new imports are merged in.
        self.pending_unused: list[tuple[str, str]] = []
        self.unused: list[tuple[str, str]] = []
        # Whole-module edits a fix needs beyond its own node (e.g. the reverse side of a
        # backref in another class), run after the node rewrites once the fix is accepted.
        self.pending_edits: list[Callable[[cst.Module], cst.Module]] = []
        self.module_edits: list[Callable[[cst.Module], cst.Module]] = []
        # Nodes a fixer returned that stand for "remove the enclosing decorator".
        self.dropped: list[cst.CSTNode] = []
        self.pending_drops: list[cst.CSTNode] = []
        # Other files a fix edits too, by repo path; `loader` (set by the engine) opens them.
        self.path = ""
        self.blob = ""
        self.loader: Callable[[str], FixContext] | None = None
        self.companions: dict[str, FixContext] = {}
        self.companion_imports: list[ImportItem] = []  # accepted imports, when this is a companion
        self.resolves: list[Finding] = []  # findings of the main file whose fixes edit this companion
        self.edit_owners: list[Finding | None] = []  # the finding each of `module_edits` is for

    # -- used by fixers ---------------------------------------------------------------------
    def unsafe(self, reason: str) -> None:
        """The current rewrite rests on a guess: apply it only when unsafe fixes are wanted."""
        self.reasons.append(reason)

    def code(self, node: cst.CSTNode) -> str:
        return cst.Module(body=[]).code_for_node(node)

    def to_ast(self, node: cst.BaseExpression) -> ast.expr | None:
        try:
            return ast.parse(f"(\n{self.code(node)}\n)", mode="eval").body
        except SyntaxError:
            return None

    def qualify(self, node: cst.BaseExpression) -> str | None:
        expr = self.to_ast(node)
        return self.imports.qualify(expr) if expr is not None else None

    def fact(self, node: cst.BaseExpression) -> Fact:
        """What `node` is, in the scope of the current finding, settled across files if possible."""
        expr = self.to_ast(node)
        return UNKNOWN if expr is None else self.ast_fact(expr)

    def ast_fact(self, expr: ast.expr) -> Fact:
        """`fact` for an `ast` node of `self.tree`: the shared detection checks ask in `ast`."""
        fact = self.inference.fact(expr, self._scope_at(self.finding.line if self.finding else 0))
        if fact.kind is None and fact.via and self.facts is not None:
            kind = self.facts.resolve(absolutize(fact.via, self.module, self.is_package))
            if kind is not None:
                return Fact(kind, Evidence.STRONG)
        return fact

    def name(self, module: str, obj: str) -> cst.BaseExpression:
        """An expression naming `module.obj` the way this file names SQLAlchemy things.

        A name already imported is reused; `import sqlalchemy as sa` gives `sa.obj`; otherwise
        `from module import obj` is added (unless `obj` already means something else here).
        """
        want = canonical(f"{module}.{obj}")
        for local, qual in sorted(self.imports.names.items()):
            if canonical(qual) == want and "." not in local:
                return cst.Name(local)
        for local, qual in sorted(self.imports.names.items(), key=lambda kv: len(kv[1]), reverse=True):
            if qual.startswith("sqlalchemy") and (module == qual or module.startswith(qual + ".")):
                rest = module[len(qual):].strip(".")
                dotted = ".".join(p for p in (local, rest, obj) if p)
                return cst.parse_expression(dotted)
        if obj in self._added:
            return cst.Name(obj)
        if obj in self._bound:
            raise CannotFix(f"`{obj}` already means something else in this file; import `{module}.{obj}` under another name first")
        self.pending.append(ImportItem(module, obj))
        return cst.Name(obj)

    def add_import(self, module: str, obj: str, asname: str | None = None) -> None:
        """Have `from module import obj [as asname]` added once the rewrite is accepted."""
        self.pending.append(ImportItem(module, obj, asname))

    def remove_import(self, module: str, obj: str) -> None:
        """Have `from module import obj` dropped once the rewrite is accepted, if nothing uses it.

        For names 2.x no longer has (`eagerload`, `subquery`): a leftover import is an ImportError.
        """
        self.pending_removals.append((module, obj))
    def drop_if_unused(self, module: str, obj: str) -> None:
        """Have `from module import obj` dropped once the rewrite is accepted, if the rewritten
        file no longer uses `obj` (before the fixes' own imports are added, so those merge into
        the import lines that remain)."""
        self.pending_unused.append((module, obj))

    def edit_module(self, edit: Callable[[cst.Module], cst.Module]) -> None:
        """Run `edit` on the whole rewritten module if the current fix is accepted."""
        self.pending_edits.append(edit)

    def other_file(self, module: str) -> FixContext:
        """The context of another scanned module, to read it and edit it along with this file.

        Its `edit_module` / `name` / `add_import` calls are kept only if the current fix is
        accepted; the engine turns them into a companion proposal written with this file.
        Raises CannotFix when the module is not scanned or cannot be read, and StaleError
        (out of `propose`) when it changed since the scan.
        """
        for other in self.companions.values():
            if other.module == module:
                return other
        if self.loader is None or module == self.module:
            raise CannotFix(f"`{module}` cannot be edited from this fix")
        other = self.loader(module)
        if self.finding is not None:
            other.begin(self.finding)
        self.companions[other.path] = other
        return other

    def drop_decorator(self, node: cst.CSTNode) -> cst.CSTNode:
        """Return `node` marked so that the decorator it is the expression of is removed."""
        self.pending_drops.append(node)
        return node

    # -- engine side --------------------------------------------------------------------------
    def begin(self, finding: Finding) -> None:
        self.finding = finding
        self.reasons = []
        self.pending = []
        self.pending_removals = []
        self.pending_unused = []
        self.pending_edits = []
        self.pending_drops = []
        for other in self.companions.values():
            other.begin(finding)

    def commit(self) -> list[ImportItem]:
        for item in self.pending:
            if item.obj_name:
                self._added[item.obj_name] = item.module_name
        out, self.pending = self.pending, []
        self.removals.extend(self.pending_removals)
        self.pending_removals = []
        self.unused.extend(self.pending_unused)
        self.pending_unused = []
        self.module_edits.extend(self.pending_edits)
        self.edit_owners.extend([self.finding] * len(self.pending_edits))
        self.dropped.extend(self.pending_drops)
        self.pending_edits, self.pending_drops = [], []
        for other in self.companions.values():
            if other.pending_edits and self.finding is not None:
                other.resolves.append(self.finding)
            other.companion_imports.extend(other.commit())
        return out

    def _scope_at(self, line: int) -> Scope:
        chain: list[ast.AST] = []
        node: ast.AST = self.tree
        while True:
            inner = next(
                (
                    child
                    for child in _body_nodes(node)
                    if isinstance(child, _SCOPE_NODES)
                    and child.lineno <= line <= (child.end_lineno or child.lineno)
                ),
                None,
            )
            if inner is None:
                break
            chain.append(inner)
            node = inner
        scope = self._module_scope
        for part in chain:
            key = id(part)
            if key not in self._scopes:
                self._scopes[key] = self._builder.enter(part, getattr(part, "name", "<lambda>"), scope)
            scope = self._scopes[key]
        return scope


def _body_nodes(node: ast.AST) -> list[ast.AST]:
    """Statements (and nested statements) directly inside `node`, not inside nested scopes."""
    out: list[ast.AST] = []
    stack = list(ast.iter_child_nodes(node))
    while stack:
        child = stack.pop()
        out.append(child)
        if not isinstance(child, _SCOPE_NODES):
            stack.extend(ast.iter_child_nodes(child))
    return out


def _bound_names(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.alias):
            names.add((node.asname or node.name).partition(".")[0])
        elif isinstance(node, ast.arg):
            names.add(node.arg)
    return names


class _Comments(cst.CSTVisitor):
    def __init__(self) -> None:
        self.found: Counter[str] = Counter()

    def visit_Comment(self, node: cst.Comment) -> None:
        self.found[node.value] += 1


def _comments(node: cst.CSTNode | None) -> Counter[str]:
    if node is None:
        return Counter()
    visitor = _Comments()
    node.visit(visitor)
    return visitor.found


Span = tuple[int, int, int, int]
_TARGETS: tuple[type[cst.CSTNode], ...] = (
    cst.Call, cst.ImportFrom, cst.Attribute, cst.Subscript, cst.Name, cst.Arg,
    # String literals: warning-filter strings naming removed classes (SQ803).
    cst.SimpleString,
    # `{**row}` (SQ504).
    cst.Dict,
    # `Base = declarative_base()` and annotated class attributes (typed models).
    cst.Assign, cst.AnnAssign,
    # `"key" in row` (SQ503), `a / b` (SQ624).
    cst.Comparison, cst.BinaryOperation,
    # `s.transaction is not None and s.transaction.nested` (SQ206).
    cst.BooleanOperation,
    # try/commit/except/rollback/finally/close boilerplate → `with ... begin()` (SQ211).
    cst.Try,
)


def _within(inner: Span, outer: Span) -> bool:
    return (outer[0], outer[1]) <= (inner[0], inner[1]) and (inner[2], inner[3]) <= (outer[2], outer[3])


class _Rewriter(cst.CSTTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(
        self,
        targets: dict[Span, list[Finding]],
        fx: FixContext,
        fixers: dict[str, Callable[..., Any]],
        allow_unsafe: Callable[[Finding], bool],
    ) -> None:
        super().__init__()
        self.targets = targets
        self.fx = fx
        self.fixers = fixers
        self.allow_unsafe = allow_unsafe
        self.fixed: list[Finding] = []
        self.unsafe_fixed: set[str] = set()
        self.not_fixed: list[tuple[Finding, str]] = []
        self.imports: list[ImportItem] = []
        self.with_imports: set[str] = set()
        # Findings whose fixer rewrites the statement around them (LazyFixer.statement).
        self.statement_targets: dict[Span, list[Finding]] = {}
        for span in [s for s, fs in targets.items() if any(_statement_fixer(fixers[f.rule]) for f in fs)]:
            mine = [f for f in targets[span] if _statement_fixer(fixers[f.rule])]
            rest = [f for f in targets[span] if f not in mine]
            self.statement_targets[span] = mine
            if rest:
                targets[span] = rest
            else:
                del targets[span]

    def on_leave(self, original_node: cst.CSTNode, updated_node: cst.CSTNode) -> Any:
        if isinstance(updated_node, cst.Decorator) and any(updated_node.decorator is d for d in self.fx.dropped):
            return cst.RemovalSentinel.REMOVE
        if isinstance(original_node, cst.SimpleStatementLine):
            if self.statement_targets:
                updated_node = self._leave_statement(original_node, updated_node)
            if isinstance(updated_node, cst.SimpleStatementLine):
                return _lift_compound(updated_node)
            return updated_node
        if (
            isinstance(original_node, cst.SimpleStatementSuite)
            and isinstance(updated_node, cst.SimpleStatementSuite)
            and self.statement_targets
        ):
            return self._leave_suite(original_node, updated_node)
        if isinstance(original_node, cst.Call) and isinstance(updated_node, cst.Call):
            updated_node = _keep_last_comma(original_node, updated_node)
        if not isinstance(original_node, _TARGETS):
            return updated_node
        pos = self.get_metadata(PositionProvider, original_node, None)
        if pos is None:
            return updated_node
        key = (pos.start.line, pos.start.column + 1, pos.end.line, pos.end.column + 1)
        findings = self.targets.pop(key, None)
        if not findings:
            return updated_node
        return self._run(findings, updated_node)

    def _leave_statement(self, original_node: cst.SimpleStatementLine, updated_node: cst.CSTNode) -> Any:
        pos = self.get_metadata(PositionProvider, original_node, None)
        if pos is None:
            return updated_node
        here = (pos.start.line, pos.start.column + 1, pos.end.line, pos.end.column + 1)
        findings: list[Finding] = []
        for span in [s for s in self.statement_targets if _within(s, here)]:
            findings.extend(self.statement_targets.pop(span))
        if not findings:
            return updated_node
        return self._run(findings, updated_node)

    def _leave_suite(self, original_node: cst.SimpleStatementSuite, updated_node: cst.SimpleStatementSuite) -> Any:
        """`if flag: engine.execute(...)`: a statement fix needs a line of its own, so a one-line
        body holding a target becomes an indented block (only then; other suites stay as they are)."""
        wanted = []
        for small in original_node.body:
            pos = self.get_metadata(PositionProvider, small, None)
            if pos is None:
                return updated_node
            here = (pos.start.line, pos.start.column + 1, pos.end.line, pos.end.column + 1)
            wanted.append([s for s in self.statement_targets if _within(s, here)])
        if not any(wanted) or len(updated_node.body) != len(original_node.body):
            return updated_node
        lines: list[cst.BaseStatement] = []
        for small, spans in zip(updated_node.body, wanted, strict=True):
            line: Any = cst.SimpleStatementLine(body=[small.with_changes(semicolon=cst.MaybeSentinel.DEFAULT)])
            findings = [f for span in spans for f in self.statement_targets.pop(span)]
            if findings:
                line = self._run(findings, line)
            lines.append(_lift_compound(line) if isinstance(line, cst.SimpleStatementLine) else line)
        return cst.IndentedBlock(header=updated_node.trailing_whitespace, body=lines)

    def leftovers(self) -> list[Finding]:
        return [f for fs in (*self.targets.values(), *self.statement_targets.values()) for f in fs]

    def _run(self, findings: list[Finding], updated_node: cst.CSTNode) -> Any:
        current: Any = updated_node
        findings.sort(key=lambda f: (getattr(self.fixers[f.rule], "order", 0), f.rule))
        for finding in findings:
            self.fx.begin(finding)
            try:
                new = self.fixers[finding.rule](current, self.fx)
            except CannotFix as exc:
                self.not_fixed.append((finding, str(exc)))
                continue
            kept = _comments(new if isinstance(new, cst.CSTNode) else None)
            if _comments(current) - kept:
                self.fx.unsafe("the rewrite would drop a comment")
            guessed = bool(self.fx.reasons) or finding.fix is FixSafety.UNSAFE
            if guessed and not self.allow_unsafe(finding):
                why = "; ".join(self.fx.reasons) or _unsafe_reason(finding)
                self.not_fixed.append(
                    (finding, f"unsafe fix not applied ({why}); review it and accept it explicitly or use --unsafe")
                )
                continue
            items = self.fx.commit()
            if items:
                self.with_imports.add(finding.fingerprint)
            self.imports.extend(items)
            if guessed:
                self.unsafe_fixed.add(finding.fingerprint)
            self.fixed.append(finding)
            current = new
        return current


def _keep_last_comma(original: cst.Call, updated: cst.Call) -> cst.Call:
    """After an argument was removed, the new last one keeps the old last one's comma style."""
    if not updated.args or len(updated.args) >= len(original.args):
        return updated
    last = updated.args[-1].with_changes(comma=original.args[-1].comma)
    return updated.with_changes(args=[*updated.args[:-1], last])


def _statement_fixer(fixer: Callable[..., Any]) -> bool:
    return bool(getattr(fixer, "statement", False))


def _lift_compound(line: cst.SimpleStatementLine) -> cst.BaseStatement:
    """A statement a fixer turned into a compound one (`Base = ...` → `class Base`) replaces its line."""
    if len(line.body) != 1 or not isinstance(line.body[0], cst.BaseCompoundStatement):
        return line
    compound: Any = line.body[0]
    compound = compound.with_changes(leading_lines=[*line.leading_lines, *compound.leading_lines])
    comment = line.trailing_whitespace.comment
    body = getattr(compound, "body", None)
    if comment is not None and isinstance(body, cst.IndentedBlock) and body.header.comment is None:
        compound = compound.with_changes(
            body=body.with_changes(header=body.header.with_changes(whitespace=cst.SimpleWhitespace("  "), comment=comment))
        )
    return compound  # type: ignore[no-any-return]


# -- propose ---------------------------------------------------------------------------------
def _rule_fixers() -> dict[str, Callable[..., Any]]:
    from sqla_assist.rules import all_rules

    return {r.id: r.fixer for r in all_rules() if r.fixer is not None}


def _unsafe_reason(finding: Finding) -> str:
    if finding.evidence is Evidence.WEAK:
        return "the receiver's type is only guessed (from its name or another module)"
    from sqla_assist.rules import get_rule

    rule = get_rule(finding.rule)
    return " ".join(rule.fix_safety.split()) if rule is not None else "the rule marks this fix unsafe"


def _manual_reason(finding: Finding) -> str:
    from sqla_assist.rules import get_rule

    rule = get_rule(finding.rule)
    advice = " ".join(rule.use_instead.split()) if rule is not None else ""
    return f"{finding.message}. {advice}".strip()


def propose(
    checkout: Checkout,
    result: ScanResult,
    path: str,
    *,
    rules: Collection[str] | None = None,
    fingerprints: Collection[str] | None = None,
    unsafe: bool = False,
    read: Callable[[str], bytes] | None = None,
) -> FileProposal | None:
    """The rewrite of `path` that fixes the selected findings, or None if nothing applies.

    `rules` (ids or prefixes) and `fingerprints` narrow the findings. Unsafe fixes are made
    only with `unsafe=True` or when their fingerprint is listed explicitly. Raises ApplyError
    when the file's bytes are no longer the scanned ones (or cannot be read or decoded), and
    StaleError when that is true of another file a fix here would edit too. `read` replaces
    reading a file from disk (`fix --diff` proposes against files as earlier fixes left them).
    """
    res = result.files.get(path)
    if res is None or res.error or not res.findings:
        return None
    wanted_rules = tuple(r.upper() for r in rules) if rules else None
    chosen = set(fingerprints) if fingerprints is not None else None
    findings = [
        f
        for f in res.findings
        if (wanted_rules is None or f.rule.startswith(wanted_rules))
        and (chosen is None or f.fingerprint in chosen)
    ]
    if not findings:
        return None
    data = read(path) if read is not None else _read(checkout, path)
    if blob_id(data) != res.blob:
        raise StaleError(f"{path}: changed on disk since scan, rescan")
    try:
        text = decode_source(data)
    except SourceError as exc:
        raise ApplyError(f"{path}: {exc}") from None
    if config_files.is_config_file(path):
        return _propose_config(path, res.blob, text, findings)

    fixers = _rule_fixers()
    not_fixed: list[tuple[Finding, str]] = []
    targets: dict[Span, list[Finding]] = {}
    for f in findings:
        if f.rule not in fixers or f.fix is FixSafety.MANUAL:
            not_fixed.append((f, _manual_reason(f)))
        else:
            targets.setdefault((f.line, f.column, f.end_line, f.end_column), []).append(f)
    fixed: list[Finding] = []
    unsafe_fixed: set[str] = set()
    with_imports: set[str] = set()
    companions: tuple[FileProposal, ...] = ()
    new_text = text
    if targets:
        facts = ProjectFacts(modules={})
        for other in result.all_files.values():
            facts.add(other.module, other.exports, PurePosixPath(other.path).name == "__init__.py")
        fx = FixContext(text, res.module, PurePosixPath(path).name == "__init__.py", facts)
        fx.path, fx.blob = path, res.blob
        fx.loader = _companion_loader(checkout, result, facts, read)

        def allow(f: Finding) -> bool:
            return unsafe or (chosen is not None and f.fingerprint in chosen)

        rewriter = _Rewriter(targets, fx, fixers, allow)
        module = MetadataWrapper(cst.parse_module(text)).visit(rewriter)
        for f in rewriter.leftovers():
            rewriter.not_fixed.append((f, "the code at this place could not be matched for a rewrite"))
        for edit in fx.module_edits:
            module = edit(module)
        if fx.unused:
            unused = [(mod, obj, None) for mod, obj in dict.fromkeys(fx.unused)]
            module = RemoveImportsVisitor(CodemodContext(), unused).transform_module(module)
        if rewriter.imports:
            context = CodemodContext()
            added = AddImportsVisitor(context, rewriter.imports).transform_module(module)
            module = place_new_imports(module, added, res.module.partition(".")[0])
        if fx.removals:
            removals = [(mod, obj, None) for mod, obj in dict.fromkeys(fx.removals)]
            module = RemoveImportsVisitor(CodemodContext(), removals).transform_module(module)
        candidate = module.code
        try:
            ast.parse(candidate)
        except SyntaxError as exc:  # a fixer bug: never propose code that does not parse
            for f in rewriter.fixed:
                rewriter.not_fixed.append((f, f"internal error: the rewrite did not parse ({exc.msg})"))
            rewriter.fixed = []
            candidate = text
        try:
            companions = _companion_proposals(fx, rewriter.unsafe_fixed) if candidate != text else ()
        except SyntaxError as exc:  # a fixer bug in the other file: the pair is not proposed
            for f in rewriter.fixed:
                rewriter.not_fixed.append((f, f"internal error: the rewrite of another file did not parse ({exc.msg})"))
            rewriter.fixed, candidate, companions = [], text, ()
        fixed, unsafe_fixed, with_imports = rewriter.fixed, rewriter.unsafe_fixed, rewriter.with_imports
        not_fixed.extend(rewriter.not_fixed)
        new_text = candidate
    if not fixed and not not_fixed:
        return None
    diff, hunks = _diff(path, text, new_text, fixed, unsafe_fixed, with_imports)
    return FileProposal(
        path=path,
        blob=res.blob,
        old_text=text,
        new_text=new_text,
        diff=diff,
        hunks=hunks,
        fixed=tuple(fixed),
        not_fixed=tuple(sorted(not_fixed, key=lambda p: (p[0].line, p[0].column, p[0].rule))),
        companions=companions if fixed else (),
    )


def _propose_config(path: str, blob: str, text: str, findings: list[Finding]) -> FileProposal | None:
    """A configuration file's fixes: the line edits its rules attach to their findings."""
    from sqla_assist.rules import all_rules

    new_text, fixed, not_fixed = config_files.fix_text(path, text, findings, all_rules())
    not_fixed = [(f, why or _manual_reason(f)) for f, why in not_fixed]
    if not fixed and not not_fixed:
        return None
    diff, hunks = _diff(path, text, new_text, fixed, set(), set())
    return FileProposal(
        path, blob, text, new_text, diff, hunks, tuple(fixed),
        tuple(sorted(not_fixed, key=lambda p: (p[0].line, p[0].column, p[0].rule))),
    )


def _companion_loader(
    checkout: Checkout, result: ScanResult, facts: ProjectFacts, read: Callable[[str], bytes] | None = None
) -> Callable[[str], FixContext]:
    """Open another scanned module for a cross-file fix, only as the bytes that were scanned."""
    by_module = {r.module: r for r in result.all_files.values() if r.module}

    def load(module: str) -> FixContext:
        other = by_module.get(module)
        if other is None or other.error:
            raise CannotFix(f"`{module}` is not among the scanned files")
        try:
            data = read(other.path) if read is not None else _read(checkout, other.path)
            if blob_id(data) != other.blob:
                raise StaleError(f"{other.path}: changed on disk since scan, rescan")
            text = decode_source(data)
            ctx = FixContext(text, other.module, PurePosixPath(other.path).name == "__init__.py", facts)
        except StaleError:
            raise
        except (ApplyError, SourceError, SyntaxError) as exc:
            raise CannotFix(f"{other.path} cannot be edited: {exc}") from None
        ctx.path, ctx.blob = other.path, other.blob
        return ctx

    return load


def _companion_proposals(fx: FixContext, unsafe_fixed: set[str]) -> tuple[FileProposal, ...]:
    """The accepted edits to other files, one proposal each (raises SyntaxError on a fixer bug)."""
    out: list[FileProposal] = []
    for path, other in sorted(fx.companions.items()):
        if not other.module_edits:
            continue
        module = cst.parse_module(other.text)
        for edit in other.module_edits:
            module = edit(module)
        if other.companion_imports:
            added = AddImportsVisitor(CodemodContext(), other.companion_imports).transform_module(module)
            module = place_new_imports(module, added, other.module.partition(".")[0])
        new_text = module.code
        ast.parse(new_text)
        resolves = tuple(dict.fromkeys(other.resolves))
        diff, hunks = _diff(path, other.text, new_text, resolves, unsafe_fixed, set())
        changes = _changes_by_finding(other, resolves)
        out.append(
            FileProposal(
                path, other.blob, other.text, new_text, diff,
                tuple(_companion_hunk(h, changes, unsafe_fixed, path) for h in hunks), (), (),
            )
        )
    return tuple(out)


def _changes_by_finding(other: FixContext, resolves: Sequence[Finding]) -> dict[str, set[str]]:
    """For each finding, the diff lines its own edits make in the companion (imports aside)."""
    out: dict[str, set[str]] = {}
    for finding in resolves:
        module = cst.parse_module(other.text)
        for edit, owner in zip(other.module_edits, other.edit_owners, strict=True):
            if owner is finding:
                module = edit(module)
        lines = difflib.unified_diff(_lines(other.text), _lines(module.code), n=0)
        out[finding.fingerprint] = {line for line in lines if _changed(line) and line[:3] not in ("+++", "---")}
    return out


def _changed(line: str) -> bool:
    """An added or removed diff line with content (blank lines say nothing about who made them)."""
    return line[:1] in "+-" and bool(line[1:].strip())


def _companion_hunk(hunk: Hunk, changes: dict[str, set[str]], unsafe_fixed: set[str], path: str) -> Hunk:
    """A companion's hunk resolves the findings whose edits it shows (line numbers there are the main file's)."""
    shown = {line for line in hunk.text.splitlines(keepends=True) if _changed(line)}
    fps = tuple(fp for fp, made in changes.items() if made & shown) or tuple(changes)
    return Hunk(hunk.header, hunk.text, fps, any(fp in unsafe_fixed for fp in fps), path)


_HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")


def _diff(
    path: str,
    old: str,
    new: str,
    fixed: Sequence[Finding],
    unsafe_fixed: set[str],
    with_imports: set[str],
) -> tuple[str, tuple[Hunk, ...]]:
    if old == new:
        return "", ()
    old_lines = _lines(old)
    new_lines = _lines(new)
    text = "".join(difflib.unified_diff(old_lines, new_lines, f"a/{path}", f"b/{path}", n=3))
    # Hunks for review are cut finer than the printed diff (one line of context), so fixes a
    # few lines apart stay separate: each can be accepted or skipped on its own.
    body = list(difflib.unified_diff(old_lines, new_lines, f"a/{path}", f"b/{path}", n=1))
    hunks: list[Hunk] = []
    current: list[str] = []
    header = ""
    for line in body[2:]:
        if line.startswith("@@"):
            if header:
                hunks.append(_hunk(header, current, fixed, unsafe_fixed, with_imports, path))
            header, current = line.rstrip("\n"), []
        else:
            current.append(line)
    if header:
        hunks.append(_hunk(header, current, fixed, unsafe_fixed, with_imports, path))
    return text, tuple(hunks)


def _lines(text: str) -> list[str]:
    lines = [line.rstrip("\r\n") + "\n" for line in text.splitlines(keepends=True)]
    if text and not text.endswith(("\n", "\r")):
        lines[-1] = lines[-1][:-1] + "\n\\ No newline at end of file\n"
    return lines


def _hunk(
    header: str,
    lines: list[str],
    fixed: Sequence[Finding],
    unsafe_fixed: set[str],
    with_imports: set[str],
    path: str = "",
) -> Hunk:
    m = _HUNK.match(header)
    start, count = (int(m.group(1)), int(m.group(2) or 1)) if m else (0, 0)
    # Lines of the old file this hunk actually changes.
    changed: set[int] = set()
    line_no = start
    for line in lines:
        if line.startswith("-"):
            changed.add(line_no)
            line_no += 1
        elif line.startswith(" "):
            line_no += 1
        elif line.startswith("+"):
            changed.add(line_no)
    lo, hi = (min(changed), max(changed)) if changed else (start, start + count)
    mine = [f for f in fixed if f.line <= hi and f.end_line >= lo]
    if not mine:  # import housekeeping: belongs to the fixes that needed it
        mine = [f for f in fixed if f.fingerprint in with_imports] or list(fixed)
    fps = tuple(dict.fromkeys(f.fingerprint for f in mine))
    return Hunk(header, "".join(lines), fps, any(fp in unsafe_fixed for fp in fps), path)


# -- apply -----------------------------------------------------------------------------------
def _target(checkout: Checkout, path: str) -> Path:
    """The file to write: inside the checkout, not a symlink, not through one."""
    pure = PurePosixPath(path)
    if pure.is_absolute() or ".." in pure.parts or not pure.parts:
        raise ApplyError(f"{path}: outside the checkout, not written")
    root = Path(os.path.realpath(checkout.root))
    full = checkout.root / Path(*pure.parts)
    if full.is_symlink():
        raise ApplyError(f"{path}: is a symlink, not written")
    if Path(os.path.realpath(full)) != root / Path(*pure.parts):
        raise ApplyError(f"{path}: reached through a symlink or outside the checkout, not written")
    return full


def _read(checkout: Checkout, path: str) -> bytes:
    full = _target(checkout, path)
    try:
        return full.read_bytes()
    except OSError as exc:
        raise ApplyError(f"{path}: cannot read: {exc.strerror}") from None


def _encoding(data: bytes) -> str:
    try:
        return tokenize.detect_encoding(io.BytesIO(data).readline)[0]
    except SyntaxError:
        return "utf-8"


def _write(full: Path, data: bytes, mode: int) -> None:
    fd, tmp = tempfile.mkstemp(dir=full.parent, prefix=f".{full.name}.", suffix=".sqla-assist")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, mode)
        os.replace(tmp, full)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def apply(checkout: Checkout, proposal: FileProposal) -> None:
    """Write the proposal (and its companions) if unchanged since the scan; verify, else restore.

    A proposal with companions is one change: every file is checked before any is written, and
    if a write or a verification fails, the files already written get their old bytes back.
    """
    group = [p for p in (proposal, *proposal.companions) if p.new_text != p.old_text]
    writes = [_prepare(checkout, p) for p in group]
    done: list[_Write] = []
    problem = ""
    for w in writes:
        try:
            _write(w.full, w.new, w.mode)
        except OSError as exc:
            problem = f"{w.path}: cannot write: {exc.strerror}"
            break
        done.append(w)
    else:
        for w in writes:
            why = _verify(w.old, w.new, w.proposal)
            if why:
                problem = f"{w.path}: {why}"
                break
    if not problem:
        return
    failed = []
    for w in done:
        try:
            _write(w.full, w.old, w.mode)
        except OSError as exc:  # pragma: no cover - the disk went away between two writes
            failed.append(f"{w.path} ({exc.strerror})")
    if failed:
        raise ApplyError(f"{problem}; restoring the original failed: {', '.join(failed)}")
    if not done:
        raise ApplyError(f"{problem}" + (", not written" if len(writes) > 1 else ""))
    raise ApplyError(f"{problem}; the original{'s were' if len(done) > 1 else ' was'} restored")


@dataclass(frozen=True)
class _Write:
    path: str
    full: Path
    old: bytes
    new: bytes
    mode: int
    proposal: FileProposal


def _prepare(checkout: Checkout, proposal: FileProposal) -> _Write:
    """Check one file of a change before anything is written: same bytes as scanned, encodable."""
    path = proposal.path
    full = _target(checkout, path)
    data = _read(checkout, path)
    if blob_id(data) != proposal.blob:
        raise StaleError(f"{path}: changed on disk since scan, rescan")
    encoding = _encoding(data)
    try:
        new_data = proposal.new_text.encode(encoding)
    except UnicodeEncodeError:
        raise ApplyError(f"{path}: the fix needs characters that {encoding} cannot hold, not written") from None
    try:
        mode = stat.S_IMODE(full.stat().st_mode)
    except OSError as exc:
        raise ApplyError(f"{path}: cannot write: {exc.strerror}") from None
    return _Write(path, full, data, new_data, mode, proposal)


def _verify(old: bytes, new: bytes, proposal: FileProposal) -> str:
    """Empty if the written bytes parse and no longer show the fixed findings."""
    from sqla_assist.rules import all_rules

    if config_files.is_config_file(proposal.path):
        return config_files.verify(proposal.path, old, new, proposal.fixed, all_rules())
    try:
        ast.parse(decode_source(new))
    except (SyntaxError, SourceError) as exc:
        return f"the fixed file does not parse ({exc})"
    before = analyze_source(old, all_rules())
    after = analyze_source(new, all_rules())
    if after.error:
        return f"the fixed file cannot be analysed ({after.error})"
    was = Counter((r.rule, r.scope, r.key) for r in before.findings)
    now = Counter((r.rule, r.scope, r.key) for r in after.findings)
    gone = Counter((f.rule, f.scope, _key_of(f, before.findings)) for f in proposal.fixed)
    for ident, count in gone.items():
        if now[ident] > was[ident] - count:
            return f"a rescan still shows {ident[0]} at a fixed place"
    return ""


def _key_of(finding: Finding, raws: Sequence[Any]) -> str:
    for raw in raws:
        if raw.rule == finding.rule and raw.line == finding.line and raw.column == finding.column:
            return str(raw.key)
    return ""
