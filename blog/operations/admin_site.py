"""The admin site: Django's, with two-factor sign-in (TOTP, django-otp) for staff.

With ADMIN_TWO_FACTOR on (the default), the login form asks for the six-digit code from
the editor's authenticator app, and a session that has not given one is not let in. Off
is for a local demo or a test run; `make run` says which mode it runs in. The setting is
read per request, so tests can switch it."""

from django.conf import settings
from django.contrib.admin.sites import AdminSite
from django_otp.admin import OTPAdminSite


class FoundationAdminSite(OTPAdminSite):
    def __init__(self, name="admin"):
        super().__init__(name)

    @property
    def login_form(self):
        return OTPAdminSite.login_form if settings.ADMIN_TWO_FACTOR else None

    @property
    def login_template(self):
        return OTPAdminSite.login_template if settings.ADMIN_TWO_FACTOR else None

    def index(self, request, extra_context=None):
        """The front page lists the blog's models, then, apart, every other app's (sign-in
        attempts, two-factor devices, users and groups, the tasks worker's results):
        Django's app list, so each person sees only the models they may see."""
        apps = self.get_app_list(request)
        context = {
            "blog_apps": [app for app in apps if app["app_label"] == "blog"],
            "system_apps": [app for app in apps if app["app_label"] != "blog"],
            **(extra_context or {}),
        }
        return super().index(request, context)

    def has_permission(self, request):
        if settings.ADMIN_TWO_FACTOR:
            return super().has_permission(request)  # staff, and verified by a device
        return AdminSite.has_permission(self, request)
