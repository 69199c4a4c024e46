"""Demo users, one for every role of DESIGN.md §1, with a password printed for the newcomer."""

from dataclasses import dataclass

from django.contrib.auth.hashers import make_password

from jaring.accounts.models import User
from jaring.accounts.roles import Role

DEMO_PASSWORD = "demo-jaring-2025"


@dataclass(frozen=True, slots=True)
class DemoUser:
    username: str
    role: Role
    region: str | None
    first_name: str
    last_name: str = ""


DEMO_USERS = [
    DemoUser("operator.besuki", Role.OPERATOR_DESA, "35.03.01.2001", "Sri", "Wahyuni"),
    DemoUser("operator.ngares", Role.OPERATOR_DESA, "35.03.11.2001", "Agus", "Prasetyo"),
    DemoUser("verifikator", Role.VERIFIKATOR, "35.03", "Heri", "Yulianto"),
    DemoUser("perencana", Role.PERENCANA, "35.03", "Dewi", "Lestari"),
    DemoUser("pejabat", Role.PEJABAT, "35.03", "Saeroni"),
    DemoUser("bpjs", Role.PETUGAS_BPJS, "35.03", "Adhie", "Wibowo"),
    DemoUser("pemantau.jatim", Role.PEMANTAU, "35", "Rina", "Kusuma"),
    DemoUser("pemantau.nasional", Role.PEMANTAU, None, "Zanariah"),
    DemoUser("admin", Role.ADMIN, None, "Admin", "Jaring"),
]


def demo_users_ensure() -> list[DemoUser]:
    """Create the demo users that do not exist yet; existing ones are left as they are."""
    # One hash for all: they share a password printed on screen anyway, and each hash costs half a second.
    password = None
    for spec in DEMO_USERS:
        if User.objects.filter(username=spec.username).exists():
            continue
        user = User(
            username=spec.username,
            role=spec.role,
            region_id=spec.region,
            first_name=spec.first_name,
            last_name=spec.last_name,
            is_staff=spec.role == Role.ADMIN,
            is_superuser=spec.role == Role.ADMIN,
        )
        password = password or make_password(DEMO_PASSWORD)
        user.password = password
        user.full_clean()
        user.save()
    return DEMO_USERS
