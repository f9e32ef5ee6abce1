"""Shared text utilities that every stage uses (DESIGN.md: the text layer at the bottom)."""
