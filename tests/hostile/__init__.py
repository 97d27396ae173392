"""The bad-input catalogue: documents, records, corpora and outputs as an attacker or an unlucky user makes them."""
