"""Detection: Presidio's AnalyzerEngine with the offline spaCy model, configured from models/."""
