"""Who is acting: the signed-in user of the current request, or whoever a service names
with ``acting_as``. Read by audit rows that are written where no actor is passed (a change
to an officer made in the Wagtail admin, say)."""

from contextlib import contextmanager
from contextvars import ContextVar

_request = ContextVar("acting_request", default=None)
_user = ContextVar("acting_user", default=None)


def current_actor():
    """The acting user, or None (a command, a task, an anonymous request)."""
    user = _user.get()
    if user is None and (request := _request.get()) is not None:
        user = getattr(request, "user", None)
    return user if getattr(user, "is_authenticated", False) else None


@contextmanager
def acting_as(user):
    token = _user.set(user)
    try:
        yield
    finally:
        _user.reset(token)


class ActingUserMiddleware:
    """Makes the request's user the acting user (read lazily, so no query is added)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)
