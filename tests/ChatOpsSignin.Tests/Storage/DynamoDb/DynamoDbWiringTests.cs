using Amazon.DynamoDBv2;
using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.Core.Delivery;
using ChatOpsSignin.Core.Hosting;
using ChatOpsSignin.Core.Policy;
using ChatOpsSignin.Core.Work;
using ChatOpsSignin.Storage.DynamoDb;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChatOpsSignin.Tests.Storage.DynamoDb;

[Collection(DynaliteCollection.Name)]
public sealed class DynamoDbWiringTests(DynaliteFixture dynalite)
{
    private IHost Host(Dictionary<string, string?> settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.Configuration.AddInMemoryCollection(settings);

        // The fixture's explicit test credentials; deployments use the SDK default chain.
        builder.Services.AddSingleton<IAmazonDynamoDB>(_ => dynalite.Server.Client());
        builder.Services.AddDynamoDbStorage(builder.Configuration);
        return builder.Build();
    }

    [Fact]
    public async Task The_Host_Creates_The_Table_At_Start_Up_And_Resolves_Every_Port()
    {
        using var host = Host(new()
        {
            ["Storage:Provider"] = "DynamoDb",
            ["Storage:DynamoDb:TableName"] = "t-host-" + Guid.NewGuid().ToString("N"),
            ["Storage:DynamoDb:ServiceUrl"] = dynalite.Server.ServiceUrl.ToString(),
            ["Storage:DynamoDb:ConfigureTimeToLive"] = "false",
        });

        await host.StartAsync();

        var services = host.Services;
        Assert.NotNull(services.GetRequiredService<IApprovalStore>());
        Assert.NotNull(services.GetRequiredService<IIssuedLinkStore>());
        Assert.NotNull(services.GetRequiredService<IAuditLog>());
        Assert.NotNull(services.GetRequiredService<IRateLimitStore>());
        Assert.NotNull(services.GetRequiredService<IReplayGuard>());
        Assert.Equal(0, await services.GetRequiredService<IWorkStore>().CountDueAsync(Samples.T0, default));
        Assert.Equal("Storage", services.GetRequiredService<RoomStatus>().Room);
        await services.GetRequiredService<IStoreMigrator>().MigrateAsync(default);
        await host.StopAsync();
    }

    [Theory]
    [InlineData("Storage:DynamoDb:TableName", "")]
    [InlineData("Storage:DynamoDb:TableName", "no spaces allowed")]
    [InlineData("Storage:DynamoDb:ServiceUrl", "not a url")]
    [InlineData("Storage:DynamoDb:Region", "Mars")]
    public async Task Bad_Configuration_Stops_Start_Up_Naming_The_Key(string key, string value)
    {
        using var host = Host(new() { [key] = value, ["Storage:DynamoDb:ConfigureTimeToLive"] = "false" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }
}
