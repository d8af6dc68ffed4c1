# faas python3 template: the watchdog forks this per request with the body on stdin.
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
# Packages `faas` installed for the local provider (pip install --target python_packages).
packages = os.path.join(here, "python_packages")
if os.path.isdir(packages):
    sys.path.insert(0, packages)

from function import handler  # noqa: E402


def main():
    req = sys.stdin.read()
    ret = handler.handle(req)
    if ret is not None:
        print(ret)


if __name__ == "__main__":
    main()
