namespace ChatOpsSignin.Core.Links;

/// <summary>What <c>GET /go/&lt;id&gt;</c> answers: a redirect to AWS, or a page that says what happened (never an AWS URL).</summary>
public abstract record ClickOutcome
{
    private ClickOutcome()
    {
    }

    /// <summary>302 to the AWS sign-in URL. <see cref="ToString"/> never shows it.</summary>
    public sealed record Redirect(ConsoleLink Link) : ClickOutcome
    {
        public override string ToString() => "Redirect(url redacted)";
    }

    /// <param name="Status">HTTP status: 404 unknown, 410 used or expired, 403 refused, 502 AWS failed.</param>
    public sealed record Page(int Status, string Title, string Message) : ClickOutcome;
}

/// <summary>Where a click came from, for the audit trail.</summary>
public sealed record ClickSource(string? Address, string? UserAgent);
