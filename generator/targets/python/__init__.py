"""The Python SDK target (flagship)."""

from ...render import Target
from .plan import PythonTarget

TARGET: Target = PythonTarget()

__all__ = ["TARGET", "PythonTarget"]
