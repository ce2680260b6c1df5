"""Subcommands of `helpdesk`: each module here exposes `register(subparsers)`; the CLI finds them itself."""
