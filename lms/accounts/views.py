from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from . import selectors, services
from .forms import ProfileForm


class SignInView(LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


@login_required
def profile(request):
    user = request.user
    if request.method == "POST":
        form = ProfileForm(request.POST, instance=selectors.profile_for(user=user))
        if form.is_valid():
            services.update_profile(
                user=user,
                actor=user,
                data={name: form.cleaned_data[name] for name in services.PROFILE_FIELDS},
            )
            messages.success(request, _("Your profile has been saved."))
            return redirect("accounts:profile")
    else:
        form = ProfileForm(instance=selectors.profile_for(user=user))
    return render(
        request,
        "accounts/profile.html",
        {"form": form, "officer": selectors.profile_for(user=user)},
    )
