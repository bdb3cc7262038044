from __future__ import annotations

from tiekartta.accounts.models import Organisation, User
from tiekartta.jobs.models import Job


def job_of(user: User, organisation: Organisation, job_id: str) -> Job | None:
    """The user's own job in the organisation, else None (another user's job is not found)."""
    return Job.objects.filter(pk=job_id, organisation=organisation, requested_by=user).first()


def latest_job(user: User, organisation: Organisation, kind: str, key: str) -> Job | None:
    """The user's latest job of `kind` for `key` in the organisation, if they asked for one."""
    return (
        Job.objects.filter(organisation=organisation, requested_by=user, kind=kind, key=key)
        .order_by("-created_at")
        .first()
    )
