"""Exemption citations. (Placeholder: the metadata helper owns this module.)"""
from __future__ import annotations


def exemptions(text: str) -> list[str]:
    """Sections cited as grounds for refusal in `text`, normalised like `31(1)(a)`."""
    return []
