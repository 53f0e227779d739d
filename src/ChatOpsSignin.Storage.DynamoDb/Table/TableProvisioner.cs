using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.DynamoDBv2.Model;
using ChatOpsSignin.Storage.DynamoDb.Items;
using Microsoft.Extensions.Logging;

namespace ChatOpsSignin.Storage.DynamoDb.Table;

/// <summary>
/// Makes sure the table exists, is ACTIVE and has this engine's keys; creates it (and turns TTL on) when allowed. Safe when
/// several replicas start at once: a CreateTable that loses the race (ResourceInUse) just waits for the winner's table.
/// </summary>
internal sealed partial class TableProvisioner(DynamoDbTable table, DynamoDbOptions options, TimeProvider time, ILogger<TableProvisioner> logger)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <param name="mayCreate">Create a missing table; otherwise a missing table is an error that names the setting.</param>
    /// <param name="ensureTimeToLive">Check TTL on an existing table too (migrate has DescribeTimeToLive; the runtime role may not).</param>
    public async Task EnsureAsync(bool mayCreate, bool ensureTimeToLive, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(options.StartupTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var created = false;
            var description = await DescribeAsync(linked.Token);
            if (description is null)
            {
                if (!mayCreate)
                {
                    throw new InvalidOperationException(
                        $"Storage:DynamoDb:TableName: table '{table.Name}' does not exist at {Endpoint()}, and Storage:DynamoDb:CreateTable is false. "
                        + "Create it with `chatops-signin migrate` or manifests/aws/dynamodb-table.yaml, or set Storage:DynamoDb:CreateTable=true.");
                }

                created = await CreateAsync(linked.Token);
            }

            description = await WaitActiveAsync(linked.Token);
            if (TableSchema.Mismatch(description) is { } mismatch)
            {
                throw new InvalidOperationException(
                    $"Storage:DynamoDb:TableName: table '{table.Name}' exists but {mismatch}; see src/ChatOpsSignin.Storage.DynamoDb/README.md for the key schema.");
            }

            if (created || ensureTimeToLive)
            {
                await EnsureTimeToLiveAsync(linked.Token);
            }

            Log.Ready(logger, table.Name, Endpoint(), created);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException(
                $"Storage:DynamoDb: could not get table '{table.Name}' ready at {Endpoint()} within {options.StartupTimeout} "
                + "(Storage:DynamoDb:StartupTimeout); check Storage:DynamoDb:ServiceUrl / Region and the network.");
        }
        catch (Exception exception) when (exception is AmazonServiceException or AmazonClientException or HttpRequestException)
        {
            throw new InvalidOperationException(
                $"Storage:DynamoDb: table '{table.Name}' at {Endpoint()} could not be reached or prepared: {exception.Message} "
                + "Check Storage:DynamoDb:ServiceUrl / Region and the bot's AWS credentials (SDK default chain).",
                exception);
        }
    }

    private async Task<TableDescription?> DescribeAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await table.Client.DescribeTableAsync(new DescribeTableRequest { TableName = table.Name }, cancellationToken)).Table;
        }
        catch (ResourceNotFoundException)
        {
            return null;
        }
    }

    private async Task<bool> CreateAsync(CancellationToken cancellationToken)
    {
        try
        {
            await table.Client.CreateTableAsync(TableSchema.Create(table.Name), cancellationToken);
            Log.Creating(logger, table.Name);
            return true;
        }
        catch (ResourceInUseException)
        {
            // Another replica (or migrate) created it between our describe and create: use theirs.
            return false;
        }
    }

    private async Task<TableDescription> WaitActiveAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var description = await DescribeAsync(cancellationToken);
            if (description?.TableStatus == TableStatus.ACTIVE)
            {
                return description;
            }

            await Task.Delay(PollInterval, time, cancellationToken);
        }
    }

    private async Task EnsureTimeToLiveAsync(CancellationToken cancellationToken)
    {
        if (!options.ConfigureTimeToLive)
        {
            // Only for engines without UpdateTimeToLive (dynalite); reads ignore expired items, but nothing deletes them.
            Log.TimeToLiveSkipped(logger, table.Name);
            return;
        }

        var current = await table.Client.DescribeTimeToLiveAsync(new DescribeTimeToLiveRequest { TableName = table.Name }, cancellationToken);
        var status = current.TimeToLiveDescription?.TimeToLiveStatus;
        if ((status == TimeToLiveStatus.ENABLED || status == TimeToLiveStatus.ENABLING)
            && current.TimeToLiveDescription?.AttributeName == Keys.Ttl)
        {
            return;
        }

        await table.Client.UpdateTimeToLiveAsync(
            new UpdateTimeToLiveRequest
            {
                TableName = table.Name,
                TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = Keys.Ttl, Enabled = true },
            },
            cancellationToken);
    }

    private string Endpoint() => options.ServiceUrl is { Length: > 0 } url ? url : $"the {options.Region ?? "SDK default"} region's endpoint";

    private static partial class Log
    {
        [LoggerMessage(EventId = 620, Level = LogLevel.Information, Message = "Storage: creating DynamoDB table {Table}")]
        public static partial void Creating(ILogger logger, string table);

        [LoggerMessage(EventId = 621, Level = LogLevel.Information, Message = "Storage: DynamoDB table {Table} at {Endpoint} is ready (created now: {Created})")]
        public static partial void Ready(ILogger logger, string table, string endpoint, bool created);

        [LoggerMessage(EventId = 622, Level = LogLevel.Warning,
            Message = "Storage: TTL not configured on DynamoDB table {Table} (Storage:DynamoDb:ConfigureTimeToLive=false): expired replay-guard and rate-limit items are ignored but never deleted")]
        public static partial void TimeToLiveSkipped(ILogger logger, string table);
    }
}
