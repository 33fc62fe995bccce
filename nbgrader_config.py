"""nbgrader configuration of the repository: solutions/ is the source, exercises/ the release.

A running seminar (submissions, gradebook) never lives here: trainers create
a seminar folder elsewhere with `kommsocial seminar anlegen DIR`. To regenerate
exercises/ use `make exercises` (runs in a throw-away folder).
"""

import os
import tempfile

from kommsocial.seminar.config import apply_common

c = get_config()  # noqa: F821 (provided by nbgrader)
apply_common(c)
c.CourseDirectory.root = os.path.dirname(os.path.abspath(__file__))
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "exercises"
c.CourseDirectory.course_id = "kommsocial"
# Keep any gradebook out of the repository.
c.CourseDirectory.db_url = "sqlite:///" + os.path.join(tempfile.gettempdir(), "kommsocial-repo-gradebook.db")
