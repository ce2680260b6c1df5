"""The few user-pool calls the sign-in server makes, with Cognito's errors turned into plain answers."""

from __future__ import annotations

from typing import Any

from botocore.exceptions import ClientError

CUSTOMER_GROUP = "customer"
ORGANISATION_ATTRIBUTE = "custom:organisation_id"
REFUSED_SIGN_IN = {"NotAuthorizedException", "UserNotFoundException", "UserNotConfirmedException"}


class PasswordRejected(Exception):
    """The pool refused the new password (its policy); Cognito's own wording is not shown to people."""


class Cognito:
    def __init__(self, idp: Any, user_pool_id: str) -> None:
        self._idp = idp
        self._pool = user_pool_id

    def sign_in(self, client_id: str, email: str, password: str) -> str | None:
        """The Cognito refresh token for a confirmed user with this password; None for any refusal."""
        try:
            answer = self._idp.admin_initiate_auth(
                UserPoolId=self._pool,
                ClientId=client_id,
                AuthFlow="ADMIN_USER_PASSWORD_AUTH",
                AuthParameters={"USERNAME": email, "PASSWORD": password},
            )
        except ClientError as error:
            if _code(error) in REFUSED_SIGN_IN:
                return None
            raise
        result = answer.get("AuthenticationResult")
        # The emulator signs in unconfirmed users; Cognito does not. Ask after the password was right.
        if not result or self.status(email) != "CONFIRMED":
            return None
        return str(result["RefreshToken"])

    def tokens(self, client_id: str, cognito_refresh: str) -> dict[str, Any] | None:
        try:
            answer = self._idp.admin_initiate_auth(
                UserPoolId=self._pool,
                ClientId=client_id,
                AuthFlow="REFRESH_TOKEN_AUTH",
                AuthParameters={"REFRESH_TOKEN": cognito_refresh},
            )
        except ClientError:
            return None
        result = answer["AuthenticationResult"]
        return {
            "id_token": result["IdToken"],
            "access_token": result["AccessToken"],
            "expires_in": int(result.get("ExpiresIn", 3600)),
            "token_type": "Bearer",
        }

    def status(self, email: str) -> str | None:
        try:
            return str(self._idp.admin_get_user(UserPoolId=self._pool, Username=email)["UserStatus"])
        except ClientError as error:
            if _code(error) == "UserNotFoundException":
                return None
            raise

    def password_policy(self) -> dict[str, Any]:
        pool = self._idp.describe_user_pool(UserPoolId=self._pool)["UserPool"]
        return dict(pool.get("Policies", {}).get("PasswordPolicy", {}))

    def register(self, client_id: str, email: str, password: str, name: str) -> bool:
        """True when a new user was created; False when the address already has one."""
        try:
            self._idp.sign_up(
                ClientId=client_id,
                Username=email,
                Password=password,
                UserAttributes=[{"Name": "email", "Value": email}, {"Name": "name", "Value": name}],
            )
        except ClientError as error:
            if _code(error) == "UsernameExistsException":
                return False
            if _code(error) in {"InvalidPasswordException", "InvalidParameterException"}:
                raise PasswordRejected(error.response["Error"].get("Message", "password rejected")) from None
            raise
        return True

    def confirm_customer(self, email: str, organisation_id: str, name: str | None = None) -> None:
        """`name`: what the person who proved the address typed at sign-up (an earlier sign-up may differ)."""
        self._idp.admin_confirm_sign_up(UserPoolId=self._pool, Username=email)
        attributes = [
            {"Name": "email_verified", "Value": "true"},
            {"Name": ORGANISATION_ATTRIBUTE, "Value": organisation_id},
        ]
        if name:
            attributes.append({"Name": "name", "Value": name})
        self._idp.admin_update_user_attributes(
            UserPoolId=self._pool, Username=email, UserAttributes=attributes
        )
        self._idp.admin_add_user_to_group(UserPoolId=self._pool, Username=email, GroupName=CUSTOMER_GROUP)

    def set_password(self, email: str, password: str) -> None:
        try:
            self._idp.admin_set_user_password(
                UserPoolId=self._pool, Username=email, Password=password, Permanent=True
            )
        except ClientError as error:
            if _code(error) in {"InvalidPasswordException", "InvalidParameterException"}:
                raise PasswordRejected(error.response["Error"].get("Message", "password rejected")) from None
            raise
        self._idp.admin_user_global_sign_out(UserPoolId=self._pool, Username=email)


def _code(error: ClientError) -> str:
    return str(error.response.get("Error", {}).get("Code", ""))
