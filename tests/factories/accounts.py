import factory
from django.contrib.auth.models import Group

from lms.accounts.models import User
from lms.core.enums import Gender, Level
from lms.core.roles import Role
from lms.departments.models import Department, District, Office


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"District {n}")


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    code = factory.Sequence(lambda n: f"D{n:03d}")
    name = factory.Sequence(lambda n: f"Department {n}")
    name_hi = factory.Sequence(lambda n: f"विभाग {n}")


class OfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Office

    department = factory.SubFactory(DepartmentFactory)
    name = factory.Sequence(lambda n: f"Office {n}")
    district = factory.SubFactory(DistrictFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"officer{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.gov.in")
    designation = "Assistant"
    level = Level.CUTTING_EDGE
    gender = Gender.FEMALE
    department = factory.SubFactory(DepartmentFactory)
    employee_code = factory.Sequence(lambda n: f"EMP{n:05d}")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if not create:
            return
        self.save()
        for role in extracted or []:
            self.groups.add(Group.objects.get_or_create(name=Role(role).value)[0])


PASSWORD = "correct-horse-battery"


def make_user(*roles, **fields) -> User:
    """A user holding ``roles`` (Role members), e.g. ``make_user(Role.HOD, department=d)``."""
    return UserFactory(roles=list(roles), **fields)
