"""Entities, value objects and domain errors. Pure Python: no boto3, no Powertools, no HTTP."""
