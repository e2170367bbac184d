"""The officer's side of a programme: checking in to a session with the code the
coordinator shows (the cell's desk is ``cell_views``, the public calendar ``public_views``)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from . import services
from .forms import CheckInForm


@login_required
def check_in(request):
    form = CheckInForm(
        request.POST if request.method == "POST" else None,
        initial={"code": request.GET.get("code", "")[:6]},
    )
    if request.method == "POST" and form.is_valid():
        try:
            attendance = services.check_in(officer=request.user, code=form.cleaned_data["code"])
        except services.ProgrammeError as error:
            form.add_error("code", str(error))
        else:
            messages.success(
                request,
                _("You are checked in for %(programme)s, %(session)s.")
                % {"programme": attendance.session.programme.title, "session": attendance.session},
            )
            return redirect("nominations:mine")
    return render(request, "programmes/check_in.html", {"form": form})
