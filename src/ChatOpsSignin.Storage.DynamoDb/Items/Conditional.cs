using Amazon.DynamoDBv2.Model;

namespace ChatOpsSignin.Storage.DynamoDb.Items;

/// <summary>
/// A conditional write whose condition fails is an expected outcome here (another replica won, the lease moved on),
/// so it becomes <c>false</c>; every other error stays an exception.
/// </summary>
internal static class Conditional
{
    public static async Task<bool> SucceedsAsync(Func<Task> write)
    {
        try
        {
            await write();
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    public static async Task<T?> OrNullAsync<T>(Func<Task<T>> write)
        where T : class
    {
        try
        {
            return await write();
        }
        catch (ConditionalCheckFailedException)
        {
            return null;
        }
    }
}
