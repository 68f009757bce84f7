from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class BlogConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "blog"
    verbose_name = _("Blog")

    def ready(self):
        from blog.public import pagecache, search
        from blog.publishing import videos

        search.connect_signals()
        pagecache.connect_signals()
        videos.connect_signals()


class FoundationAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with the site of blog/operations/admin_site.py as `admin.site`."""

    default = False  # INSTALLED_APPS names it; "blog" still means BlogConfig

    default_site = "blog.operations.admin_site.FoundationAdminSite"
