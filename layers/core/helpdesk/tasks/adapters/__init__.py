"""DynamoDB, Cognito, SQS and Jira HTTP implementations of the ports, and the in-memory fakes."""
