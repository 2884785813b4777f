"""Decide: turn findings into flags with a proposed action and a reason code."""
