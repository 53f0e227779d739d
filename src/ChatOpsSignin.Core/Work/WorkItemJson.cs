using System.Text.Json;
using System.Text.Json.Serialization;
using ChatOpsSignin.Core.Requests;

namespace ChatOpsSignin.Core.Work;

/// <summary>
/// The one serialised form of a work item's request and state, shared by every store engine so they read each other's
/// rows the same way. Step, due time and attempt are the stores' own columns (they query on them).
/// </summary>
public static class WorkItemJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Request(SigninRequest request) => JsonSerializer.Serialize(request, Options);

    public static string State(WorkState state) => JsonSerializer.Serialize(state, Options);

    public static WorkItem Read(string requestJson, string stateJson, WorkStep step, DateTimeOffset dueAt, int attempt) => new(
        JsonSerializer.Deserialize<SigninRequest>(requestJson, Options) ?? throw new FormatException("A work item's request is empty."),
        step,
        dueAt,
        attempt,
        JsonSerializer.Deserialize<WorkState>(stateJson, Options) ?? new WorkState());
}
