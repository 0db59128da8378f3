from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _

from volex.volunteers.services import volunteer_register

from .forms import SignUpForm


def signup(request):
    if request.user.is_authenticated:
        return redirect("volunteers:me")
    form = SignUpForm(request.POST or None, initial={"preferred_language": request.LANGUAGE_CODE})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            volunteer = volunteer_register(
                email=data["email"],
                password=data["password"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                preferred_language=data["preferred_language"],
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            login(request, volunteer.user, backend="django.contrib.auth.backends.ModelBackend")
            translation.activate(volunteer.user.preferred_language)
            messages.success(request, _("Welcome to Volex! Complete your profile to be matched."))
            response = redirect("volunteers:edit")
            response.set_cookie("django_language", volunteer.user.preferred_language)
            return response
    return render(request, "accounts/signup.html", {"form": form})
