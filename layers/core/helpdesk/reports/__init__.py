"""Reports for every stakeholder: facts rolled up from the table's stream, summed per request."""
