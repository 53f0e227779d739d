namespace ChatOpsSignin.Aws.Links;

/// <summary>The federation endpoint's sign-in token: a bearer secret for 15 minutes. <see cref="ToString"/> never shows it.</summary>
public sealed class SigninToken(string value)
{
    public string Value { get; } = value;

    public override string ToString() => "SigninToken(redacted)";
}
