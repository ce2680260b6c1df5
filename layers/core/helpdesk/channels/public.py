"""What other contexts may use of channels: they import it from here, never from its inner modules."""

from __future__ import annotations

from helpdesk.channels.model.forms import FieldKind, FormField, FormSpec
from helpdesk.channels.model.inbound import InboundFile, InboundMessage
from helpdesk.channels.ports import ChannelIntake

__all__ = ["ChannelIntake", "FieldKind", "FormField", "FormSpec", "InboundFile", "InboundMessage"]
