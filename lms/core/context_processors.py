from .roles import Role, has_role


def roles(request):
    user = request.user
    return {
        "user_roles": {
            "cell_admin": has_role(user, Role.CELL_ADMIN),
            "trainer": has_role(user, Role.TRAINER),
            "course_director": has_role(user, Role.COURSE_DIRECTOR),
            "hod": has_role(user, Role.HOD) and getattr(user, "department_id", None) is not None,
            "trainee": has_role(user, Role.TRAINEE),
        }
    }
