namespace ChatOpsSignin.Aws.Cognito;

/// <summary>A Cognito Identity answer: a value, or the service's error (<c>__type</c> sanitised per the awsJson1_1 protocol).</summary>
public sealed record CognitoReply<T>(T? Value, CognitoError? Error)
    where T : class
{
    public static CognitoReply<T> Of(T value) => new(value, null);

    public static CognitoReply<T> Failed(CognitoError error) => new(null, error);
}

/// <param name="Type">Error shape name such as NotAuthorizedException; <see cref="TimeoutType"/> / <see cref="UnreachableType"/> for transport failures.</param>
public sealed record CognitoError(string Type, int Status, string Message)
{
    public const string TimeoutType = "Timeout";
    public const string UnreachableType = "Unreachable";
}

/// <summary>GetId answer.</summary>
public sealed record CognitoIdentity(string IdentityId);

/// <summary>GetOpenIdToken(ForDeveloperIdentity) answer: the OIDC token is a bearer secret for 10+ minutes.</summary>
public sealed record CognitoOpenIdToken(string IdentityId, string Token)
{
    public override string ToString() => $"CognitoOpenIdToken({IdentityId}, token redacted)";
}
