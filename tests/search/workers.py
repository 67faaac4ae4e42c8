"""Run in separate processes by test_index.py: each is a gunicorn-worker stand-in."""
from __future__ import annotations


def publish_services(db_config: dict, index_dir: str, worker: int, count: int) -> None:
    from directory import create_app
    from tests.factories import make_service

    app = create_app(
        {"TESTING": True, "SECRET_KEY": "x", "SEARCH_INDEX_DIR": index_dir, **db_config}
    )
    with app.app_context():
        for i in range(count):
            make_service(name=f"Worker {worker} club {i}", slug=f"w{worker}-{i}")
