using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChatOpsSignin.EndToEndTests.Hosting;
using ChatOpsSignin.StandIns.Aws;
using ChatOpsSignin.StandIns.Graph;
using ChatOpsSignin.StandIns.Teams;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsSignin.EndToEndTests.Teams;

/// <summary>
/// One Teams deployment over loopback for the scenario classes: the identity stand-in (real JWTs, on the rig's fake
/// clock, which starts at the real now), the Bot Connector stand-in, the Graph stand-in, the AWS stand-in, and the real
/// bot with the given profiles. Activities are signed like the Bot Framework signs them.
/// </summary>
internal sealed partial class TeamsRig : IAsyncDisposable
{
    public const string AppId = "00000000-0000-0000-0000-00000000b07a";
    public const string Tenant = "tenant-e2e";
    public const string ApprovalChannel = "19:approvals@thread.tacv2";
    public const string TeamChannel = "19:ops@thread.tacv2;messageid=1700000000000";
    public const string AdminRole = "arn:aws:iam::111122223333:role/Admin";
    private const string AppPassword = "e2e-app-password";
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    public static readonly ConnectorMember Alice = new("29:alice", "Alice", "aad-alice", "alice@contoso.example", null);
    public static readonly ConnectorMember Bob = new("29:bob", "Bob", "aad-bob", "bob@contoso.example", null);
    public static readonly ConnectorMember Carol = new("29:carol", "Carol", "aad-carol", "carol@contoso.example", null);
    public static readonly ConnectorMember Dave = new("29:dave", "Dave", "aad-dave", "dave@contoso.example", null);
    public static readonly ConnectorMember Mallory = new("29:mallory", "Mallory", "aad-mallory", "mallory@contoso.example", null);

    private readonly HttpClient http = new();

    private TeamsRig(FakeTimeProvider time, AwsStandIn aws, BotFrameworkIdentityStandIn identity, BotConnectorStandIn connector, GraphStandIn graph)
    {
        Time = time;
        Aws = aws;
        Identity = identity;
        Connector = connector;
        Graph = graph;
    }

    public FakeTimeProvider Time { get; }

    public AwsStandIn Aws { get; }

    public BotFrameworkIdentityStandIn Identity { get; }

    public BotConnectorStandIn Connector { get; }

    public GraphStandIn Graph { get; }

    public BotHost Bot { get; private set; } = null!;

    /// <param name="settings">Groups and Profiles (and any other keys); Teams and AWS wiring is added.</param>
    /// <param name="arrange">Runs before the bot starts (directory contents the bot must see at start).</param>
    /// <param name="role">The role the AWS stand-in knows.</param>
    /// <param name="awsOnBotClock">
    /// The AWS stand-in keeps the bot's fake clock: the bot signs every AWS call with it, and a revoke's Deny compares session
    /// issue times on it. Without it the bot's calls fail once its clock has moved more than 5 minutes from the real one.
    /// </param>
    public static async Task<TeamsRig> StartAsync(
        IReadOnlyDictionary<string, string?> settings, Action<TeamsRig>? arrange = null, string role = AdminRole, bool awsOnBotClock = false)
    {
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var aws = await AwsStandIn.StartAsync(awsOnBotClock ? time : null);
        aws.AddRole(role);
        var identity = await BotFrameworkIdentityStandIn.StartAsync(time);
        identity.RegisterClient(AppId, AppPassword);
        var connector = await BotConnectorStandIn.StartAsync(identity);
        foreach (var member in new[] { Alice, Bob, Carol, Dave, Mallory })
        {
            connector.AddMember(member);
        }

        var rig = new TeamsRig(time, aws, identity, connector, await GraphStandIn.StartAsync(identity));
        arrange?.Invoke(rig);
        rig.Bot = new BotHost(aws, time, new Dictionary<string, string?>(settings)
        {
            ["Teams:AppId"] = AppId,
            ["Teams:AppPassword"] = AppPassword,
            ["Teams:TenantId"] = Tenant,
            ["Teams:OpenIdMetadataUrl"] = identity.MetadataUrl,
            ["Teams:EntraOpenIdMetadataUrl"] = identity.EntraMetadataUrl,
            ["Teams:TokenEndpoint"] = identity.TokenEndpoint,
            ["Teams:GraphBaseUrl"] = rig.Graph.GraphBaseUrl.AbsoluteUri,
            ["Teams:AllowedServiceUrlHosts:0"] = "127.0.0.1",
        });
        rig.Bot.StartServer();
        return rig;
    }

    public static string Key(ConnectorMember member) => $"teams:{Tenant}/{member.AadObjectId}";

    /// <summary>A command said in the team channel (the bot @mentioned); the bot answers 200 once it is recorded.</summary>
    public async Task SayAsync(ConnectorMember from, string text, string conversationId = TeamChannel)
    {
        using var response = await SendAsync(from, text, conversationId);
        Assert.True(response.IsSuccessStatusCode, response.StatusCode.ToString());
    }

    /// <summary>As <see cref="SayAsync"/>, for a caller that checks the bot's answer itself.</summary>
    public Task<HttpResponseMessage> SendAsync(ConnectorMember from, string text, string conversationId = TeamChannel) =>
        PostAsync(Message(from, conversationId, "<at>ChatOpsSignin</at> " + text));

    /// <summary>An Action.Execute click on a card button; returns the invoke response (the card the clicker sees).</summary>
    public async Task<string> ClickAsync(ConnectorMember clicker, string verb, string requestId)
    {
        using var response = await PostAsync(TeamsActivities.Execute(Message(clicker, ApprovalChannel, string.Empty), verb, requestId));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    public async Task<RecordedActivity> WaitForAsync(Func<RecordedActivity, bool> match)
    {
        using var timeout = new CancellationTokenSource(Wait);
        return await Connector.WaitForAsync(match, timeout.Token);
    }

    /// <summary>The <paramref name="nth"/> approval prompt posted in the approval channel (1-based).</summary>
    public Task<RecordedActivity> PromptAsync(int nth = 1) =>
        WaitForAsync(a => Prompts().Count >= nth && a == Prompts()[nth - 1]);

    public IReadOnlyList<RecordedActivity> Prompts() =>
        [.. Connector.Activities.Where(a => a.Method == "POST" && a.ConversationId == ApprovalChannel && a.ReplyToId is null && a.Json.Contains("\"verb\":\"approve\"", StringComparison.Ordinal))];

    /// <summary>The latest card the prompt shows (its last PUT, else the post).</summary>
    public RecordedActivity Latest(RecordedActivity prompt) =>
        Connector.Activities.LastOrDefault(a => a.Method == "PUT" && a.ActivityId == prompt.ActivityId) ?? prompt;

    /// <summary>Waits until the prompt has been redrawn into a card that satisfies <paramref name="match"/>.</summary>
    public Task<RecordedActivity> WaitForPromptAsync(RecordedActivity prompt, Func<string, bool> match) =>
        WaitForAsync(a => a.Method == "PUT" && a.ActivityId == prompt.ActivityId && match(Shown(a)));

    /// <summary>The sign-in link cards in the member's 1:1 chat (a link only ever arrives by a PUT into a placeholder).</summary>
    public IReadOnlyList<RecordedActivity> Links(ConnectorMember member) =>
        [.. Connector.Activities.Where(a => a.Method == "PUT" && a.ConversationId == BotConnectorStandIn.PersonalConversationId(member) && HasLink(a))];

    public Task WaitForLinksAsync(ConnectorMember member, int count) =>
        WaitForAsync(_ => Links(member).Count >= count);

    /// <summary>A text the bot sent a member: an answer in the team channel, or a private notice in their 1:1 chat.</summary>
    public Task<RecordedActivity> TextToAsync(ConnectorMember member, Func<string, bool> match) =>
        WaitForAsync(a => (a.ConversationId == TeamChannel || a.ConversationId == BotConnectorStandIn.PersonalConversationId(member))
            && a.Text is { } text && match(text));

    public void AssertNoLinkOutsideThePersonalChat(ConnectorMember member) =>
        Assert.All(Connector.Activities.Where(a => a.ConversationId != BotConnectorStandIn.PersonalConversationId(member)), a => Assert.False(HasLink(a)));

    /// <summary>What a person reads in an activity: its text and every card text and button title, one per line (unescaped).</summary>
    public static string Shown(RecordedActivity activity) => string.Join('\n', Strings(activity.Body, "text", "title"));

    /// <summary>The card of an invoke response as a person reads it.</summary>
    public static string Shown(string invokeResponse) => string.Join('\n', Strings(JsonNode.Parse(invokeResponse), "text", "title"));

    public static string RequestIdIn(RecordedActivity activity) => RequestIdPattern().Match(activity.Json).Value;

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        await Bot.DisposeAsync();
        await Graph.DisposeAsync();
        await Connector.DisposeAsync();
        await Identity.DisposeAsync();
        await Aws.DisposeAsync();
    }

    private static IEnumerable<string> Strings(JsonNode? node, params string[] names) => node switch
    {
        JsonObject o => o.SelectMany(p => names.Contains(p.Key) && p.Value is JsonValue v && v.TryGetValue<string>(out var s) ? [s] : Strings(p.Value, names)),
        JsonArray a => a.SelectMany(n => Strings(n, names)),
        _ => [],
    };

    private static bool HasLink(RecordedActivity activity) =>
        activity.Json.Contains("Action=login", StringComparison.Ordinal) || activity.Json.Contains("federation", StringComparison.Ordinal);

    private JsonObject Message(ConnectorMember from, string conversationId, string text) =>
        TeamsActivities.Message(AppId, Tenant, Connector.ServiceUrl, from, conversationId, text);

    private async Task<HttpResponseMessage> PostAsync(JsonObject activity)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Bot.BaseAddress, "/api/messages"))
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Identity.MintChannelToken(AppId, Connector.ServiceUrl));
        return await http.SendAsync(request);
    }

    [GeneratedRegex("req_[0-9a-f]{24}")]
    private static partial Regex RequestIdPattern();
}
