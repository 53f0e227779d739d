using System.Net.Http.Headers;
using System.Text.Json;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Policy;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsSignin.Teams.Directory;

/// <summary>
/// Entra ID groups for <c>entra-group:&lt;tenant&gt;/&lt;group object id&gt;</c> entries: the transitive members through
/// Microsoft Graph <c>GET /groups/{id}/transitiveMembers</c> (application permission <c>GroupMember.Read.All</c>), every
/// page by <c>@odata.nextLink</c>, users only, and only those whose <c>accountEnabled</c> is true (a member without
/// that property is treated as disabled: fail closed). 429 honours Retry-After in the client's resilience layer.
/// See https://learn.microsoft.com/graph/api/group-list-transitivemembers.
/// </summary>
internal sealed partial class EntraDirectory(
    IHttpClientFactory httpClients, GraphTokenProvider tokens, IOptions<TeamsOptions> options, ILogger<EntraDirectory> logger) : IDirectory
{
    public const string HttpClientName = "teams-graph";
    private const int MaxPages = 1000;

    public string Kind => DirectoryGroup.EntraGroup;

    public async Task<IReadOnlyList<DirectoryMember>> MembersAsync(DirectoryGroup group, CancellationToken cancellationToken)
    {
        if (!string.Equals(group.Scope, options.Value.TenantId, StringComparison.OrdinalIgnoreCase))
        {
            // The bot's app token reads its own tenant's directory only.
            throw new InvalidOperationException($"{group.Key} is not in the bot's tenant Teams:TenantId.");
        }

        var baseUrl = new Uri(options.Value.GraphBaseUrl.EndsWith('/') ? options.Value.GraphBaseUrl : options.Value.GraphBaseUrl + "/", UriKind.Absolute);
        Uri? next = new(baseUrl, $"groups/{Uri.EscapeDataString(group.Id)}/transitiveMembers?$select=id,displayName,accountEnabled&$top=999");
        var members = new List<DirectoryMember>();
        for (var page = 0; next is not null; page++)
        {
            if (page == MaxPages)
            {
                throw new InvalidOperationException($"{group.Key} has more than {MaxPages} pages of members.");
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, next);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetTokenAsync(cancellationToken));
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                Log.PageFailed(logger, group.Key, (int)response.StatusCode);
                throw new HttpRequestException($"Graph answered {(int)response.StatusCode} for {group.Key}.", null, response.StatusCode);
            }

            using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), default, cancellationToken);
            next = Read(body.RootElement, members);
        }

        return members;
    }

    /// <summary>Disabled accounts are left out of <see cref="MembersAsync"/>, so any listed member is active.</summary>
    public Task<bool> IsActiveAsync(ChatUserId user, CancellationToken cancellationToken) => Task.FromResult(true);

    private static Uri? Read(JsonElement root, List<DirectoryMember> members)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("A Graph page without a value array.");
        }

        foreach (var item in value.EnumerateArray())
        {
            if (String(item, "@odata.type") != "#microsoft.graph.user" || String(item, "id") is not { Length: > 0 } id)
            {
                continue; // nested groups are expanded by transitiveMembers; devices and service principals are not chat users
            }

            var enabled = item.TryGetProperty("accountEnabled", out var flag) && flag.ValueKind == JsonValueKind.True;
            members.Add(new DirectoryMember(id, String(item, "displayName"), enabled));
        }

        return String(root, "@odata.nextLink") is { } link ? new Uri(link, UriKind.Absolute) : null;
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Microsoft Graph refused a page of {Group} with HTTP {Status}")]
        public static partial void PageFailed(ILogger logger, string group, int status);
    }
}
