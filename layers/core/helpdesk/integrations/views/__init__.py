"""The integrations context's published shapes: `api` for its API and webhook bodies, `queue` for its
queue messages (a consumer imports only these, so its cold start does not build every API model)."""
