"""The local equivalent of Cognito's hosted sign-in: OAuth 2 code + PKCE, sign-up, reset."""
