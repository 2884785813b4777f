"""Our Presidio recognizers, loaded by name from ``models/recognizers.yaml`` ("module:Class").

One module per concept: ``base`` (rule recognizer with context and checksums), ``contact``
(phones, handles, dates of birth), ``uk_ids`` (government, police, financial, device and
vehicle identifiers), ``address``, ``names`` (titles, ranks, lexicon) and ``special``
(special-category terms).
"""
