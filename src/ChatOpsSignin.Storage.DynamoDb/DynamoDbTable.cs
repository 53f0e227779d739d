using Amazon.DynamoDBv2;

namespace ChatOpsSignin.Storage.DynamoDb;

/// <summary>The client and the one table every store of this engine reads and writes.</summary>
public sealed record DynamoDbTable(IAmazonDynamoDB Client, string Name);
