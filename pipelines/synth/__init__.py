"""Synthetic partnership deliveries at small, LA and national scale (see delivery.py)."""

from pipelines.synth.delivery import write_delivery
from pipelines.synth.params import SCALES

__all__ = ["SCALES", "write_delivery"]
