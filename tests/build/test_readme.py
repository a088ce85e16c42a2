"""The README's commands are the ones CI and users run."""
import re
import subprocess

from support import ROOT


def _bash_blocks():
    return re.findall(r"```bash\n(.*?)\n```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)


def test_readme_starts_with_the_serve_and_test_commands():
    serve, test = _bash_blocks()[:2]
    assert "build.py" in serve and "datasette serve" in serve and "-p 8001" in serve
    assert "pytest" in test and "chromium" in test


def test_ci_runs_the_readme_test_command_verbatim():
    extracted = subprocess.run(
        ["awk", r"/<!-- test-command -->/{found=1; next} found && /^[^`]/{print; exit}", str(ROOT / "README.md")],
        capture_output=True, text=True, check=True).stdout.strip()
    assert extracted == _bash_blocks()[1]
    assert "<!-- test-command -->" in (ROOT / ".ci" / "run").read_text() or "test-command" in (ROOT / ".ci" / "run").read_text()
