from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.i18n import set_language
from django.views.static import serve

from blog.views.dashboard import reader_stats
from blog.views.exports import site_export, site_export_delete, site_export_file


def media(request, path):
    # MEDIA_ROOT is read per request, not when the URLs load, so it follows the settings.
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    # Renditions are named by their content (blog/publishing/renditions.py): kept a year.
    # An upload's name could one day be reused after a delete: a day.
    immutable = path.startswith("renditions/")
    response["Cache-Control"] = (
        "public, max-age=31536000, immutable" if immutable else "public, max-age=86400"
    )
    return response


urlpatterns = [
    # Before the admin's own URLs, which answer every other path under the admin's.
    path(f"{settings.ADMIN_PATH}stats/", admin.site.admin_view(reader_stats), name="reader_stats"),
    path(f"{settings.ADMIN_PATH}export/", admin.site.admin_view(site_export), name="site_export"),
    path(
        f"{settings.ADMIN_PATH}export/<str:name>/",
        admin.site.admin_view(site_export_file),
        name="site_export_file",
    ),  # fmt: skip
    path(
        f"{settings.ADMIN_PATH}export/<str:name>/delete/",
        admin.site.admin_view(site_export_delete),
        name="site_export_delete",
    ),  # fmt: skip
    # The admin's language picker (templates/admin/base_site.html): Django's view, which
    # sets the cookie blog.public.languages reads for the admin only.
    path(f"{settings.ADMIN_PATH}language/", set_language, name="set_language"),
    path(settings.ADMIN_PATH, admin.site.urls),
    path("", include("blog.urls")),
]

if settings.SERVE_MEDIA:
    # Uploaded pictures, for `make run` and single-machine setups without a web server
    # in front. serve() refuses paths outside MEDIA_ROOT with a 404.
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [
        re_path(rf"^{media_prefix}(?P<path>.*)$", media, name="media"),
    ]

handler400 = "blog.views.bad_request"
handler500 = "blog.views.server_error"
