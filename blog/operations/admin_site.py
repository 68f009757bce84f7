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

    def has_permission(self, request):
        if settings.ADMIN_TWO_FACTOR:
            return super().has_permission(request)  # staff, and verified by a device
        return AdminSite.has_permission(self, request)
