"""Every Volex model can be administered: registered itself, or edited inline under its parent."""

from django.apps import apps
from django.contrib import admin


def test_every_model_has_an_admin_page_or_an_inline():
    inlined = {
        inline.model
        for model_admin in admin.site._registry.values()
        for inline in model_admin.inlines
    }
    missing = [
        model.__name__
        for model in apps.get_models()
        if model.__module__.startswith("volex.")
        and not admin.site.is_registered(model)
        and model not in inlined
    ]
    assert missing == []
