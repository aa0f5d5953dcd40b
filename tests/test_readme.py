"""The README's two commands are the contract with a new user and with CI."""
import re

from conftest import REPO


def readme_commands() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```bash\n(python3 -m venv[^\n]+)\n```", text)


def test_readme_has_main_job_and_test_command():
    commands = readme_commands()
    assert len(commands) == 2, commands
    assert "dossier ingest examples/" in commands[0]
    assert "pytest" in commands[1]


def test_ci_runs_exactly_the_readme_test_command():
    ci_script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert readme_commands()[1] in ci_script.splitlines()


def test_every_command_help_has_an_example():
    from click.testing import CliRunner

    from dossier.cli.main import cli

    def walk(group, prefix):
        for name, command in group.commands.items():
            if hasattr(command, "commands"):
                yield from walk(command, prefix + [name])
            else:
                yield prefix + [name]

    runner = CliRunner()
    for path in walk(cli, []):
        result = runner.invoke(cli, path + ["--help"])
        assert result.exit_code == 0, path
        assert "Example" in result.output, f"`dossier {' '.join(path)} --help` has no example"


def test_readme_serves_the_example_corpus():
    """Beside the two set-up commands, one command serves what the first one ingested."""
    from click.testing import CliRunner

    from dossier.cli.main import cli

    text = (REPO / "README.md").read_text(encoding="utf-8")
    serve = re.findall(r"```bash\n([^\n]*dossier serve[^\n]*)\n```", text)
    assert serve == [". .venv/bin/activate && dossier serve"], serve
    assert "--db" not in readme_commands()[0]  # both use the default ./dossier.db
    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0 and "127.0.0.1" in result.output
