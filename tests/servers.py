"""Helpers for tests that start a server (the app, Chroma, a model server) on loopback."""

import socket
import subprocess


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def stop_process(process: subprocess.Popen, timeout: float = 15) -> None:
    """Terminate a server we started, killing it if it ignores that."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def serve_app(bot, settings, **overrides):
    """The app (UI + HTTP API) of `bot` on a free loopback port, open unless `overrides` set a
    login; close it with `.close()`."""
    from assistant.ui.app import launch_app

    local = settings.model_copy(update={"host": "127.0.0.1", "port": free_port(), "auth_username": "",
                                        "auth_password": "", "api_token": "", **overrides})
    return launch_app(bot, local, prevent_thread_lock=True)
