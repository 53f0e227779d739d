using ChatOpsSignin.Aws;
using ChatOpsSignin.Cli;
using ChatOpsSignin.Core;
using ChatOpsSignin.Hosting;
using ChatOpsSignin.Hosting.Health;
using ChatOpsSignin.Links;
using ChatOpsSignin.Slack;
using ChatOpsSignin.Teams;

if (CliVerbs.IsVerb(args))
{
    return await CliVerbs.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(ConfigurationFilePolling.WithoutFileWatcher(args));
builder.Configuration.PollConfigurationFiles(builder.Environment.ContentRootPath);
builder.Services
    .AddSigninCore(builder.Configuration)
    .AddStorage(builder.Configuration)
    .AddSigninWorkers()
    .AddAwsRoom(builder.Configuration)
    .AddSlackRoom(builder.Configuration)
    .AddTeamsRoom(builder.Configuration)
    .AddReadiness()
    .AddStartupReport();
builder.AddTelemetry();

var app = builder.Build();
app.MapHealth();
app.MapTelemetry();
app.MapSlackRoom();
app.MapTeamsRoom();
app.MapClickThroughLinks();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
