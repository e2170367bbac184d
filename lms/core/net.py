"""The client's address, for sign-in lock-outs and rate limits.

Without a reverse proxy it is REMOTE_ADDR. Behind ``PROXY_COUNT`` reverse proxies that each
append the address they received the request from to X-Forwarded-For (nginx's
``$proxy_add_x_forwarded_for``; deploy/nginx sets the header to ``$remote_addr``, which is
the same for one proxy), the client is the PROXY_COUNT-th address from the right: anything
further left was written by the client and is not trusted."""

from django.conf import settings


def client_address(request) -> str | None:
    """None when the request carries no address at all (internal requests, tests): axes
    stores the address in an IP field, which would refuse a placeholder."""
    count = getattr(settings, "PROXY_COUNT", 0)
    if count:
        hops = [
            hop.strip()
            for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if hop.strip()
        ]
        if len(hops) >= count:
            return hops[-count]
    return request.META.get("REMOTE_ADDR") or None
