from __future__ import annotations

from pathlib import Path

from robolab.checker import check_paths
from tests.core.conftest import challenge_yaml

F = {"block": "move_forward"}
L = {"block": "turn_left"}


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def messages(report_problems: list) -> list[str]:  # type: ignore[type-arg]
    return [p.located("en") for p in report_problems]


def test_a_good_pack_passes(tmp_path: Path) -> None:
    pack = tmp_path / "test"
    write(pack, "pack.yaml", "format: robolab/pack@1\nid: test\ntitle: {fr: Essai, en: Test}\n")
    write(pack, "corridor.yaml", challenge_yaml())
    report = check_paths([tmp_path])
    assert report.files == 1 and report.ok(strict=True), messages(report.problems + report.warnings)


def test_every_problem_is_listed_not_just_the_first(tmp_path: Path) -> None:
    unsolvable = write(tmp_path, "a.yaml", challenge_yaml(id="test/a", map="#####\n#S#G#\n#####"))
    bad_solution = write(tmp_path, "b.yaml", challenge_yaml(id="test/b", solution=[F]))
    slow = write(tmp_path, "c.yaml", challenge_yaml(id="test/c", solution=[L, L, L, L, F, F]))
    wordy = write(
        tmp_path,
        "d.yaml",
        challenge_yaml(id="test/d", solution=[F, F], par={"blocks": 1}, max_blocks=4),
    )
    over = write(tmp_path, "e.yaml", challenge_yaml(id="test/e", par={"blocks": 5}, max_blocks=3))
    forbidden = write(
        tmp_path, "f.yaml", challenge_yaml(id="test/f", solution=[{"block": "move_backward"}])
    )
    impossible_par = write(tmp_path, "g.yaml", challenge_yaml(id="test/g", par={"steps": 1}))
    dup = write(tmp_path, "h.yaml", challenge_yaml(id="test/a"))
    report = check_paths([tmp_path])
    found = "\n".join(messages(report.problems))
    assert f"{unsolvable}:" in found and "cannot be solved" in found
    assert f"{bad_solution}:" in found and "the solution does not solve the map" in found
    assert f"{slow}:" in found and "takes 6 steps, more than par.steps (2)" in found
    assert f"{wordy}:" in found and "has 2 blocks, more than par.blocks (1)" in found
    assert f"{over}:" in found and "par.blocks (5) is over max_blocks (3)" in found
    assert f"{forbidden}:" in found and "move backward block is not available" in found
    assert (
        f"{impossible_par}:" in found and "par.steps is 1 but the best path takes 2 steps" in found
    )
    assert f"{dup}:" in found and 'the id "test/a" is already used' in found
    assert not report.ok()


def test_solution_must_solve_every_variant(tmp_path: Path) -> None:
    path = write(tmp_path, "v.yaml", challenge_yaml(variants=[{"map": "######\n#S..G#\n######"}]))
    (problem,) = check_paths([path]).problems
    assert "does not solve variant #1" in problem.message("en")
    assert problem.line is not None


def test_missing_translations_are_warnings_that_fail_only_when_strict(tmp_path: Path) -> None:
    path = write(tmp_path, "t.yaml", challenge_yaml(title={"fr": "Couloir"}, story=None))
    report = check_paths([path])
    assert report.ok() and not report.ok(strict=True)
    found = messages(report.warnings)
    assert any('"title" is not translated (en)' in w for w in found)
    assert any("no story" in w for w in found)


def test_broken_pack_yaml_and_missing_paths(tmp_path: Path) -> None:
    write(tmp_path / "p", "pack.yaml", "title: [unclosed")
    report = check_paths([tmp_path / "p", tmp_path / "nothing.yaml"])
    found = messages(report.problems)
    assert any("unreadable pack.yaml" in p for p in found)
    assert any("nothing.yaml" in p for p in found)


def test_folders_are_searched_recursively(tmp_path: Path) -> None:
    write(tmp_path / "a" / "b", "deep.yaml", challenge_yaml(id="test/deep"))
    write(tmp_path / ".hidden", "skip.yaml", "not: [valid")
    report = check_paths([tmp_path])
    assert report.files == 1 and report.ok()


def test_pack_yaml_is_checked(tmp_path: Path) -> None:
    pack = tmp_path / "mine"
    write(
        pack,
        "pack.yaml",
        "format: robolab/pack@9\nid: Mine!\norder: [corridor, nope]\ncolour: red\n",
    )
    write(pack, "corridor.yaml", challenge_yaml())
    found = "\n".join(messages(check_paths([pack]).problems))
    assert 'unknown format "robolab/pack@9"' in found
    assert 'invalid pack id "Mine!"' in found
    assert '"order" names "nope", but there is no nope.yaml' in found
    assert 'unknown field "colour"' in found
    assert '"title" must be a text' in found
    write(pack, "pack.yaml", "format: robolab/pack@1\nid: mine\ntitle: {fr: Le mien}\n")
    report = check_paths([pack])
    found = "\n".join(messages(report.problems))
    assert 'has the id "test/corridor", which should start with "mine/"' in found
    assert any('"title" is not translated (en)' in w for w in messages(report.warnings))


def test_internal_errors_are_reported_without_traceback(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    from robolab import checker
    from robolab.cli import INTERNAL_ERROR, main

    def broken(paths: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("robolab.cli.engine.check_paths", broken)
    assert checker.check_paths is not broken
    assert main(["check", ".", "--lang", "en"]) == INTERNAL_ERROR
    err = capsys.readouterr().err
    assert "RoboLab internal error (RuntimeError: boom)" in err and "Traceback" not in err


def test_variants_that_a_fixed_path_solves_are_a_warning(tmp_path: Path) -> None:
    same_shape = {"map": "######\n#S.G.#\n######"}  # the flag is two cells ahead on both maps
    path = write(tmp_path, "v.yaml", challenge_yaml(variants=[same_shape]))
    report = check_paths([path])
    assert report.ok() and not report.ok(strict=True)
    assert any(
        "one fixed path of 2 steps solves the map and every variant" in w
        for w in messages(report.warnings)
    )


def test_packs_are_listed_in_ladder_position(tmp_path: Path) -> None:
    from robolab.pack import load_packs

    for name, position in (("zeta", "position: 1\n"), ("alpha", "position: 2\n"), ("beta", "")):
        write(
            tmp_path / name,
            "pack.yaml",
            f"format: robolab/pack@1\nid: {name}\n{position}title: {name}\n",
        )
    assert [p.id for p in load_packs([tmp_path])] == ["zeta", "alpha", "beta"]
    assert [p.id for p in load_packs()][:5] == [
        "starter",
        "loops",
        "sensors",
        "builders",
        "explorers",
    ]
