import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_production_settings_pass_the_deploy_check() -> None:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "NUTAG_TESTING", "NUTAG_DEV_LOGIN", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update(
        SECRET_KEY="a-production-secret-that-is-long-and-random-0123456789-abcdefghijklmnop",
        ALLOWED_HOSTS="nutag.example.mn",
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_serve_without_a_secret_key_but_maintenance_commands_run() -> None:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "NUTAG_TESTING", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment["ALLOWED_HOSTS"] = "nutag.example.mn"

    def run(*command: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, *command],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    deploy_check = run("manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert deploy_check.returncode != 0 and "SECRET_KEY" in deploy_check.stdout + deploy_check.stderr
    serving = run("-c", "import config.wsgi")
    assert serving.returncode != 0 and "SECRET_KEY setting must not be empty" in serving.stderr
    assert run("manage.py", "makemigrations", "--check", "--dry-run").returncode == 0
