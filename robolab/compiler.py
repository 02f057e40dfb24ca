"""The fast grading path: a validated program compiled to a Python function over the flat grid.

The source is generated from the program tree only. No user text reaches it: block ids, procedure
names and the like stay in Python tuples and are referred to by index; the only values written
into the source are small integers the loader has already checked. The generated code keeps the
robot's state in local variables (cell ``c``, heading ``h``, ticks ``t``, steps ``s``, gems ``g``)
and has exactly the semantics of :mod:`robolab.stepper` (a test compares the two on every
bundled challenge).

Python limits nesting (20 loops, 100 indentation levels), so deep blocks are moved out into
helper functions; procedures are inlined unless they are recursive or too big.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from robolab.board import Board, goal_holds
from robolab.program import (
    Block,
    Call,
    Condition,
    If,
    Move,
    Not,
    Procedure,
    Program,
    Repeat,
    RepeatUntil,
    Statement,
    Test,
    While,
    children,
    walk,
)
from robolab.results import BoardRun, TraceStep
from robolab.stepper import MAX_CALL_DEPTH, block_ref
from robolab.vocabulary import Action, Color, Goal, Heading, Outcome, Sensor

_OUTCOMES = (None, Outcome.SUCCESS, Outcome.CRASH, Outcome.FALL, Outcome.TIMEOUT, Outcome.ERROR)
_SUCCESS, _CRASH, _FALL, _TIMEOUT, _ERROR = 1, 2, 3, 4, 5
_STATE = "c, h, t, s, g"
_MAX_LOOPS_PER_FUNCTION = 12
_MAX_INDENT_PER_FUNCTION = 40
_MAX_INLINE_STATEMENTS = 4000
_COLOR_CODE = {color: 1 + i for i, color in enumerate(Color)}

Kernel = Callable[..., tuple[int, int, int, int, int, int]]


@dataclass(frozen=True)
class _Options:
    reach: bool
    collect: bool
    gems: bool
    check_every_step: bool
    trace: bool


@dataclass
class _Function:
    """One generated function; ``base`` is the call depth at its entry when known statically."""

    name: str
    base: int | None
    lines: list[str] = field(default_factory=list)


class _CodeGen:
    """Writes the source of one kernel factory for one set of options."""

    def __init__(self, program: Program, opts: _Options) -> None:
        self.program = program
        self.opts = opts
        self.refs: list[Statement] = []
        self.ref_index: dict[int, int] = {}
        self.functions: list[_Function] = []
        self.pending: list[tuple[_Function, Block]] = []
        self.proc_functions: dict[str, str] = {}
        self.chains = _call_chains(program)
        self.inlined = 0
        self.base: int | None = 0

    # -- public ---------------------------------------------------------------------------------

    def source(self) -> str:
        main = self._new_function(0)
        self.pending.append((main, self.program.main))
        while self.pending:
            fn, block = self.pending.pop()
            self.base = fn.base
            self._block(fn.lines, block, indent=0, loops=0, depth=0)
        out = ["def _factory(K, D, DL, DR, GF, GB, CO, M, ST, TR):"]
        for fn in self.functions:
            out.append(f"    def {fn.name}({_STATE}, d):")
            out.extend("        " + line for line in fn.lines)
            out.append(f"        return 0, {_STATE}")
        out.append(f"    return {main.name}")
        return "\n".join(out) + "\n"

    # -- functions and blocks -------------------------------------------------------------------

    def _new_function(self, base: int | None) -> _Function:
        fn = _Function(f"f{len(self.functions)}", base)
        self.functions.append(fn)
        return fn

    def _outline(self, block: Block, base: int | None) -> str:
        fn = self._new_function(base)
        self.pending.append((fn, block))
        return fn.name

    def _block(self, out: list[str], block: Block, indent: int, loops: int, depth: int) -> None:
        pad = "    " * indent
        if not block:
            out.append(pad + "pass")
            return
        if indent >= _MAX_INDENT_PER_FUNCTION or loops >= _MAX_LOOPS_PER_FUNCTION:
            name = self._outline(block, None if self.base is None else self.base + depth)
            self._call_function(out, pad, name, depth)
            return
        for stmt in block:
            self._statement(out, stmt, indent, loops, depth)

    def _call_function(self, out: list[str], pad: str, name: str, depth: int) -> None:
        out.append(f"{pad}r, {_STATE} = {name}({_STATE}, d + {depth})")
        out.append(f"{pad}if r: return r, {_STATE}")

    # -- statements -----------------------------------------------------------------------------

    def _ref(self, stmt: Statement) -> int:
        key = id(stmt)
        if key not in self.ref_index:
            self.ref_index[key] = len(self.refs)
            self.refs.append(stmt)
        return self.ref_index[key]

    def _tick(self, out: list[str], pad: str, ref: int) -> None:
        out.append(f"{pad}if t >= M: ST[0] = {ref}; return {_TIMEOUT}, {_STATE}")
        out.append(f"{pad}t += 1")

    def _statement(
        self, out: list[str], stmt: Statement, indent: int, loops: int, depth: int
    ) -> None:
        pad = "    " * indent
        ref = self._ref(stmt)
        self._tick(out, pad, ref)
        if isinstance(stmt, Move):
            self._move(out, pad, stmt, ref)
        elif isinstance(stmt, Repeat):
            if stmt.times and stmt.body:
                out.append(f"{pad}for _ in range({int(stmt.times)}):")
                self._block(out, stmt.body, indent + 1, loops + 1, depth)
        elif isinstance(stmt, While | RepeatUntil):
            cond = _condition(stmt.cond)
            exit_test = f"not ({cond})" if isinstance(stmt, While) else cond
            out.append(f"{pad}while True:")
            self._tick(out, pad + "    ", ref)
            out.append(f"{pad}    if {exit_test}: break")
            if stmt.body:
                self._block(out, stmt.body, indent + 1, loops + 1, depth)
        elif isinstance(stmt, If):
            self._tick(out, pad, ref)
            out.append(f"{pad}if {_condition(stmt.cond)}:")
            self._block(out, stmt.then, indent + 1, loops, depth)
            if stmt.orelse:
                out.append(f"{pad}else:")
                self._block(out, stmt.orelse, indent + 1, loops, depth)
        else:
            self._call(out, pad, stmt, ref, indent, loops, depth)

    def _call(
        self, out: list[str], pad: str, stmt: Call, ref: int, indent: int, loops: int, depth: int
    ) -> None:
        proc = self.program.procedure(stmt.name)
        if (
            proc is None
        ):  # the loader rejects unknown procedures; keep the stepper's behaviour anyway
            out.append(f"{pad}ST[0] = {ref}; return {_ERROR}, {_STATE}")
            return
        size = sum(1 for _ in walk(proc.body))
        active = None if self.base is None else self.base + depth
        chain = self.chains.get(proc.name, math.inf)
        fits = self.inlined + size <= _MAX_INLINE_STATEMENTS
        if active is not None and active + chain <= MAX_CALL_DEPTH and fits:
            self.inlined += size
            self._block(out, proc.body, indent, loops, depth + 1)
            return
        out.append(
            f"{pad}if d + {depth} >= {MAX_CALL_DEPTH}: ST[0] = {ref}; return {_ERROR}, {_STATE}"
        )
        self._call_function(out, pad, self._procedure_function(proc), depth + 1)

    def _procedure_function(self, proc: Procedure) -> str:
        name = self.proc_functions.get(proc.name)
        if name is None:
            name = self._outline(proc.body, None)
            self.proc_functions[proc.name] = name
        return name

    def _move(self, out: list[str], pad: str, stmt: Move, ref: int) -> None:
        action = stmt.action
        trace = self.opts.trace
        out.append(f"{pad}s += 1")
        if action in (Action.TURN_LEFT, Action.TURN_RIGHT):
            out.append(f"{pad}h = (h + {3 if action is Action.TURN_LEFT else 1}) & 3")
            if trace:
                out.append(f"{pad}TR.append((t, {ref}, c, h, None))")
            if self.opts.check_every_step:
                self._goal_check(out, pad, always=True)
            return
        sign = "+" if action is Action.MOVE_FORWARD else "-"
        out.append(f"{pad}n = c {sign} D[h]")
        out.append(f"{pad}k = K[n]")
        out.append(f"{pad}if k:")
        out.append(f"{pad}    ST[0] = {ref}")
        out.append(f"{pad}    if k == 1:")
        if trace:
            out.append(f"{pad}        TR.append((t, {ref}, c, h, 'crash'))")
        out.append(f"{pad}        return {_CRASH}, {_STATE}")
        out.append(f"{pad}    c = n")
        if trace:
            out.append(f"{pad}    TR.append((t, {ref}, c, h, 'fall'))")
        out.append(f"{pad}    return {_FALL}, {_STATE}")
        out.append(f"{pad}c = n")
        if self.opts.gems:
            out.append(f"{pad}b = GB[c] & g")
            if trace:
                out.append(f"{pad}TR.append((t, {ref}, c, h, 'gem' if b else None))")
            out.append(f"{pad}if b:")
            out.append(f"{pad}    g ^= b")
            if self.opts.collect and not self.opts.reach:
                out.append(f"{pad}    if not g: return {_SUCCESS}, {_STATE}")
        elif trace:
            out.append(f"{pad}TR.append((t, {ref}, c, h, None))")
        if self.opts.reach or self.opts.check_every_step:
            self._goal_check(out, pad, always=self.opts.check_every_step)

    def _goal_check(self, out: list[str], pad: str, *, always: bool) -> None:
        terms = []
        if self.opts.reach:
            terms.append("GF[c]")
        if self.opts.collect:
            terms.append("not g")
        test = " and ".join(terms) or "True"
        out.append(f"{pad}if {test}: return {_SUCCESS}, {_STATE}")


def _condition(cond: Condition) -> str:
    negations = 0
    while isinstance(cond, Not):
        negations += 1
        cond = cond.cond
    expr = _test(cond)
    return f"not ({expr})" if negations % 2 else expr


def _test(test: Test) -> str:
    sensor = test.sensor
    if sensor is Sensor.PATH_AHEAD:
        return "not K[c + D[h]]"
    if sensor is Sensor.PATH_LEFT:
        return "not K[c + DL[h]]"
    if sensor is Sensor.PATH_RIGHT:
        return "not K[c + DR[h]]"
    if sensor is Sensor.AT_GOAL:
        return "GF[c]"
    if sensor is Sensor.GEM_HERE:
        return "GB[c]"
    assert test.color is not None  # guaranteed by the loader
    return f"CO[c] == {_COLOR_CODE[test.color]}"


def _call_chains(program: Program) -> dict[str, float]:
    """For each procedure, the longest chain of nested calls it starts (itself included).

    A procedure that can reach a call cycle (recursion) gets ``inf``. Iterative depth-first search:
    a callee still on the path (grey) closes a cycle.
    """
    calls = {
        p.name: [s.name for s in walk(p.body) if isinstance(s, Call)] for p in program.procedures
    }
    chain: dict[str, float] = {}
    on_path: set[str] = set()
    cyclic: set[str] = set()
    for root in calls:
        if root in chain:
            continue
        stack = [(root, iter(calls[root]))]
        on_path.add(root)
        while stack:
            name, callees = stack[-1]
            callee = next(callees, None)
            if callee is None:
                stack.pop()
                on_path.discard(name)
                below = [chain.get(c, math.inf) for c in calls[name]]
                chain[name] = math.inf if name in cyclic else 1 + max(below, default=0)
            elif callee in on_path:
                cyclic.add(callee)
            elif callee not in chain and callee in calls:
                on_path.add(callee)
                stack.append((callee, iter(calls[callee])))
    return chain


# Generated code depends only on a program's shape (not on ids or names), so compiled factories
# are shared between programs of the same shape: the server grades the same programs again and
# again (retries, autosaves, teams that found the same answer), and compile() is the costly part.
_SHARED: OrderedDict[tuple[str, _Options], tuple[Callable[..., Kernel], tuple[int, ...]]] = (
    OrderedDict()
)
_SHARED_SIZE = 1024


def shape_key(program: Program) -> str:
    """A string that is equal for two programs exactly when they compile to the same code."""
    index = {p.name: i for i, p in enumerate(program.procedures)}
    out: list[str] = []
    blocks = [program.main, *(p.body for p in program.procedures)]
    for block in blocks:
        stack = [iter(block)]
        out.append("[")
        while stack:
            stmt = next(stack[-1], None)
            if stmt is None:
                stack.pop()
                out.append("]")
                continue
            out.append(_token(stmt, index))
            for child in reversed(children(stmt)):
                out.append("[")
                stack.append(iter(child))
    return "".join(out)


def _token(stmt: Statement, index: dict[str, int]) -> str:
    if isinstance(stmt, Move):
        return stmt.action.value[5]  # f(orward), b(ackward), l(eft), r(ight)
    if isinstance(stmt, Repeat):
        return f"n{stmt.times}"
    if isinstance(stmt, Call):
        return f"c{index.get(stmt.name, -1)}"
    cond = _condition(stmt.cond)
    if isinstance(stmt, If):
        return f"i{cond}{'e' if stmt.orelse is not None else ''}"
    return f"{'w' if isinstance(stmt, While) else 'u'}{cond}"


class CompiledProgram:
    """A program compiled for the grid; run it on any board with :meth:`run`."""

    def __init__(self, program: Program) -> None:
        self.program = program
        self._cache: dict[_Options, tuple[Callable[..., Kernel], tuple[Statement, ...]]] = {}
        self._shape: str | None = None

    def _factory(self, opts: _Options) -> tuple[Callable[..., Kernel], tuple[Statement, ...]]:
        cached = self._cache.get(opts)
        if cached is None:
            cached = self._shared(opts) or self._compile(opts)
            self._cache[opts] = cached
        return cached

    def _shared(self, opts: _Options) -> tuple[Callable[..., Kernel], tuple[Statement, ...]] | None:
        """The factory of an already compiled program of the same shape, with this one's blocks."""
        if self._shape is None:
            self._shape = shape_key(self.program)
        hit = _SHARED.get((self._shape, opts))
        if hit is None:
            return None
        _SHARED.move_to_end((self._shape, opts))
        factory, numbers = hit
        by_number = {s.number: s for s in self.program.statements()}
        refs = tuple(by_number.get(n) for n in numbers)
        if None in refs:
            return None
        return factory, refs  # type: ignore[return-value]

    def _compile(self, opts: _Options) -> tuple[Callable[..., Kernel], tuple[Statement, ...]]:
        gen = _CodeGen(self.program, opts)
        source = gen.source()
        namespace: dict[str, Any] = {"__builtins__": {"range": range}}
        code = compile(source, "<robolab-program>", "exec")
        exec(code, namespace)  # noqa: S102 - source built from the validated tree, see module doc
        factory, refs = namespace["_factory"], tuple(gen.refs)
        numbers = tuple(s.number for s in refs)
        if len(set(numbers)) == len(numbers) and self._shape is not None:
            _SHARED[(self._shape, opts)] = (factory, numbers)
            if len(_SHARED) > _SHARED_SIZE:
                _SHARED.popitem(last=False)
        return factory, refs

    def run(
        self, board: Board, goals: frozenset[Goal], *, max_ticks: int, trace: bool = False
    ) -> BoardRun:
        """Runs the program on ``board`` with the same results as the step-by-step runner."""
        grid = board.grid
        start = board.start
        all_gems = (1 << len(grid.gems)) - 1
        at_start = goal_holds(goals, grid, start.x, start.y, len(grid.gems))
        opts = _Options(
            Goal.REACH in goals, Goal.COLLECT_ALL in goals, bool(grid.gems), at_start, trace
        )
        factory, refs = self._factory(opts)
        deltas = tuple(grid.step_delta(h) for h in range(4))
        left = tuple(deltas[(h + 3) % 4] for h in range(4))
        right = tuple(deltas[(h + 1) % 4] for h in range(4))
        last = [-1]
        log: list[tuple[int, int, int, int, str | None]] = []
        kernel = factory(
            grid.kinds,
            deltas,
            left,
            right,
            grid.goal_flags,
            grid.gem_bits,
            grid.colors,
            max_ticks,
            last,
            log,
        )
        code, cell, heading, ticks, steps, gems = kernel(
            grid.index(*grid.start), int(start.heading), 0, 0, all_gems, 0
        )
        x, y = grid.coords(cell)
        return BoardRun(
            outcome=_OUTCOMES[code] or Outcome.INCOMPLETE,
            steps=steps,
            ticks=ticks,
            x=x,
            y=y,
            heading=Heading(heading),
            gems_left=gems.bit_count(),
            last=block_ref(refs[last[0]]) if code > _SUCCESS else None,
            trace=self._trace(log, refs, grid) if trace else None,
        )

    @staticmethod
    def _trace(
        log: list[tuple[int, int, int, int, str | None]], refs: tuple[Statement, ...], grid: Any
    ) -> tuple[TraceStep, ...]:
        out = []
        for tick, ref, cell, heading, event in log:
            stmt = refs[ref]
            assert isinstance(stmt, Move)
            x, y = grid.coords(cell)
            out.append(
                TraceStep(
                    tick, stmt.id, stmt.number, stmt.action.value, x, y, Heading(heading), event
                )
            )
        return tuple(out)
