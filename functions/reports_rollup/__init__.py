"""Lambda handlers: one thin module per function (a package only so import-linter can check them)."""
