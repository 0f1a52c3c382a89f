"""Patrols: the round, compliance, reminders, events, handover, inspection, patrol lists."""
