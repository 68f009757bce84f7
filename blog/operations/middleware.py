from django.conf import settings


def permissions_policy(get_response):
    """Django sets the other security headers itself (SecurityMiddleware, CSP); this one
    it has no setting for."""

    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response

    return middleware
