"""The admin's "Export the site" page: prepare a download (in the tasks worker), then
fetch it. Superusers only: the file holds every draft and every commenter's email."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from blog.importers.downloads import delete_download, downloads, ready_path, start_download
from blog.importers.export import FORMATS


def _superuser(request) -> None:
    if not request.user.is_superuser:
        raise PermissionDenied


def site_export(request):
    _superuser(request)
    if request.method == "POST":
        fmt = request.POST.get("format", "")
        if fmt not in FORMATS:
            messages.error(request, _("Choose a format for the export."))
        else:
            start_download(fmt)
            messages.success(
                request,
                _("The export is being prepared. This page shows it when it is ready."),
            )
        return redirect("site_export")
    found = downloads()
    context = {
        "title": _("Export the site"),
        "downloads": found,
        "preparing": any(d.state == "preparing" for d in found),
    }
    return render(request, "admin/site_export.html", context)


def site_export_file(request, name: str):
    _superuser(request)
    path = ready_path(name)
    if path is None:
        raise Http404(_("There is no export of that name; it may have been deleted."))
    return FileResponse(path.open("rb"), as_attachment=True, filename=name)


@require_POST
def site_export_delete(request, name: str):
    _superuser(request)
    delete_download(name)
    messages.success(request, _("The export %(name)s is deleted.") % {"name": name})
    return redirect("site_export")
