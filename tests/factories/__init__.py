from .accounts import DepartmentFactory, DistrictFactory, OfficeFactory, UserFactory, make_user
from .courses import CourseFactory, LessonFactory, ModuleFactory, TopicFactory, build_course

__all__ = [
    "CourseFactory",
    "DepartmentFactory",
    "DistrictFactory",
    "LessonFactory",
    "ModuleFactory",
    "OfficeFactory",
    "TopicFactory",
    "UserFactory",
    "build_course",
    "make_user",
]
