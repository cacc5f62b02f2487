"""Least privilege below the parser: Landlock, seccomp, namespaces and an unprivileged user."""
