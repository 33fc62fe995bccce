"""German text analysis: readability, style rules, findings."""
