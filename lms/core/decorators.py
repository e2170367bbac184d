from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect


def role_required(test):
    """Views for signed-in users passing ``test(user)``; others get 403, anonymous users
    the sign-in page. Object scope is still the selectors' job."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not test(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def post_only(back):
    """For a view that changes something and answers only a POST. A GET or HEAD of its
    address (the back button, a reload, the language switch coming back to the page)
    changes nothing: it redirects to ``back(request, *args, **kwargs)``, the address of the
    page the form belongs to, which must check, as that page does, who may see it (404 or
    403 otherwise). Any other method is 405."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method in ("GET", "HEAD"):
                return redirect(back(request, *args, **kwargs))
            if request.method != "POST":
                return HttpResponseNotAllowed(["GET", "POST"])
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
