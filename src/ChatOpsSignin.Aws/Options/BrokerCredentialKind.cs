namespace ChatOpsSignin.Aws.Options;

/// <summary>What the bot's own AWS credentials are; it decides role chaining and SessionDuration.</summary>
public enum BrokerCredentialKind
{
    /// <summary>Detect: a session token means temporary credentials (ECS, Lambda, EC2 role, SSO).</summary>
    Auto,

    /// <summary>IAM user access keys: AssumeRole up to 12 h console sessions, GetFederationToken possible.</summary>
    LongTerm,

    /// <summary>Role credentials: role chaining caps sessions at 1 h and forbids SessionDuration.</summary>
    Temporary,
}
