namespace ChatOpsSignin.Core.Identity;

/// <summary>Where a request came from and where its answers go.</summary>
public enum ChatPlatform
{
    Slack,
    Teams,

    /// <summary>The <c>link</c> CLI verb: the requester is named on the command line, the link goes to stdout.</summary>
    Cli,
}
