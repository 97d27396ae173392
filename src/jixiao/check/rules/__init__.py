"""One module per rule or small family of rules; importing a module registers its rules (see catalogue.py)."""
