"""The local stack and the `helpdesk` command line (not shipped to Lambda)."""
