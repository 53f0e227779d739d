using System.Runtime.CompilerServices;
using Amazon.DynamoDBv2.Model;

namespace ChatOpsSignin.Storage.DynamoDb.Items;

/// <summary>
/// Follows a Query's pages. A page stops at <c>Limit</c> items read (before any filter) or 1 MB, so a filtered query may
/// need several pages to find what it wants; the caller stops enumerating once it has enough.
/// </summary>
internal static class Paging
{
    public static async IAsyncEnumerable<Dictionary<string, AttributeValue>> QueryAsync(
        DynamoDbTable table, QueryRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        request.TableName = table.Name;
        do
        {
            var response = await table.Client.QueryAsync(request, cancellationToken);

            // SDK v4 leaves empty collections null (AWSConfigs.InitializeCollections is off by default).
            foreach (var item in response.Items ?? [])
            {
                yield return item;
            }

            request.ExclusiveStartKey = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (request.ExclusiveStartKey is not null);
    }
}
