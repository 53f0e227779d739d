using System.Diagnostics;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ChatOpsSignin.Storage.DynamoDb;
using ChatOpsSignin.Storage.DynamoDb.Approvals;
using ChatOpsSignin.Storage.DynamoDb.Table;
using ChatOpsSignin.Storage.DynamoDb.Work;
using Microsoft.Extensions.Logging.Abstractions;
using static ChatOpsSignin.Tests.Storage.DynamoDb.Samples;

namespace ChatOpsSignin.Tests.Storage.DynamoDb;

[Collection(DynaliteCollection.Name)]
public sealed class DynamoDbTableTests(DynaliteFixture dynalite)
{
    private static TableProvisioner Provisioner(DynamoDbOptions options, Amazon.DynamoDBv2.IAmazonDynamoDB client) =>
        new(new DynamoDbTable(client, options.TableName), options, TimeProvider.System, NullLogger<TableProvisioner>.Instance);

    [Fact]
    public async Task Creating_The_Table_Is_Idempotent_Even_When_Two_Replicas_Start_At_Once()
    {
        var options = dynalite.Server.Options("t-" + Guid.NewGuid().ToString("N"));
        var client = dynalite.Server.Client();

        await Task.WhenAll(
            Provisioner(options, client).EnsureAsync(mayCreate: true, ensureTimeToLive: false, default),
            Provisioner(options, dynalite.Server.Client()).EnsureAsync(mayCreate: true, ensureTimeToLive: false, default));
        await new DynamoDbMigrator(Provisioner(options, client)).MigrateAsync(default);

        var table = (await client.DescribeTableAsync(options.TableName)).Table;
        Assert.Equal(TableStatus.ACTIVE, table.TableStatus);
        Assert.Null(TableSchema.Mismatch(table));
        Assert.Equal(BillingMode.PAY_PER_REQUEST, table.BillingModeSummary?.BillingMode);
    }

    [Fact]
    public async Task A_Missing_Table_Stops_Start_Up_When_It_May_Not_Be_Created()
    {
        var options = dynalite.Server.Options("t-missing-" + Guid.NewGuid().ToString("N"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => Provisioner(options, dynalite.Server.Client()).EnsureAsync(mayCreate: false, ensureTimeToLive: false, default));

        Assert.Contains("Storage:DynamoDb:TableName", error.Message, StringComparison.Ordinal);
        Assert.Contains("Storage:DynamoDb:CreateTable", error.Message, StringComparison.Ordinal);
        Assert.Contains("migrate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Table_With_Other_Keys_Stops_Start_Up()
    {
        var name = "t-other-" + Guid.NewGuid().ToString("N");
        var client = dynalite.Server.Client();
        await client.CreateTableAsync(new CreateTableRequest
        {
            TableName = name,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = [new AttributeDefinition("id", ScalarAttributeType.S)],
            KeySchema = [new KeySchemaElement("id", KeyType.HASH)],
        });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => Provisioner(dynalite.Server.Options(name), client).EnsureAsync(mayCreate: true, ensureTimeToLive: false, default));

        Assert.Contains("Storage:DynamoDb:TableName", error.Message, StringComparison.Ordinal);
        Assert.Contains("key schema", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Turning_On_Ttl_Fails_Loudly_On_An_Engine_Without_It_Unless_Told_Not_To()
    {
        var options = dynalite.Server.Options("t-ttl-" + Guid.NewGuid().ToString("N"));
        options.ConfigureTimeToLive = true;

        // dynalite has no UpdateTimeToLive: never silently tolerated, only skipped with ConfigureTimeToLive=false.
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => Provisioner(options, dynalite.Server.Client()).EnsureAsync(mayCreate: true, ensureTimeToLive: true, default));

        Assert.Contains("Storage:DynamoDb", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_Unreachable_Endpoint_Stops_Start_Up_Within_The_Timeout()
    {
        await using var gone = await DynaliteServer.StartAsync();
        var options = gone.Options();
        options.StartupTimeout = TimeSpan.FromSeconds(5);
        var client = gone.Client();
        await gone.DisposeAsync();
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => Provisioner(options, client).EnsureAsync(mayCreate: true, ensureTimeToLive: false, default));

        Assert.Contains("Storage:DynamoDb", error.Message, StringComparison.Ordinal);
        Assert.Contains(options.ServiceUrl!, error.Message, StringComparison.Ordinal);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task State_Survives_A_Restart_Of_The_Engine()
    {
        var path = Directory.CreateTempSubdirectory("dynalite-").FullName;
        try
        {
            var approval = Pending();
            var work = Work();
            int port;
            await using (var first = await DynaliteServer.StartAsync(path))
            {
                port = first.ServiceUrl.Port;
                var table = new DynamoDbTable(first.Client(), "chatops-signin");
                await Provisioner(first.Options(), table.Client).EnsureAsync(mayCreate: true, ensureTimeToLive: false, default);
                await new DynamoDbApprovalStore(table).TryAddAsync(approval, default);
                await new DynamoDbWorkStore(table).TryAddAsync(work, "a", T0, default);
            }

            await using var second = await DynaliteServer.StartAsync(path, port);
            var reopened = new DynamoDbTable(second.Client(), "chatops-signin");
            await Provisioner(second.Options(), reopened.Client).EnsureAsync(mayCreate: false, ensureTimeToLive: false, default);

            Assert.Equal(approval, await new DynamoDbApprovalStore(reopened).GetAsync(approval.Request.Id, default));
            Assert.Equal(work, Assert.Single(await new DynamoDbWorkStore(reopened).LeaseDueAsync("b", T0, T0.AddMinutes(1), 5, default)).Item);
        }
        finally
        {
            Directory.Delete(path, recursive: true);
        }
    }
}
