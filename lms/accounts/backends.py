"""The sign-in backend: django-axes' lock-out check in front of Django's model backend."""

from axes.backends import AxesBackend


class SignInBackend(AxesBackend):
    """Refuses a sign-in over HTTP while its user name and address are locked out
    (AXES_* settings); the next backend, Django's ModelBackend, checks the password.

    Authentication without a request (a management command, Django's test client
    ``login()``) is not a sign-in from an address, so there is nothing to throttle: the
    lock-out check is skipped there rather than refusing it outright as axes does.
    Inheriting ModelBackend (through AxesBackend) lets sessions that name this backend
    load their user."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
