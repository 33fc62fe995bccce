"""Start a kernel command with an address-space limit: ``python -m kommsocial.limited_kernel BYTES CMD…``.

Used for the public apps (public_server.LimitedKernel): the limit is set in this process and
inherited by the kernel it becomes, so one visitor's page cannot take the machine's memory.
"""

from __future__ import annotations

import os
import resource
import sys


def main(argv: list[str]) -> None:
    limit, cmd = int(argv[0]), argv[1:]
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    os.execvp(cmd[0], cmd)


if __name__ == "__main__":
    main(sys.argv[1:])
