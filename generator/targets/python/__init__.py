"""The Python SDK target (flagship)."""

from .plan import PythonTarget

TARGET = PythonTarget()

__all__ = ["TARGET", "PythonTarget"]
