"""The national load data (`manage.py generate_load_data`) for the server benchmarks, and the
addresses of one town's pages in it: bench/load_run.py and bench/national.py.

Import after `_server` (which sets Django up on the scratch database)."""

from __future__ import annotations

import time
from dataclasses import dataclass

import _server  # noqa: F401 - sets up Django on the scratch database first
from django.core.management import call_command

from tiekartta.accounts.models import Organisation
from tiekartta.accounts.services import create_api_token
from tiekartta.demo.load_data import LOAD_PASSWORD, organisation_slug, username
from tiekartta.progress.models import Review, ReviewStatus
from tiekartta.roadmap.models import Roadmap, Task


def load(organisations: int, tasks: int, quarters: int) -> float:
    """Migrates and writes the load data; the seconds it took."""
    call_command("migrate", verbosity=0)
    started = time.monotonic()
    call_command(
        "generate_load_data",
        organisations=organisations,
        tasks=tasks,
        quarters=quarters,
        verbosity=0,
        stdout=open("/dev/null", "w"),  # noqa: SIM115
    )
    return time.monotonic() - started


@dataclass(frozen=True)
class Town:
    """One municipality of the load: its log-in, API token and pages."""

    slug: str
    login: str
    password: str
    token: str
    base: str  # /o/<org>/r/<roadmap>/
    roadmap_id: int
    task_ids: list[int]
    review_id: int
    public: str | None  # /julkinen/<org>/<roadmap>/ when the roadmap is published

    @property
    def api_tasks(self) -> str:
        return f"/api/v1/roadmaps/{self.roadmap_id}/tasks"

    def pages(self) -> dict[str, str]:
        """The signed-in pages by name (and the public roadmap page when there is one)."""
        pages = {
            "overview": self.base,
            "task page": f"{self.base}tasks/{self.task_ids[0]}/",
            "dashboard": f"{self.base}dashboard/",
            "timeline": f"{self.base}timeline/",
            "review meeting": f"{self.base}reviews/{self.review_id}/",
        }
        if self.public:
            pages["public roadmap"] = self.public
        return pages


def town(number: int = 1, prefix: str = "kuorma") -> Town:
    slug = organisation_slug(prefix, number)
    organisation = Organisation.objects.get(slug=slug)
    roadmap = Roadmap.objects.filter(organisation=organisation).order_by("-start_year").first()
    assert roadmap is not None, slug
    task_ids = list(
        Task.objects.filter(roadmap=roadmap).order_by("pk").values_list("pk", flat=True)[:20]
    )
    review = (
        Review.objects.filter(roadmap=roadmap, status=ReviewStatus.OPEN).order_by("-pk").first()
        or Review.objects.filter(roadmap=roadmap).order_by("-pk").first()
    )
    assert review is not None and task_ids, slug
    _token, secret = create_api_token(actor=None, organisation=organisation, name="bench")
    return Town(
        slug=slug,
        login=username(slug, "editor", 1),
        password=LOAD_PASSWORD,
        token=secret,
        base=f"/o/{slug}/r/{roadmap.slug}/",
        roadmap_id=roadmap.pk,
        task_ids=task_ids,
        review_id=review.pk,
        public=f"/julkinen/{slug}/{roadmap.slug}/" if roadmap.is_public else None,
    )
