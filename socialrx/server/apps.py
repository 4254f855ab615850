from django.apps import AppConfig


class ServerConfig(AppConfig):
    name = "socialrx.server"
    label = "socialrx"
    verbose_name = "socialrx"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from socialrx.server.lib.roles import sync_roles_after_migrate

        post_migrate.connect(sync_roles_after_migrate, sender=self)
