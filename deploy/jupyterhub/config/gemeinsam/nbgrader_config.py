"""nbgrader settings of every account on the seminar hub (JUPYTER_CONFIG_PATH, set by the hub).

As nbgrader's docs put into /etc/jupyter/nbgrader_config.py: the exchange with one subfolder
per course, and JupyterHubAuthPlugin, which shows a person the courses of their hub groups
(nbgrader-<kurs> and formgrade-<kurs>) only. The hub passes course id and exchange folder on.
"""

import os

from nbgrader.auth import JupyterHubAuthPlugin

c = get_config()  # noqa: F821 (provided by nbgrader)
c.Exchange.root = os.environ.get("KOMMSOCIAL_EXCHANGE", "/srv/nbgrader/exchange")
c.Exchange.path_includes_course = True
c.Authenticator.plugin_class = JupyterHubAuthPlugin
c.CourseDirectory.course_id = os.environ.get("KOMMSOCIAL_KURS", "kommsocial")
