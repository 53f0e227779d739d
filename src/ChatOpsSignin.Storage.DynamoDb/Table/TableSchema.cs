using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ChatOpsSignin.Storage.DynamoDb.Items;

namespace ChatOpsSignin.Storage.DynamoDb.Table;

/// <summary>
/// The one table's key schema, exactly as manifests/aws/dynamodb-table.yaml creates it: <c>pk</c>/<c>sk</c>, GSIs
/// <c>gsi1</c> and <c>gsi2</c> (projection ALL), on-demand billing, TTL on <c>ttl</c>.
/// </summary>
internal static class TableSchema
{
    public static CreateTableRequest Create(string tableName) => new()
    {
        TableName = tableName,
        BillingMode = BillingMode.PAY_PER_REQUEST,
        AttributeDefinitions =
        [
            .. new[] { Keys.Pk, Keys.Sk, Keys.Gsi1Pk, Keys.Gsi1Sk, Keys.Gsi2Pk, Keys.Gsi2Sk }
                .Select(name => new AttributeDefinition(name, ScalarAttributeType.S)),
        ],
        KeySchema = KeyPair(Keys.Pk, Keys.Sk),
        GlobalSecondaryIndexes =
        [
            new GlobalSecondaryIndex { IndexName = Keys.Gsi1, KeySchema = KeyPair(Keys.Gsi1Pk, Keys.Gsi1Sk), Projection = new Projection { ProjectionType = ProjectionType.ALL } },
            new GlobalSecondaryIndex { IndexName = Keys.Gsi2, KeySchema = KeyPair(Keys.Gsi2Pk, Keys.Gsi2Sk), Projection = new Projection { ProjectionType = ProjectionType.ALL } },
        ],
    };

    /// <summary>What is wrong with an existing table's keys for this engine, or null when it fits.</summary>
    public static string? Mismatch(TableDescription table)
    {
        if (!SameKeys(table.KeySchema, Keys.Pk, Keys.Sk))
        {
            return $"its key schema is not {Keys.Pk} (HASH) + {Keys.Sk} (RANGE)";
        }

        foreach (var (index, hash, range) in new[] { (Keys.Gsi1, Keys.Gsi1Pk, Keys.Gsi1Sk), (Keys.Gsi2, Keys.Gsi2Pk, Keys.Gsi2Sk) })
        {
            var gsi = table.GlobalSecondaryIndexes?.FirstOrDefault(g => g.IndexName == index);
            if (gsi is null || !SameKeys(gsi.KeySchema, hash, range) || gsi.Projection?.ProjectionType != ProjectionType.ALL)
            {
                return $"it lacks the global secondary index {index} on {hash} (HASH) + {range} (RANGE) with projection ALL";
            }
        }

        return null;
    }

    private static List<KeySchemaElement> KeyPair(string hash, string range) =>
        [new KeySchemaElement(hash, KeyType.HASH), new KeySchemaElement(range, KeyType.RANGE)];

    private static bool SameKeys(List<KeySchemaElement>? keys, string hash, string range) =>
        keys is { Count: 2 }
        && keys.Any(k => k.AttributeName == hash && k.KeyType == KeyType.HASH)
        && keys.Any(k => k.AttributeName == range && k.KeyType == KeyType.RANGE);
}
