from rest_framework.routers import DefaultRouter


def register(router: DefaultRouter) -> None:
    """Registers this app's endpoints on the v1 router."""
