using ChatOpsSignin.Aws;
using ChatOpsSignin.Cli;
using ChatOpsSignin.Core;
using ChatOpsSignin.Hosting;
using ChatOpsSignin.Links;
using ChatOpsSignin.Slack;
using ChatOpsSignin.Teams;

if (CliVerbs.IsVerb(args))
{
    return await CliVerbs.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.Services
    .AddSigninCore(builder.Configuration)
    .AddSigninWorkers()
    .AddStorage(builder.Configuration)
    .AddAwsRoom(builder.Configuration)
    .AddSlackRoom(builder.Configuration)
    .AddTeamsRoom(builder.Configuration)
    .AddStartupReport();

var app = builder.Build();
app.MapGet("/healthz", () => TypedResults.Ok("ok"));
app.MapGet("/healthz/live", () => TypedResults.Ok("ok"));
app.MapSlackRoom();
app.MapTeamsRoom();
app.MapClickThroughLinks();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
