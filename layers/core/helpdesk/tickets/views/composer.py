"""The composer's own settings at the API's edge: the agent's signature and how their replies are signed."""

from __future__ import annotations

from pydantic import BaseModel, Field

from helpdesk.tickets.model.signature import sender_name
from helpdesk.tickets.views.tickets import _Body


class SignatureRequest(_Body):
    signature: str = Field(max_length=4000)  # the model's limit (after trimming) answers 422 with its reason


class SignatureView(BaseModel):
    """`from_name` is how the caller's replies are named in the customer's mail ("Anna from Support")."""

    signature: str
    from_name: str

    @classmethod
    def of(cls, signature: str, agent_name: str, team_name: str) -> SignatureView:
        return cls(signature=signature, from_name=sender_name(agent_name, team_name))
