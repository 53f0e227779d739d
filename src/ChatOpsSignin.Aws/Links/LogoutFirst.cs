namespace ChatOpsSignin.Aws.Links;

/// <summary>
/// <c>Links:LogoutFirst</c>: the link first signs the browser out of whatever console session it holds, then AWS's
/// sign-out redirects to the login. Shape: <c>{LogoutUrl}?Action=logout&amp;redirect_uri={url-encoded Action=login URL}</c>,
/// with <c>LogoutUrl</c> <c>https://us-east-1.signin.aws.amazon.com/oauth</c> in the aws partition. AWS does not document
/// this endpoint; the shape is what aws-vault (<c>login --auto-logout</c>), Leapp and Guardian janus use (research/protocols.md A.7).
/// </summary>
internal static class LogoutFirst
{
    public static Uri Wrap(Uri logoutEndpoint, Uri login) =>
        new(logoutEndpoint, logoutEndpoint.AbsolutePath + "?Action=logout&redirect_uri=" + Uri.EscapeDataString(login.AbsoluteUri));
}
