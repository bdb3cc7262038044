from typing import Any

from django.core.management.base import BaseCommand

from tiekartta.core.actors import Actor
from tiekartta.demo.loader import load_demo
from tiekartta.roadmap.demo import DEMO_PASSWORD, DEMO_USERS


class Command(BaseCommand):
    help = "Load the demo municipalities, roadmaps and users. Running it again adds nothing twice."

    def handle(self, *args: Any, **options: Any) -> None:
        created = load_demo(Actor.system("Demo"))
        if created:
            self.stdout.write(self.style.SUCCESS("Demo data loaded: " + ", ".join(created)))
        else:
            self.stdout.write("Demo data was already loaded; nothing added.")
        self.stdout.write(f"Demo log-ins (password for all: {DEMO_PASSWORD}):")
        for user in DEMO_USERS:
            self.stdout.write(f"  {user.username:<15} {user.role:<7} {user.organisation}")
