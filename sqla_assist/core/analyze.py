"""Analysis of one file's bytes: decode, parse with stdlib `ast`, run the rules.

Pure function of (bytes, module name, rules) so results can be cached by blob id and run
in a worker process. Bad input (binary, undecodable, syntax error, pathological nesting)
becomes a per-file error, never an exception.
"""

from __future__ import annotations

import ast
import bisect
import functools
import io
import re
import sys
import tokenize
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqla_assist.core.evidence import Fact, Inference, Scope, ScopeBuilder, enumerated, sub_blocks
from sqla_assist.core.findings import Evidence, FixSafety, RawFinding
from sqla_assist.core.imports import ImportMap
from sqla_assist.core.rule import Rule
from sqla_assist.core.session_wrappers import AUTOCOMMIT_EXPORT, module_wrappers

_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)
_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)


class SourceError(Exception):
    """The bytes cannot be analysed; the message is shown to the user as is."""


@dataclass
class FileAnalysis:
    findings: list[RawFinding] = field(default_factory=list)
    exports: dict[str, tuple[str, str]] = field(default_factory=dict)
    error: str | None = None


def decode_source(data: bytes) -> str:
    """Decode like the interpreter would: BOM, then PEP 263 cookie, else UTF-8."""
    if b"\0" in data:
        raise SourceError("binary file (contains NUL bytes)")
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as exc:
        if "invalid or missing encoding" in str(exc.msg):
            raise SourceError("cannot decode as utf-8 and no PEP 263 coding cookie says otherwise") from None
        raise SourceError(f"bad coding cookie: {exc.msg}") from None
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        reason = exc.reason if isinstance(exc, UnicodeDecodeError) else str(exc)
        raise SourceError(f"cannot decode as {encoding}: {reason}") from None


class FileContext:
    """What a rule sees while checking a node: names, evidence, scope, and `report`."""

    def __init__(self, text: str, tree: ast.Module, imports: ImportMap, data: bytes | None = None) -> None:
        self.text = text
        # The bytes as read (token gates search these); ASCII tokens find the same lines.
        self.data = data if data is not None else text.encode("utf-8", "surrogatepass")
        self.tree = tree
        self.imports = imports
        self.inference = Inference(imports)
        self.inference.source = self.data
        self.scopes = ScopeBuilder(self.inference)
        self.scope: Scope = self.scopes.enter(tree, "", None)
        self.module_scope = self.scope
        self.findings: list[RawFinding] = []
        # Per-file memo for rules' derived indexes (keyed by the rule's own tuple keys).
        self.memo: dict[tuple[object, ...], object] = {}
        self._lines: list[str] | None = None
        self._rule_id = ""
        # Module-level facts a rule adds for the gathering pass (keys that are not Python names).
        self.extra_exports: dict[str, tuple[str, str]] = {}

    # -- name resolution ----------------------------------------------------------------
    def qualify(self, expr: ast.expr) -> str | None:
        """Canonical qualified name of a name/attribute chain (`sa.select` → `sqlalchemy.select`)."""
        if isinstance(expr, ast.Name) and self.shadowed(expr.id):
            return None
        return self.imports.qualify(expr)

    def shadowed(self, name: str) -> bool:
        """Is `name` bound locally in an enclosing function scope (hiding an import)?

        Any local binding counts — a parameter `def f(select): select(...)`, an assignment,
        a loop target — not only the ones evidence knows a kind for.
        """
        if name not in self.imports.names and not self.imports.star_modules:
            return False
        scope: Scope | None = self.scope
        while scope is not None and scope.parent is not None:
            if not isinstance(scope.node, ast.ClassDef) or scope is self.scope:
                key = ("locals", id(scope.node))
                names = self.memo.get(key)
                if names is None:
                    names = self.memo[key] = local_names(scope.node)
                assert isinstance(names, frozenset)
                if name in names:
                    return True
            scope = scope.parent
        return False

    def is_sa(self, expr: ast.expr, *names: str) -> bool:
        """Is `expr` one of these canonical SQLAlchemy names? Cheap rejection first."""
        if isinstance(expr, ast.Attribute):
            if not any(n.endswith("." + expr.attr) for n in names):
                return False
        elif isinstance(expr, ast.Name):
            if expr.id not in self.imports.names and not self.imports.star_modules:
                return False
        else:
            return False
        qual = self.imports.qualify(expr)
        if qual is None or qual not in names:
            return False
        return not (isinstance(expr, ast.Name) and self.shadowed(expr.id))

    # -- evidence -------------------------------------------------------------------------
    def fact(self, expr: ast.expr) -> Fact:
        """Several rules ask about the same receiver or call chain: each answer is kept."""
        key = ("fact", id(expr), id(self.scope))
        found = self.memo.get(key)
        if found is None:
            # The scope is kept with the answer so its id cannot be reused by a later scope.
            found = self.memo[key] = (self.scope, self.inference.fact(expr, self.scope))
        assert isinstance(found, tuple) and isinstance(found[1], Fact)
        return found[1]

    # -- reporting ------------------------------------------------------------------------
    def report(
        self,
        rule: Rule,
        node: ast.AST,
        message: str,
        *,
        fix: FixSafety = FixSafety.MANUAL,
        evidence: Evidence = Evidence.STRONG,
        via: str = "",
        key_node: ast.AST | None = None,
    ) -> None:
        if fix is not FixSafety.MANUAL and rule.fixer is None:
            # Nothing can apply it yet: present the finding as guidance.
            fix = FixSafety.MANUAL
        line = getattr(node, "lineno", 1)
        end_line = getattr(node, "end_lineno", None) or line
        col = self._char_col(line, getattr(node, "col_offset", 0))
        end_col = self._char_col(end_line, getattr(node, "end_col_offset", None) or 0)
        if (
            fix is FixSafety.SAFE
            and not getattr(rule.fixer, "keeps_comments", False)
            and (
                (end_line > line and self.comment_within(line, col, end_line, end_col))
                # `autocommit=False,  # note`: libcst's argument owns its comma and that comment.
                or (isinstance(node, ast.keyword) and self.trailing_comment(node))
            )
        ):
            # The fix engine refuses to drop a comment without asking (core/fix.py): say so now.
            fix = FixSafety.UNSAFE
            message = f"{message}; {COMMENT_DROPPED}"
        self.findings.append(
            RawFinding(
                rule=rule.id,
                line=line,
                column=col + 1,
                end_line=end_line,
                end_column=end_col + 1,
                message=message,
                fix=fix,
                evidence=evidence,
                scope=self.scope.qualname,
                key=normalised_text(key_node or node),
                via=via,
            )
        )

    def comment_within(self, line: int, col: int, end_line: int, end_col: int) -> bool:
        """Does a comment start between (line, col) and (end_line, end_col)? (1-based lines,
        0-based character columns.) Only the span's own text is tokenized, and only if it
        holds a `#`: most spans hold none, and a file's tokens are not otherwise needed."""
        lines = self._source_lines()
        if not 0 < line <= end_line <= len(lines):
            return False
        if line == end_line:
            segment = lines[line - 1][col:end_col]
        else:
            segment = lines[line - 1][col:] + "".join(lines[line:end_line - 1]) + lines[end_line - 1][:end_col]
        if "#" not in segment:
            return False
        try:
            # The span is a whole node: in brackets its text tokenizes on its own.
            tokens = tokenize.generate_tokens(io.StringIO(f"({segment}\n)").readline)
            return any(tok.type == tokenize.COMMENT for tok in tokens)
        except (tokenize.TokenError, SyntaxError):
            return True  # cannot tell: assume the worst

    def trailing_comment(self, node: ast.AST, through: str = ",") -> bool:
        """Does a comment follow `node` on its last line, with only `through` characters and
        blanks between? (`x=1,  # why`: a fix removing the argument removes the comment.)"""
        lines = self._source_lines()
        end = getattr(node, "end_lineno", None) or 0
        if not 0 < end <= len(lines):
            return False
        rest = lines[end - 1][self._char_col(end, getattr(node, "end_col_offset", None) or 0):]
        return rest.lstrip(through + " \t\f").startswith("#")

    def _source_lines(self) -> list[str]:
        """The text's lines as the parser counts them (\\r\\n, \\r and \\n end a line), ends kept."""
        key = ("source-lines",)
        lines = self.memo.get(key)
        if lines is None:
            lines = self.memo[key] = io.StringIO(self.text, newline="").readlines()
        assert isinstance(lines, list)
        return lines

    def _char_col(self, line: int, byte_col: int) -> int:
        if self._lines is None:
            self._lines = self.text.splitlines()
        if not 0 < line <= len(self._lines):
            return byte_col
        text = self._lines[line - 1]
        if text.isascii():
            return byte_col
        return len(text.encode("utf-8")[:byte_col].decode("utf-8", errors="replace"))

    def walk(self, node: ast.AST) -> list[ast.AST]:
        """`ast.walk(node)` as a list (same breadth-first order, minus `ctx` markers), computed
        once per node per file: rules share the walks, and this loop is several times cheaper
        than `ast.walk`'s generators."""
        key = ("walk", id(node))
        nodes = self.memo.get(key)
        if nodes is None:
            nodes = self.memo[key] = _breadth_first(node)
        assert isinstance(nodes, list)
        return nodes

    def spells(self, node: ast.AST, *tokens: bytes) -> bool:
        """Do the lines of `node` contain one of `tokens`? A cheap gate before walking it."""
        if getattr(node, "lineno", None) is None:
            return True
        for token in tokens:
            key = ("spells", token)
            lines = self.memo.get(key)
            if lines is None:
                lines = self.memo[key] = token_lines(self.data, [token])
            assert isinstance(lines, list)
            if spans_a_line(node, lines):
                return True
        return False

    def segment(self, node: ast.AST) -> str:
        return ast.get_source_segment(self.text, node) or ""


# Appended to the message of a finding whose fix would drop a comment (it is then unsafe).
COMMENT_DROPPED = "unsafe to fix automatically: the rewrite would drop or move the comment in it"


def normalised_text(node: ast.AST) -> str:
    """Formatting-independent text of a node, for fingerprints."""
    try:
        return ast.unparse(node)
    except Exception:  # pragma: no cover - unparse is total on parsed trees
        return ast.dump(node)


class _Walker:
    """Visits every node once, in scope order, handing each to the rules registered for its type.

    Statements whose lines spell no token of a `local_tokens` rule are cold: only the other
    (file-level) rules see their nodes, and when there are none the subtree is skipped whole.
    Most of a real file is cold for most rules, and walking is most of the analysis time.
    """

    def __init__(self, ctx: FileContext, rules: Sequence[Rule], hot_lines: Sequence[int] | None = None) -> None:
        self.ctx = ctx
        self.hot_lines = hot_lines
        self.dispatch = _dispatch(rules)
        self.cold = _dispatch([r for r in rules if not r.local_tokens]) if hot_lines is not None else self.dispatch

    def run(self) -> None:
        self._body(self.ctx.tree, self.dispatch)

    def _hot(self, node: ast.stmt) -> bool:
        assert self.hot_lines is not None
        return spans_a_line(node, self.hot_lines)

    def _body(self, root: ast.AST, dispatch: dict[type[ast.AST], list[Rule]]) -> None:
        # The hottest loop of a scan: per-type facts are looked up once and children pushed inline.
        ctx = self.ctx
        check_hot = dispatch is self.dispatch and self.hot_lines is not None
        stack = _children(root)
        pop = stack.pop
        push = stack.append
        extend = stack.extend
        info = _NODE_INFO
        while stack:
            node = pop()
            cls = type(node)
            found = info.get(cls)
            if found is None:
                found = _node_info(cls)
            kind, fields = found
            if kind:
                if check_hot and kind & _STMT and not self._hot(node):  # type: ignore[arg-type]
                    if self.cold:
                        self._body_of([node], self.cold)
                    continue
                handlers = dispatch.get(cls)
                if handlers:
                    for rule in handlers:
                        rule.check(node, ctx)
                if kind & _SCOPE:
                    extend(self._outer_parts(node))
                    self._nested(node, getattr(node, "name", "<lambda>"), dispatch)
                    continue
                if kind & _COMPREHENSION:
                    self._comprehension(node, dispatch)  # type: ignore[arg-type]
                    continue
            else:
                handlers = dispatch.get(cls)
                if handlers:
                    for rule in handlers:
                        rule.check(node, ctx)
            for name in fields:
                value = getattr(node, name)
                if value.__class__ is list:
                    if None in value:
                        extend([v for v in reversed(value) if v is not None])
                    else:
                        extend(reversed(value))
                elif isinstance(value, ast.AST):
                    push(value)

    @staticmethod
    def _outer_parts(node: ast.AST) -> Iterable[ast.AST]:
        """Parts of a def/class evaluated in the enclosing scope."""
        if isinstance(node, ast.ClassDef):
            yield from node.decorator_list
            yield from node.bases
            yield from node.keywords
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield from node.decorator_list
            yield from node.args.defaults
            yield from (d for d in node.args.kw_defaults if d is not None)
            if node.returns is not None:
                yield node.returns
        elif isinstance(node, ast.Lambda):
            yield from node.args.defaults

    def _nested(self, node: ast.AST, name: str, dispatch: dict[type[ast.AST], list[Rule]]) -> None:
        ctx = self.ctx
        outer = ctx.scope
        ctx.scope = ctx.scopes.enter(node, name, outer)
        try:
            if isinstance(node, ast.Lambda):
                self._body_of([node.body], dispatch)
            else:
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    self._body_of([a.annotation for a in _all_args(node.args) if a.annotation], dispatch)
                self._body_of(getattr(node, "body", []), dispatch)
        finally:
            ctx.scope = outer

    def _comprehension(
        self,
        node: ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp,
        dispatch: dict[type[ast.AST], list[Rule]],
    ) -> None:
        ctx = self.ctx
        outer = ctx.scope
        # The first iterable is evaluated outside; targets are local to the comprehension.
        self._body_of([node.generators[0].iter], dispatch)
        scope = Scope(name=outer.name, node=node, parent=outer)
        ctx.scope = scope
        try:
            for gen in node.generators:
                target, iterated = enumerated(gen.target, gen.iter)
                fact = ctx.inference.rows_of(iterated, scope)
                if isinstance(target, ast.Name) and fact.kind is not None:
                    scope.bindings[target.id] = fact
            parts: list[ast.AST] = []
            for i, gen in enumerate(node.generators):
                if i:
                    parts.append(gen.iter)
                parts.extend(gen.ifs)
            if isinstance(node, ast.DictComp):
                parts.extend([node.key, node.value])
            else:
                parts.append(node.elt)
            self._body_of(parts, dispatch)
        finally:
            ctx.scope = outer

    def _body_of(self, nodes: Iterable[ast.AST], dispatch: dict[type[ast.AST], list[Rule]]) -> None:
        holder = ast.Module(body=[], type_ignores=[])
        # Visit a list of nodes with the same loop: wrap them in a throwaway parent.
        holder.body = list(nodes)  # type: ignore[arg-type]
        self._body(holder, dispatch)


def _dispatch(rules: Sequence[Rule]) -> dict[type[ast.AST], list[Rule]]:
    table: dict[type[ast.AST], list[Rule]] = defaultdict(list)
    for rule in rules:
        for node_type in rule.nodes:
            table[node_type].append(rule)
    return dict(table)


def spans_a_line(node: ast.AST, lines: Sequence[int]) -> bool:
    """Is one of the sorted line numbers `lines` within `node` (its decorators included)?"""
    first: int = getattr(node, "lineno", 0)
    decorators = getattr(node, "decorator_list", None)
    if decorators:
        first = min(first, decorators[0].lineno)
    i = bisect.bisect_left(lines, first)
    return i < len(lines) and lines[i] <= (getattr(node, "end_lineno", None) or first)


def hot_lines(data: bytes, rules: Sequence[Rule], aliases: Iterable[str] = ()) -> list[int]:
    """Sorted 1-based numbers of the lines that spell a token of a `local_tokens` rule.

    An aliased import (`select as S`) spells the rule's token only at the import, so the local
    alias names count as tokens too.
    """
    tokens = {t for r in rules if r.local_tokens for t in r.tokens}
    tokens.update(a.encode() for a in aliases)
    return token_lines(data, tokens)


def token_lines(data: bytes, tokens: Iterable[bytes]) -> list[int]:
    """Sorted 1-based numbers of the lines of `data` on which one of `tokens` starts."""
    tokens = set(tokens)
    if b"\r" in data:  # count lines as the parser does: \r\n and a lone \r end a line too
        data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    if b"" in tokens:
        return list(range(1, data.count(b"\n") + 2))
    starts: list[int] | None = None
    lines: set[int] = set()
    for token in tokens:
        i = data.find(token)
        if i < 0:
            continue
        if starts is None:
            starts = [m.end() for m in _NEWLINE.finditer(data)]
        while i >= 0:
            lines.add(bisect.bisect_right(starts, i) + 1)
            i = data.find(token, i + 1)
    return sorted(lines)


_NEWLINE = re.compile(rb"\n")


_LEAF_FIELDS = frozenset(
    {
        "ctx", "id", "attr", "arg", "name", "kind", "type_comment", "level", "module", "is_async",
        "conversion", "simple", "names", "kwd_attrs", "rest", "tag",
    }
)
_STMT, _SCOPE, _COMPREHENSION = 1, 2, 4
# type → (kind bits, child fields in reverse order): what the walker needs to know per node type.
_NODE_INFO: dict[type[ast.AST], tuple[int, tuple[str, ...]]] = {}


def _node_info(cls: type[ast.AST]) -> tuple[int, tuple[str, ...]]:
    kind = 0
    if issubclass(cls, ast.stmt):
        kind |= _STMT
    if issubclass(cls, _SCOPES):
        kind |= _SCOPE
    if issubclass(cls, _COMPREHENSIONS):
        kind |= _COMPREHENSION
    fields = tuple(reversed([f for f in cls._fields if f not in _LEAF_FIELDS]))
    _NODE_INFO[cls] = found = (kind, fields)
    return found


def _children(node: ast.AST) -> list[ast.AST]:
    """Child nodes (reverse source order, for a stack), skipping `ctx` and other leaf fields."""
    cls = type(node)
    _, fields = _NODE_INFO.get(cls) or _node_info(cls)
    out: list[ast.AST] = []
    for name in fields:
        value = getattr(node, name, None)
        if isinstance(value, ast.AST):
            out.append(value)
        elif isinstance(value, list):
            out.extend(v for v in reversed(value) if isinstance(v, ast.AST))
    return out


def local_names(node: ast.AST) -> frozenset[str]:
    """Names a function, lambda, class body or comprehension binds itself (imports excepted:
    the file's import map already knows those)."""
    names: set[str] = set()
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
        names.update(a.arg for a in _all_args(node.args))
    if isinstance(node, _COMPREHENSIONS):
        for gen in node.generators:
            names.update(_target_names(gen.target))
        return frozenset(names)
    body = getattr(node, "body", None)
    stack: list[ast.AST] = list(body) if isinstance(body, list) else []
    while stack:
        stmt = stack.pop()
        if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(stmt.name)
            continue
        if isinstance(stmt, ast.Assign):
            for target in stmt.targets:
                names.update(_target_names(target))
        elif isinstance(stmt, ast.AnnAssign | ast.AugAssign | ast.For | ast.AsyncFor):
            names.update(_target_names(stmt.target))
        elif isinstance(stmt, ast.With | ast.AsyncWith):
            for item in stmt.items:
                if item.optional_vars is not None:
                    names.update(_target_names(item.optional_vars))
        elif isinstance(stmt, ast.ExceptHandler) and stmt.name:
            names.add(stmt.name)
        for block in sub_blocks(stmt):
            stack.extend(block)
    return frozenset(names)


def _target_names(target: ast.AST) -> list[str]:
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, ast.Tuple | ast.List):
        return [n for elt in target.elts for n in _target_names(elt)]
    if isinstance(target, ast.Starred):
        return _target_names(target.value)
    return []


_WALK_FIELDS: dict[type[ast.AST], tuple[str, ...]] = {}


def _breadth_first(root: ast.AST) -> list[ast.AST]:
    """The nodes of `root` in `ast.walk` order, without `Load`/`Store` markers."""
    out: list[ast.AST] = [root]
    i = 0
    while i < len(out):
        node = out[i]
        i += 1
        cls = type(node)
        fields = _WALK_FIELDS.get(cls)
        if fields is None:
            fields = _WALK_FIELDS[cls] = tuple(f for f in cls._fields if f != "ctx")
        for name in fields:
            value = getattr(node, name, None)
            if isinstance(value, ast.AST):
                out.append(value)
            elif isinstance(value, list):
                out.extend(v for v in value if isinstance(v, ast.AST))
    return out


def _all_args(args: ast.arguments) -> list[ast.arg]:
    out = [*args.posonlyargs, *args.args, *args.kwonlyargs]
    if args.vararg:
        out.append(args.vararg)
    if args.kwarg:
        out.append(args.kwarg)
    return out


def active_rules(data: bytes, rules: Sequence[Rule]) -> list[Rule]:
    """Rules whose tokens occur in `data`."""
    present = _TokenSearch.of(rules).present(data)
    return [r for r in rules if not present.isdisjoint(r.tokens)]


class _TokenSearch:
    """Which of the rules' ~230 distinct tokens a file spells, in one pass over its bytes.

    One substring search per token re-reads the file for every token, and nearly all are
    absent: that was ~13% of analysis time. An Aho-Corasick automaton (pyahocorasick, in C)
    finds all of them in a single pass; without the library each token is searched once.
    """

    _built: dict[tuple[Rule, ...], _TokenSearch] = {}

    def __init__(self, tokens: set[bytes]) -> None:
        self.always = frozenset(t for t in tokens if not t)  # b"": every file spells it
        self.tokens = tuple(sorted(t for t in tokens if t))
        self.automaton: Any = None
        if not self.tokens:
            return
        try:
            import ahocorasick  # type: ignore[import-not-found]  # (ships no type hints)
        except ImportError:  # pragma: no cover - a declared dependency; the loop still works
            return
        automaton = ahocorasick.Automaton()
        for token in self.tokens:
            # latin-1 maps each byte to one code point, so byte tokens match byte for byte.
            automaton.add_word(token.decode("latin-1"), token)
        automaton.make_automaton()
        self.automaton = automaton

    @classmethod
    def of(cls, rules: Sequence[Rule]) -> _TokenSearch:
        key = tuple(rules)
        found = cls._built.get(key)
        if found is None:
            if len(cls._built) > 16:  # rule subsets (`--rule`) come and go; keep a few
                cls._built.clear()
            found = cls._built[key] = cls({t for r in rules for t in r.tokens})
        return found

    def present(self, data: bytes) -> set[bytes]:
        if self.automaton is None:
            found = {t for t in self.tokens if t in data}
        else:
            found = {token for _, token in self.automaton.iter(data.decode("latin-1"))}
        return found | self.always if self.always else found


def _aliases(imports: ImportMap) -> list[str]:
    """Local names of SQLAlchemy imports bound under another name (`select as S`)."""
    return [
        local
        for local, qual in imports.names.items()
        if qual.startswith(("sqlalchemy", "flask_sqlalchemy")) and local != qual.rpartition(".")[2]
    ]


def _alias_spellings(imports: ImportMap) -> bytes:
    """How aliased SQLAlchemy names would be spelled unaliased, so tokens still find them.

    `from sqlalchemy import select as S; S([...])` never spells `select(`; appending
    `select( select.` to what the token test sees keeps the rule in play.
    """
    extra = []
    for local in _aliases(imports):
        qual = imports.names[local]
        short = qual.rpartition(".")[2]
        extra.append(f" {short}( {short}. {qual}".encode())
    return b"\n" + b"".join(extra) if extra else b""


def wants(data: bytes, rules: Sequence[Rule]) -> bool:
    """Cheap byte prefilter: can any rule match, or does the file hold facts others need?

    A module of star imports (`from app.models.user import *`) names no SQLAlchemy token but
    re-exports the models other files reach through it.
    """
    if b"sqlalchemy" in data or b"import *" in data:
        return True
    return any(token in data for token in _minimal_tokens(tuple(rules)))


@functools.lru_cache(maxsize=8)
def _minimal_tokens(rules: tuple[Rule, ...]) -> tuple[bytes, ...]:
    """The rules' tokens minus those containing another token (which cannot occur without it),
    shortest (most often present) first: the prefilter's answer with a third fewer searches."""
    tokens = sorted({t for r in rules for t in r.tokens}, key=lambda t: (len(t), t))
    return tuple(t for t in tokens if not any(o != t and o in t for o in tokens))


def analyze_source(
    data: bytes,
    rules: Sequence[Rule],
    module: str = "",
    is_package: bool = False,
    statement_gating: bool = True,
) -> FileAnalysis:
    try:
        text = decode_source(data)
        try:
            tree = ast.parse(text)
        except SyntaxError as exc:
            raise SourceError(f"syntax error at line {exc.lineno}: {exc.msg}") from None
        except (ValueError, MemoryError, RecursionError) as exc:
            raise SourceError(f"cannot parse: {type(exc).__name__}") from None
        imports = ImportMap.of(tree, module, is_package)
        ctx = FileContext(text, tree, imports, data)
        # A rule whose tokens are absent cannot match here (the token contract): skip it.
        aliases = _aliases(imports)
        rules = active_rules(data + _alias_spellings(imports), rules)
        lines = hot_lines(data, rules, aliases) if statement_gating else None
        limit = sys.getrecursionlimit()
        sys.setrecursionlimit(max(limit, 20000))
        try:
            _Walker(ctx, rules, lines).run()
        except RecursionError:
            raise SourceError("nesting too deep to analyse") from None
        finally:
            sys.setrecursionlimit(limit)
        return FileAnalysis(findings=ctx.findings, exports=_exports(ctx))
    except SourceError as exc:
        return FileAnalysis(error=str(exc))


def _exports(ctx: FileContext) -> dict[str, tuple[str, str]]:
    """Module-level facts other files may import: the input of the gathering pass."""
    out: dict[str, tuple[str, str]] = {}
    for name, fact in ctx.module_scope.bindings.items():
        if fact.kind is not None and fact.evidence is Evidence.STRONG:
            out[name] = (fact.kind.value, "")
        elif fact.via:
            out[name] = ("", fact.via)
    for name in ctx.module_scope.functions:
        # Any module-level function may return a Session, Query or Row to its importers; with
        # lazy bindings and a statement-level search for returns this costs little.
        returned = ctx.inference.call_result(name, ctx.module_scope)
        if returned is None:
            continue
        if returned.kind is not None and returned.evidence is Evidence.STRONG:
            out[f"{name}()"] = (returned.kind.value, "")
        elif returned.via:
            out[f"{name}()"] = ("", returned.via)
    if b"autocommit" in ctx.data:
        for name in module_wrappers(ctx.memo, ctx.tree):
            out[name + AUTOCOMMIT_EXPORT] = ("", "")
    for key, fact in ctx.inference.method_exports(ctx.module_scope).items():
        if fact.kind is not None:
            out.setdefault(key, (fact.kind.value, ""))
    for name, qual in ctx.imports.names.items():
        if name not in out and not qual.startswith("sqlalchemy"):
            out[name] = ("", qual)
    for stmt in getattr(ctx.module_scope.node, "body", []):
        # `mapper = orm.mapper` (CKAN's `meta.mapper`): other modules call SQLAlchemy's function
        # through this name; the gathering pass follows it (`ProjectFacts.sqlalchemy_name`).
        if (
            isinstance(stmt, ast.Assign)
            and len(stmt.targets) == 1
            and isinstance(stmt.targets[0], ast.Name)
            and isinstance(stmt.value, ast.Name | ast.Attribute)
        ):
            aliased = ctx.imports.qualify(stmt.value)
            if aliased is not None and aliased.startswith("sqlalchemy."):
                out.setdefault(stmt.targets[0].id, ("", aliased))
    for star in ctx.imports.star_modules:
        # `from app.models.user import *` in a package that re-exports its models: the
        # gathering pass looks names up there too (key `*module`, never a Python name).
        if not star.startswith("sqlalchemy"):
            out[f"*{star}"] = ("", star)
    out.update(ctx.extra_exports)
    return out

