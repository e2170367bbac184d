from .roles import Role, has_role, is_staff_author


def roles(request):
    user = request.user
    return {
        "user_roles": {
            "cell_admin": has_role(user, Role.CELL_ADMIN),
            "trainer": has_role(user, Role.TRAINER),
            "course_director": has_role(user, Role.COURSE_DIRECTOR),
            "hod": has_role(user, Role.HOD) and getattr(user, "department_id", None) is not None,
            "trainee": has_role(user, Role.TRAINEE),
            # Who works in the Wagtail admin: only they get its user bar on pages (the bar
            # loads every permission of the user, two queries, to decide what to show).
            "author": is_staff_author(user) or getattr(user, "is_superuser", False),
        }
    }
