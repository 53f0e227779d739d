using ChatOpsSignin.Aws.Broker;
using ChatOpsSignin.Aws.Options;
using ChatOpsSignin.Core.Credentials;
using ChatOpsSignin.Core.Links;
using ChatOpsSignin.Core.Outcomes;
using ChatOpsSignin.Core.Profiles;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsSignin.Aws.Links;

/// <summary>
/// Credentials → getSigninToken → <c>Action=login&amp;Issuer&amp;Destination&amp;SigninToken</c>. SessionDuration is sent only for
/// role credentials obtained from long-term broker keys, never for federated users (see <see cref="SessionPlan"/>).
/// The URL is valid for 15 minutes from now.
/// </summary>
public sealed partial class ConsoleLinkFactory(
    FederationClient federation,
    BrokerCredentials broker,
    IOptions<AwsOptions> options,
    IOptions<LinksOptions> linkOptions,
    TimeProvider time,
    ILogger<ConsoleLinkFactory> logger) : IConsoleLinkFactory
{
    public Task<Outcome<ConsoleLink>> CreateAsync(
        IssuedCredentials credentials, string profileName, ProfileOptions profile, CancellationToken cancellationToken) =>
        CreateAsync(credentials, profileName, profile, ConsoleTarget.ProfileDefault, cancellationToken);

    public async Task<Outcome<ConsoleLink>> CreateAsync(
        IssuedCredentials credentials, string profileName, ProfileOptions profile, ConsoleTarget target, CancellationToken cancellationToken)
    {
        var sessionDuration = credentials.Source == CredentialSource.FederatedUser || !await broker.IsLongTermAsync(cancellationToken)
            ? null
            : SessionPlan.For(profile, brokerIsTemporary: false).SessionDurationParameter;
        var token = await federation.GetSigninTokenAsync(credentials.Credentials, sessionDuration, profileName, cancellationToken);
        if (!token.Succeeded)
        {
            return token.Failure;
        }

        var now = time.GetUtcNow();
        var aws = options.Value;
        var destination = ConsoleDestination.For(profile, aws.PartitionInfo, target);
        var issuer = aws.Issuer ?? $"https://{aws.PartitionInfo.ConsoleHost}/";
        var endpoint = aws.FederationEndpoint;
        var login = new Uri(endpoint, endpoint.AbsolutePath
            + "?Action=login"
            + "&Issuer=" + Uri.EscapeDataString(issuer)
            + "&Destination=" + Uri.EscapeDataString(destination.AbsoluteUri)
            + "&SigninToken=" + Uri.EscapeDataString(token.Value.Value));
        var url = linkOptions.Value.LogoutFirst ? LogoutFirst.Wrap(aws.LogoutEndpoint, login) : login;
        var sessionEnds = sessionDuration is { } duration ? now + duration : credentials.Credentials.Expiration;
        Log.Created(logger, profileName, credentials.SessionName, sessionDuration is not null, sessionEnds);
        return new ConsoleLink(url, now, now + ConsoleLink.Lifetime, sessionEnds);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Debug, Message = "Profile {Profile}: console link created for session {SessionName} (SessionDuration sent: {SentSessionDuration}, console session ends {SessionEnds:O}).")]
        public static partial void Created(ILogger logger, string profile, string sessionName, bool sentSessionDuration, DateTimeOffset sessionEnds);
    }
}
