"""Decide (automatic): the ``decide.policy`` stage turns findings into flags with a proposed action and a reason
code, classifying whose data each is (``classify``, ``roster``) and applying the agreed scope (``scope``).

Human decisions (accept, reject, CSV round trip) live in :mod:`redactor.decisions`.
"""
