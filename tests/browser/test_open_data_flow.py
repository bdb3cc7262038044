"""Open data in Chromium: a page on another site reads a roadmap's public tasks with fetch(),
as CORS allows, then asks again with the ETag (which needs a preflight) and gets 304; the
browser holds no cookie of ours afterwards."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from conftest import World
from tiekartta.roadmap.models import Task

READ = """async (address) => {
    const first = await fetch(address);
    const body = await first.json();
    const etag = first.headers.get("ETag");
    const again = await fetch(address, {headers: {"If-None-Match": etag}, cache: "no-store"});
    return {
        status: first.status,
        titles: body.results.map(task => task.title),
        licence: body.licence.id,
        etag: etag,
        repeat: again.status,
    };
}"""


@contextmanager
def _town_site() -> Iterator[str]:
    class Page(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = "<!doctype html><html lang='fi'><title>Kunta</title><p>Kunnan sivu</p>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body.encode())

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Page)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_a_page_on_another_site_reads_the_open_data(
    world: World, page: Any, live_server: Any
) -> None:
    world.roadmap.is_public = True
    world.roadmap.save()
    Task.objects.filter(pk=world.own_task.pk).update(is_public=True)
    # Another site: a town's page on a server of its own (another origin, and none of our
    # policies), on the loopback like ours, since Chromium keeps public sites off local ones.
    with _town_site() as elsewhere:
        page.goto(f"{elsewhere}/tiekartta.html")
        address = (
            f"{live_server.url}/avoin-data/v1/organisations/testikaupunki/roadmaps/2026-2028/tasks"
        )
        result = page.evaluate(READ, address)
    assert result["status"] == 200
    assert result["titles"] == ["Vesimittarien etäluenta"]
    assert result["licence"] == "CC-BY-4.0"
    assert result["etag"]
    assert result["repeat"] == 304
    cookies = page.context.cookies(live_server.url)
    assert not [c for c in cookies if c["name"] == "sessionid"]
