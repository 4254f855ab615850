from django.shortcuts import render


def permission_denied(request, exception=None):
    return render(request, "socialrx/403.html", {"message": str(exception or "")}, status=403)
