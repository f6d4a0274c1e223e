"""Mechanism shared by every target: neutral sample values (more to come: name allocation, cycles)."""
