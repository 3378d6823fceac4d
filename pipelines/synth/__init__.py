"""Synthetic partnership deliveries at small, LA and national scale (see delivery.py)."""

from neglect_insight.pipelines.synth.delivery import write_delivery
from neglect_insight.pipelines.synth.params import SCALES

__all__ = ["SCALES", "write_delivery"]
