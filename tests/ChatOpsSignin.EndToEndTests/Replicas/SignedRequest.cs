using System.Globalization;
using System.Net.Http.Headers;
using ChatOpsSignin.StandIns.Slack;

namespace ChatOpsSignin.EndToEndTests.Replicas;

/// <summary>
/// A Slack request signed once (timestamp, signature, raw body fixed), so the very same bytes can be sent to one
/// replica and replayed to another. See https://docs.slack.dev/authentication/verifying-requests-from-slack.
/// </summary>
internal sealed record SignedRequest(string Path, byte[] Body, string Timestamp, string Signature)
{
    public Uri? ResponseUrl { get; init; }

    public static async Task<SignedRequest> CommandAsync(SlackStandIn slack, string text, string user)
    {
        var responseUrl = slack.NewResponseUrl();
        var form = SlackPayloads.SlashCommandForm(SlackPayloads.SlashCommand(SlackStandIn.TeamId, user, text, responseUrl));
        return await SignAsync("slack/commands", form) with { ResponseUrl = responseUrl };
    }

    public static async Task<SignedRequest> ClickAsync(SlackStandIn slack, string user, string name, string action, string requestId)
    {
        var responseUrl = slack.NewResponseUrl();
        var form = SlackPayloads.InteractivityForm(SlackPayloads.BlockActions(SlackStandIn.TeamId, user, name, action, requestId, responseUrl));
        return await SignAsync("slack/interactivity", form) with { ResponseUrl = responseUrl };
    }

    public HttpRequestMessage ToMessage()
    {
        var content = new ByteArrayContent(Body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        var message = new HttpRequestMessage(HttpMethod.Post, Path) { Content = content };
        message.Headers.Add("X-Slack-Request-Timestamp", Timestamp);
        message.Headers.Add("X-Slack-Signature", Signature);
        return message;
    }

    private static async Task<SignedRequest> SignAsync(string path, HttpContent form)
    {
        using (form)
        {
            var body = await form.ReadAsByteArrayAsync();
            var timestamp = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            return new SignedRequest(path, body, timestamp, SlackRequestSigner.Sign(ReplicaRig.SigningSecret, timestamp, body));
        }
    }
}
