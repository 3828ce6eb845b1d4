"""Run untrusted generated code (HumanEval completions) so that it cannot harm the host.

Each program runs in a fresh Python subprocess (`python -I`: no user site, no PYTHON* variables)
with an empty environment, in a temporary working directory that is deleted afterwards, in its
own session (the whole process group is killed on timeout), under resource limits (CPU seconds,
address space, file size, open files, processes) and behind a guard that, before the program
starts, disables what a test never needs: process creation, signals to other processes, file
deletion and renaming, changing directories or permissions, and network sockets. This is the
guard of OpenAI's human-eval `execution.py`, plus rlimits and isolation; it is defence in depth
for benchmark code, not a security boundary for hostile code (use a container for that).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Sequence

_GUARD = r'''
import faulthandler, os, resource, shutil, socket, subprocess, sys
resource.setrlimit(resource.RLIMIT_AS, ({memory}, {memory}))
resource.setrlimit(resource.RLIMIT_DATA, ({memory}, {memory}))
resource.setrlimit(resource.RLIMIT_CPU, ({cpu}, {cpu}))
resource.setrlimit(resource.RLIMIT_FSIZE, (1 << 24, 1 << 24))
resource.setrlimit(resource.RLIMIT_NOFILE, (64, 64))
try:
    resource.setrlimit(resource.RLIMIT_NPROC, (0, 0))
except (ValueError, OSError):
    pass
faulthandler.disable()
def _blocked(*args, **kwargs):
    raise PermissionError("blocked by the ablate sandbox")
for _name in ("kill", "killpg", "system", "putenv", "remove", "removedirs", "rmdir", "unlink", "fchdir", "setuid",
              "fork", "forkpty", "vfork", "rename", "renames", "truncate", "replace", "fchmod", "fchown", "chmod",
              "chown", "chroot", "lchown", "lchmod", "lchflags", "chflags", "getcwd", "chdir", "execv", "execve",
              "execl", "execlp", "execvp", "execvpe", "spawnl", "spawnv", "spawnve", "spawnvp", "posix_spawn",
              "posix_spawnp", "popen"):
    if hasattr(os, _name):
        setattr(os, _name, _blocked)
shutil.rmtree = shutil.move = shutil.chown = _blocked
subprocess.Popen = _blocked
class _NoSocket(socket.socket):
    def __init__(self, *args, **kwargs):
        raise PermissionError("network blocked by the ablate sandbox")
socket.socket = _NoSocket
socket.create_connection = _blocked
socket.getaddrinfo = _blocked
for _module in ("ipdb", "joblib", "resource", "psutil", "tkinter", "multiprocessing", "ctypes", "_ctypes"):
    sys.modules[_module] = None
del _name, _module
'''


@dataclass(frozen=True)
class Outcome:
    passed: bool
    status: str  # passed | failed | timeout | error
    detail: str = ""


def run_program(program: str, *, timeout: float = 10.0, memory_mb: int = 1024) -> Outcome:
    """Run one program; it passes when it exits 0 within the time limit."""
    workdir = tempfile.mkdtemp(prefix="ablate-sandbox-")
    try:
        script = os.path.join(workdir, "program.py")
        guard = _GUARD.format(memory=memory_mb << 20, cpu=int(timeout) + 1)
        with open(script, "w", encoding="utf-8") as handle:
            handle.write(guard + "\n" + program)
        try:
            process = subprocess.Popen([sys.executable, "-I", "-B", script], cwd=workdir, env={"PATH": "/usr/bin:/bin"},
                                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                       start_new_session=True)
        except OSError as e:
            return Outcome(False, "error", f"could not start: {e}")
        try:
            _, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_group(process)
            return Outcome(False, "timeout", f"no result within {timeout:g} s")
        finally:
            _kill_group(process)  # anything it left behind in its session
        if process.returncode == 0:
            return Outcome(True, "passed")
        lines = stderr.decode("utf-8", "replace").strip().splitlines()
        return Outcome(False, "failed", lines[-1][:300] if lines else f"exit code {process.returncode}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _kill_group(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        pass


def run_programs(programs: Sequence[str], *, timeout: float = 10.0, memory_mb: int = 1024, workers: int | None = None) -> list[Outcome]:
    """Run many programs in parallel, one per core."""
    workers = workers or max(1, os.cpu_count() or 1)
    with ThreadPoolExecutor(workers) as pool:
        return list(pool.map(lambda p: run_program(p, timeout=timeout, memory_mb=memory_mb), programs))


__all__ = ["Outcome", "run_program", "run_programs"]
