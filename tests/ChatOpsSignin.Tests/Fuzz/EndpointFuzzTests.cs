using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ChatOpsSignin.Core.Chat;
using ChatOpsSignin.StandIns.Slack;
using ChatOpsSignin.Tests.Slack;
using ChatOpsSignin.Tests.Teams;
using CsCheck;

namespace ChatOpsSignin.Tests.Fuzz;

/// <summary>
/// Generated malformed requests over real HTTP to the Slack endpoints (correctly signed, so they pass the signature
/// check and reach the parsers) and to the Teams endpoint (local mode, so no token is needed). None may answer 500,
/// and only well-formed requests may reach the front door.
/// </summary>
public sealed class EndpointFuzzTests
{
    private const int Iterations = 600;

    private static readonly HashSet<HttpStatusCode> SlackAnswers =
        [HttpStatusCode.OK, HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized, HttpStatusCode.RequestEntityTooLarge];

    private static readonly string[] SlackFields = ["team_id", "user_id", "text", "channel_id", "response_url", "ssl_check", "payload", "enterprise_id"];

    private static readonly Gen<Dictionary<string, string>> SlackForm = Gen.Select(
        Gen.Int[0, SlackFields.Length - 1].Select(i => SlackFields[i]).Array[0, 8],
        FuzzInputs.Text.Array[8],
        (keys, values) => keys.Select((k, i) => (k, values[i])).DistinctBy(p => p.k).ToDictionary(p => p.k, p => p.Item2));

    [Fact]
    public async Task Signed_Garbage_To_The_Slack_Endpoints_Never_Answers_500_Or_Submits_A_Bad_Request()
    {
        await using var standIn = await SlackStandIn.StartAsync();
        await using var host = await SlackTestHost.StartAsync(standIn, TimeProvider.System);
        using var client = host.SignedClient();

        await Gen.Select(SlackForm, FuzzInputs.Object, FuzzInputs.Text, Gen.Int[0, 3]).SampleAsync(async (form, payload, raw, shape) =>
        {
            form["team_id"] = shape == 0 ? SlackStandIn.TeamId : form.GetValueOrDefault("team_id", "T1");
            form["user_id"] = form.GetValueOrDefault("user_id", "U1");
            HttpContent content = shape switch
            {
                1 => new FormUrlEncodedContent(new Dictionary<string, string> { ["payload"] = payload.ToJsonString() }),
                2 => new ByteArrayContent(Encoding.UTF8.GetBytes(raw)),
                _ => new FormUrlEncodedContent(form),
            };
            content.Headers.ContentType ??= new("application/x-www-form-urlencoded");
            using var response = await client.PostAsync(shape == 1 ? "slack/interactivity" : "slack/commands", content);

            Assert.Contains(response.StatusCode, SlackAnswers);
        }, iter: Iterations, threads: 1);

        Assert.All(host.Broker.Submitted, request =>
        {
            Assert.True(ChatLimits.IsProfileName(request.Profile));
            Assert.True((request.Reason?.Length ?? 0) <= ChatLimits.MaxReasonLength);
        });
    }

    [Fact]
    public async Task Garbage_Activities_To_The_Teams_Endpoint_Never_Answer_500_Or_Submit_A_Bad_Request()
    {
        await using var host = await TeamsTestHost.StartLocalAsync(TimeProvider.System);

        await Gen.Select(FuzzInputs.Object, Gen.Bool).SampleAsync(async (activity, addressed) =>
        {
            if (addressed)
            {
                activity["type"] = "message";
                activity["serviceUrl"] = host.Connector.ServiceUrl;
                activity["conversation"] = activity["conversation"] as JsonObject ?? new JsonObject { ["id"] = "a:1" };
                activity["from"] = activity["from"] as JsonObject ?? new JsonObject { ["id"] = "29:x", ["aadObjectId"] = "aad-x" };
            }

            using var response = await host.PostAsync(activity, token: null);

            Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
            Assert.True((int)response.StatusCode < 500 || response.StatusCode == HttpStatusCode.NotImplemented, $"{(int)response.StatusCode} for {activity.ToJsonString()}");
        }, iter: Iterations, threads: 1);

        Assert.All(host.Broker.Submitted, request =>
        {
            Assert.True(ChatLimits.IsProfileName(request.Profile));
            Assert.True((request.Reason?.Length ?? 0) <= ChatLimits.MaxReasonLength);
            Assert.False(string.IsNullOrWhiteSpace(request.Requester.Id.User));
        });
    }
}
