"""The built wheel works from any directory in a fresh virtual environment (slow)."""

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_installs_and_scores_the_example_outside_the_repo(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(dist), str(REPO)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    (wheel,) = dist.glob("framing-*.whl")
    env_dir = tmp_path / "venv"
    # A bare environment: the dependencies come from the package index (or pip's cache).
    venv.EnvBuilder(with_pip=True).create(env_dir)
    py = env_dir / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "--quiet", str(wheel)], check=True, timeout=1200)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
    proc = subprocess.run(
        [str(env_dir / "bin" / "framing"), "score", "--example", "ar", "--format", "json"],
        cwd=outside,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["lang"] == "ar" and len(doc["paragraphs"]) >= 6
    # The installed package, not the source tree, answered.
    where = subprocess.run(
        [str(py), "-c", "import framing, sys; sys.stdout.write(framing.__file__)"],
        cwd=outside, capture_output=True, text=True, env=env, check=True,
    ).stdout
    assert str(REPO) not in where
