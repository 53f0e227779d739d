using System.Text.Json;
using ChatOpsSignin.Core.Chat;
using ChatOpsSignin.Slack.Commands;
using ChatOpsSignin.Slack.Interactivity;
using ChatOpsSignin.Teams.Approvals;
using ChatOpsSignin.Teams.Commands;
using ChatOpsSignin.Teams.Identity;
using ChatOpsSignin.Teams.Inbound;
using CsCheck;

namespace ChatOpsSignin.Tests.Fuzz;

/// <summary>
/// Thousands of generated inputs at every parser between the wire and the core (issue 11 item 13). A parser may say
/// "invalid" in its own way; it may never throw, and what it does accept must satisfy the limits the core relies on.
/// </summary>
public sealed class ParserFuzzTests
{
    private const int Iterations = 5_000;

    [Fact]
    public void Command_Text_Parses_To_A_Command_Within_The_Limits_Or_Says_Why() =>
        FuzzInputs.Text.Sample(text =>
        {
            foreach (var command in new[] { CommandGrammar.Parse(text, CommandHandler.Syntax), TeamsText.Parse(text) })
            {
                switch (command)
                {
                    case ChatCommand.Request request:
                        Assert.True(ChatLimits.IsProfileName(request.Profile));
                        Assert.True((request.Reason?.Length ?? 0) <= ChatLimits.MaxReasonLength);
                        Assert.DoesNotContain(request.Profile, CommandGrammar.ReservedWords);
                        break;
                    case ChatCommand.Cancel cancel:
                        Assert.StartsWith("req_", cancel.RequestId, StringComparison.Ordinal);
                        break;
                    case ChatCommand.Invalid invalid:
                        Assert.False(string.IsNullOrWhiteSpace(invalid.Problem));
                        break;
                }
            }
        }, iter: Iterations);

    [Fact]
    public void Slash_Command_Payloads_Of_Any_Shape_Parse_Or_Are_Refused() =>
        FuzzInputs.Object.Sample(payload =>
        {
            using var document = JsonDocument.Parse(payload.ToJsonString());
            if (SlashCommand.FromJson(document.RootElement) is { } command)
            {
                Assert.False(string.IsNullOrWhiteSpace(command.TeamId));
                Assert.False(string.IsNullOrWhiteSpace(command.UserId));
                Assert.DoesNotContain('/', command.TeamId);
            }
        }, iter: Iterations);

    [Fact]
    public void Interactivity_Payloads_Of_Any_Shape_Parse_Or_Are_Refused() =>
        FuzzInputs.Object.Sample(payload =>
        {
            using var document = JsonDocument.Parse(payload.ToJsonString());
            _ = BlockAction.Type(document.RootElement);
            if (BlockAction.Parse(document.RootElement) is { } action)
            {
                Assert.False(string.IsNullOrWhiteSpace(action.ActionId));
                Assert.False(string.IsNullOrWhiteSpace(action.Clicker.Id.User));
            }
        }, iter: Iterations);

    [Fact]
    public void Teams_Activities_Of_Any_Shape_Deserialise_Or_Are_Refused_And_Never_Name_A_User_Without_Ids() =>
        FuzzInputs.Object.Sample(json =>
        {
            Activity? activity;
            try
            {
                activity = JsonSerializer.Deserialize<Activity>(json.ToJsonString(), Activity.Json);
            }
            catch (JsonException)
            {
                return;
            }

            if (activity is null)
            {
                return;
            }

            _ = ApprovalClick.FromExecute(activity);
            _ = ApprovalClick.FromSubmit(activity);
            _ = TeamsText.Parse(activity.Text);
            if (TeamsIdentity.From(activity) is { } user)
            {
                Assert.False(string.IsNullOrWhiteSpace(user.Id.Tenant));
                Assert.False(string.IsNullOrWhiteSpace(user.Id.User));
            }
        }, iter: Iterations);
}
