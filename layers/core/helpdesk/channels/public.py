"""What other contexts may use of channels: they import it from here, never from its inner modules."""

from __future__ import annotations

from helpdesk.channels.model.forms import FieldKind, FormField, FormSpec

__all__ = ["FieldKind", "FormField", "FormSpec"]
