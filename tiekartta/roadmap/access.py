"""Scoped lookups for roadmap objects, on top of the membership from accounts.access."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from tiekartta.accounts.models import Membership
from tiekartta.accounts.policy import Capability, allows
from tiekartta.roadmap.models import Person, Roadmap, Task, Theme


def get_roadmap(membership: Membership, slug: str) -> Roadmap:
    return get_object_or_404(
        Roadmap.objects.select_related("organisation"),
        organisation=membership.organisation,
        slug=slug,
    )


def get_theme(roadmap: Roadmap, pk: int) -> Theme:
    return get_object_or_404(Theme, roadmap=roadmap, pk=pk)


def get_person(membership: Membership, pk: int) -> Person:
    return get_object_or_404(Person, organisation=membership.organisation, pk=pk)


def get_task(roadmap: Roadmap, pk: int) -> Task:
    return get_object_or_404(
        Task.objects.select_related("theme", "owner", "roadmap", "carried_over_from__roadmap"),
        roadmap=roadmap,
        pk=pk,
    )


def can_edit_task(membership: Membership, task: Task) -> bool:
    return allows(membership, Capability.TASK_EDIT, task)
