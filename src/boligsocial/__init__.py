"""Boligsocial: a platform for Denmark's boligsociale helhedsplaner."""

__version__ = "0.1.0"
